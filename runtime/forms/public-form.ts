/**
 * Pure rules of public web forms (docs/decisions/030-public-forms.md): which fields a visitor may
 * fill, the layout they see, where the form may be embedded and posted from. No I/O here.
 */
import { fieldKinds, typableByVisitor } from "../fields/registry";
import type { CardLayout, LayoutElement, VerticalLayoutElement } from "../layouts/types";
import type { CompiledField, CompiledTable } from "../schema/compile";
import type { WorkspaceSchema } from "../schema/types";

/** `/f/<slug>`: lower-case letters, digits and inner dashes, so a link reads well and never needs escaping. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/**
 * The honeypot's input name. People never see the field (it sits off-screen, hidden from screen
 * readers and out of the tab order); form-filling bots do, and fill a "homepage" field gladly.
 * The leading underscore keeps it apart from field keys, which cannot start with one.
 */
export const HONEYPOT_FIELD = "_homepage";

/** Marks the iframe snippet's link (`?embed=1`); the form posts it back so its thank-you looks the same. */
export const EMBED_PARAM = "embed";

/** Query-string parameters a form page keeps in hidden inputs, and the field keys that receive them. */
export const UTM_FIELDS = ["utm_source", "utm_campaign"] as const;
export type UtmValues = Partial<Record<(typeof UTM_FIELDS)[number], string>>;

/** The relation field a posted utm_campaign links to, by its target's title or `code`. */
export const CAMPAIGN_FIELD = "campaign";

/** The longest UTM value kept: longer ones are cut, not refused (a visitor cannot fix a link). */
const UTM_MAX = 200;

/**
 * Whether a visitor may type this field. Not computed values, not links to other records (the
 * picker searches records a visitor may not see), not files (uploads need a signed-in owner), and
 * not the UTM fields, which the page's own address fills.
 */
export function publishableField(field: CompiledField): boolean {
  return typableByVisitor(field) && !(UTM_FIELDS as readonly string[]).includes(field.key);
}

/**
 * The card layout cut down to the chosen fields a visitor may fill: related lists, read-only
 * cells and emptied sections go; tabs become sections, since a public form is one page.
 */
export function publicLayout(layout: CardLayout, table: CompiledTable, chosenFieldIds: ReadonlySet<string>): VerticalLayoutElement {
  const keep = (el: LayoutElement): LayoutElement | null => {
    switch (el.type) {
      case "Control": {
        const field = table.fields.find((f) => f.id === el["x-field"]);
        return field && chosenFieldIds.has(field.id) && publishableField(field) && !el.options?.readOnly ? el : null;
      }
      case "RelatedList":
        return null;
      case "Separator":
      case "Note":
        return el;
      default: {
        const elements = el.elements.map(keep).filter((e): e is LayoutElement => e !== null);
        return elements.some(holdsControl) ? { ...el, elements } : null;
      }
    }
  };
  // A tab made of sections gives its sections; other tabs become a section of their own.
  const top: LayoutElement[] =
    layout.type === "Categorization"
      ? layout.elements.flatMap((c): LayoutElement[] =>
          c.elements.every((e) => e.type === "Group") ? c.elements : [{ type: "Group", label: c.label, elements: c.elements }],
        )
      : layout.elements;
  let elements = top.map(keep).filter((e): e is LayoutElement => e !== null);
  // One section alone (or within another) needs no heading: the form's title says it.
  while (elements.length === 1 && elements[0].type === "Group") elements = elements[0].elements;
  return { type: "VerticalLayout", elements };
}

function holdsControl(el: LayoutElement): boolean {
  return el.type === "Control" || ("elements" in el && el.elements.some(holdsControl));
}

/** Keys of the fields a published layout lets a visitor set: the only keys a post may carry. */
export function formFieldKeys(layout: CardLayout, table: CompiledTable): string[] {
  const keys: string[] = [];
  const visit = (els: LayoutElement[]) =>
    els.forEach((el) => {
      if (el.type === "Control") {
        const field = table.fields.find((f) => f.id === el["x-field"]);
        if (field && publishableField(field) && !el.options?.readOnly) keys.push(field.key);
      } else if ("elements" in el) visit(el.elements);
    });
  if (layout.type === "Categorization") layout.elements.forEach((c) => visit(c.elements));
  else visit(layout.elements);
  return keys;
}

