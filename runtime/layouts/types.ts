import type { Phrase } from "../i18n/words";

/**
 * The card layout: a JSON Forms–style UI schema per table. Controls point at fields by their
 * stable `x-field` id; `scope` is kept for JSON Forms tools and rewritten from the id on every
 * resolve, so a renamed field never breaks a layout.
 */
/**
 * A layout's own words in other languages (ADR 035), beside the words themselves:
 * `{ "sv": { "label": "Betalning" } }`. Labels the layout does not set come from the schema,
 * which has its own translations.
 */
export type LayoutTranslations = Record<string, { label?: string; help?: string; text?: string }>;

export interface ControlOptions {
  /** Columns of the 12-column grid this control spans. */
  width?: number;
  /** Overrides the field's label on this card. */
  label?: string;
  /** Overrides the field's help text on this card. */
  help?: string;
  readOnly?: boolean;
  "x-translations"?: LayoutTranslations;
}

export interface ControlElement {
  type: "Control";
  /** `#/properties/<field key>`. */
  scope: string;
  /** The field's `x-id`: what the layout really points at. */
  "x-field": string;
  options?: ControlOptions;
}

export interface RelatedListElement {
  type: "RelatedList";
  /** The list's `x-inverse` name on this table, e.g. `contacts` or `items`. */
  list: string;
  /** Field ids of the child table shown as columns; default: title and a few fields. */
  columns?: string[];
  label?: string;
  "x-translations"?: LayoutTranslations;
}

export interface SeparatorElement {
  type: "Separator";
}

export interface NoteElement {
  type: "Note";
  text: string;
  "x-translations"?: LayoutTranslations;
}

export interface HorizontalLayoutElement {
  type: "HorizontalLayout";
  elements: LayoutElement[];
}

export interface GroupElement {
  type: "Group";
  label: string;
  elements: LayoutElement[];
  "x-translations"?: LayoutTranslations;
}

export interface VerticalLayoutElement {
  type: "VerticalLayout";
  elements: LayoutElement[];
}

export type LayoutElement =
  ControlElement | RelatedListElement | SeparatorElement | NoteElement | HorizontalLayoutElement | GroupElement | VerticalLayoutElement;

export interface CategoryElement {
  type: "Category";
  label: string;
  elements: LayoutElement[];
  "x-translations"?: LayoutTranslations;
}

export interface CategorizationLayout {
  type: "Categorization";
  elements: CategoryElement[];
}

/** A card with tabs (Categorization) or a single page (VerticalLayout). */
export type CardLayout = CategorizationLayout | VerticalLayoutElement;

/** Something a layout says that no longer holds, found while resolving it against the schema. */
export interface LayoutNotice {
  /** JSON Pointer into the layout, e.g. `/elements/0/elements/2`. */
  path: string;
  message: string;
  /** The message as a catalog phrase, for the designer in its reader's language. */
  words?: Phrase;
}

export const GRID_COLUMNS = 12;