/** Required fields a visitor could not fill: the admin screen warns, since every post would fail. */
export function requiredFieldsMissing(table: CompiledTable, keys: readonly string[]): CompiledField[] {
  return table.fields.filter((f) => f.required && f.def.default === undefined && !keys.includes(f.key) && !fieldKinds[f.kind].readOnly);
}

/** The UTM parameters of a page address (or of posted hidden inputs), trimmed and cut to size. */
export function utmFrom(read: (name: string) => string | null | undefined): UtmValues {
  const out: UtmValues = {};
  for (const name of UTM_FIELDS) {
    const value = read(name)?.trim();
    if (value) out[name] = value.slice(0, UTM_MAX);
  }
  return out;
}

export type OriginsParse = { ok: true; origins: string[] } | { ok: false; error: string };

/** The admin's allowed origins, one per line or separated by commas: each `https://host[:port]`, nothing after. */
export function parseAllowedOrigins(text: string): OriginsParse {
  const origins: string[] = [];
  for (const item of text.split(/[\s,]+/).filter(Boolean)) {
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      return { ok: false, error: `"${item.slice(0, 80)}" is not a web address: write it like https://www.example.com` };
    }
    if ((url.protocol !== "https:" && url.protocol !== "http:") || url.origin === "null")
      return { ok: false, error: `"${item.slice(0, 80)}" must start with https:// (or http://)` };
    // A host is letters, digits, dots and hyphens: anything else (";") would end up in the page's
    // Content-Security-Policy as a directive of its own.
    if (!/^\[?[a-z0-9.:-]+\]?(:\d+)?$/i.test(url.host))
      return { ok: false, error: `"${item.slice(0, 80)}" is not a plain host name: write it like https://www.example.com` };
    if (item.replace(/\/$/, "") !== url.origin)
      return { ok: false, error: `"${item.slice(0, 80)}" has a path: an origin is only the scheme and host, like ${url.origin}` };
    if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  return { ok: true, origins };
}

/**
 * Whether a post may come from where it says it came from. Without allowed origins anyone may
 * post. With them, the page's own origin (the form itself, framed or not) and the listed ones may,
 * judged by Origin, else Referer; a post that names neither is refused, as a browser always names one.
 */
export function postOriginAllowed(
  post: { origin: string | null; referer: string | null; selfOrigins: string[] },
  allowed: readonly string[],
): boolean {
  if (allowed.length === 0) return true;
  const source = post.origin && post.origin !== "null" ? post.origin : post.referer;
  if (!source) return false;
  let origin: string;
  try {
    origin = new URL(source).origin;
  } catch {
    return false;
  }
  return post.selfOrigins.includes(origin) || allowed.includes(origin);
}

/** The CSP `frame-ancestors` of a form page: anywhere when no origins are listed, else those and this site. */
export function frameAncestors(allowed: readonly string[]): string {
  return allowed.length === 0 ? "*" : ["'self'", ...allowed].join(" ");
}

/**
 * All of the workspace a visitor's page carries: the form's table with only its published fields
 * and what a table needs to compile. A stranger's browser learns nothing else of the data model
 * (other tables, hidden fields, formulas, rules, indexes, the navigation).
 */
export function publishedSchema(schema: WorkspaceSchema, tableKey: string, fields: readonly string[]): WorkspaceSchema {
  const table = Object.hasOwn(schema.$defs, tableKey) ? schema.$defs[tableKey] : undefined;
  if (!table) return { $schema: schema.$schema, $defs: {} };
  const properties = Object.fromEntries(Object.entries(table.properties).filter(([key]) => fields.includes(key)));
  const titleField = table["x-title-field"];
  return {
    $schema: schema.$schema,
    $defs: {
      [tableKey]: {
        type: "object",
        "x-id": table["x-id"],
        ...(table.title ? { title: table.title } : {}),
        ...(table["x-plural"] ? { "x-plural": table["x-plural"] } : {}),
        ...(titleField && fields.includes(titleField) ? { "x-title-field": titleField } : {}),
        properties,
        ...(table.required ? { required: table.required.filter((key) => fields.includes(key)) } : {}),
      },
    },
  } as WorkspaceSchema;
}
