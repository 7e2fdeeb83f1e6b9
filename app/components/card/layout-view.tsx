import { useTranslation } from "react-i18next";
import { Fragment, useRef, type KeyboardEvent, type ReactNode } from "react";
import type { CardLayout, ControlElement, LayoutElement, RelatedListElement } from "@runtime/layouts/types";

export interface LayoutRenderers {
  control(control: ControlElement): ReactNode;
  relatedList(element: RelatedListElement): ReactNode;
}

function Elements({ elements, render }: { elements: LayoutElement[]; render: LayoutRenderers }) {
  return (
    <>
      {elements.map((el, i) => (
        <Fragment key={i}>{renderElement(el, render)}</Fragment>
      ))}
    </>
  );
}

/** Whether anything staff can read is inside: fields, lists or notes (rows and separators alone are not). */
function holdsContent(el: LayoutElement): boolean {
  if (el.type === "Control" || el.type === "RelatedList" || el.type === "Note") return true;
  return "elements" in el && el.elements.some(holdsContent);
}

function renderElement(el: LayoutElement, render: LayoutRenderers): ReactNode {
  switch (el.type) {
    case "Control":
      return <div className="card-grid">{render.control(el)}</div>;
    case "HorizontalLayout":
      return (
        <div className="card-grid">
          {el.elements.map((child, i) => (
            <Fragment key={i}>
              {child.type === "Control" ? (
                render.control(child)
              ) : (
                <div style={{ gridColumn: "span 12" }}>{renderElement(child, render)}</div>
              )}
            </Fragment>
          ))}
        </div>
      );
    case "Group":
      // A section emptied in the designer (its fields moved elsewhere) would be a bare heading here.
      if (!holdsContent(el)) return null;
      return (
        <section className="card-section" aria-label={el.label}>
          <h2 className="card-section__title">{el.label}</h2>
          <div className="card-section__body">
            <Elements elements={el.elements} render={render} />
          </div>
        </section>
      );
    case "VerticalLayout":
      return <Elements elements={el.elements} render={render} />;
    case "RelatedList":
      return render.relatedList(el);
    case "Separator":
      return <hr className="card-separator" />;
    case "Note":
      return <p className="card-note">{el.text}</p>;
  }
}

export interface LayoutViewProps {
  layout: CardLayout;
  render: LayoutRenderers;
  tab: number;
  onTab(tab: number): void;
  /** Before hydration every tab is a link (`?tab=2`), so the card works without JavaScript. */
  hydrated: boolean;
  /** A tab after the layout's own (the History), or a section at the end of a single-page card. */
  extraTab?: { label: string; content: ReactNode };
}

/** Tabs (WAI-ARIA tabs, arrow keys move between them) or a single page, on a 12-column grid. */
export function LayoutView({ layout, render, tab, onTab, hydrated, extraTab }: LayoutViewProps) {
  const tabRefs = useRef<(HTMLAnchorElement | null)[]>([]);
  const { t } = useTranslation();
  if (layout.type !== "Categorization")
    return (
      <>
        <Elements elements={layout.elements} render={render} />
        {extraTab ? (
          <section className="card-section" aria-label={extraTab.label}>
            <h2 className="card-section__title">{extraTab.label}</h2>
            <div className="card-section__body">{extraTab.content}</div>
          </section>
        ) : null}
      </>
    );
  const tabs: { label: string; content: ReactNode }[] = layout.elements.map((c) => ({
    label: c.label,
    content: <Elements elements={c.elements} render={render} />,
  }));
  if (extraTab) tabs.push(extraTab);
  const count = tabs.length;
  const onKeyDown = (event: KeyboardEvent) => {
    const delta = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    const to = event.key === "Home" ? 0 : event.key === "End" ? count - 1 : (tab + delta + count) % count;
    if (!delta && event.key !== "Home" && event.key !== "End") return;
    event.preventDefault();
    onTab(to);
    tabRefs.current[to]?.focus();
  };
  return (
    <div className="card-tabs">
      {/* eslint-disable-next-line jsx-a11y/interactive-supports-focus -- the tabs inside take focus; the list only hears their arrow keys */}
      <div className="card-tabs__list" role="tablist" aria-label={t("cardForm.sections")} onKeyDown={onKeyDown}>
        {tabs.map((c, i) => (
          <a
            key={i}
            ref={(node) => {
              tabRefs.current[i] = node;
            }}
            href={`?tab=${i}`}
            role="tab"
            id={`card-tab-${i}`}
            aria-selected={i === tab}
            aria-controls={`card-panel-${i}`}
            tabIndex={i === tab ? 0 : -1}
            className="card-tabs__tab"
            onClick={(event) => {
              if (!hydrated) return;
              event.preventDefault();
              onTab(i);
            }}
          >
            {c.label}
          </a>
        ))}
      </div>
      {tabs.map((c, i) => (
        // Hidden panels stay in the form: their fields post with the rest.
        <div
          key={i}
          role="tabpanel"
          id={`card-panel-${i}`}
          aria-labelledby={`card-tab-${i}`}
          hidden={i !== tab}
          className="card-tabs__panel"
        >
          {c.content}
        </div>
      ))}
    </div>
  );
}

/** Which tab holds a control or list, so a validation error in a hidden tab can be revealed. */
export function tabOf(layout: CardLayout, matches: (el: LayoutElement) => boolean): number {
  if (layout.type !== "Categorization") return 0;
  const contains = (els: LayoutElement[]): boolean => els.some((el) => matches(el) || ("elements" in el && contains(el.elements)));
  const i = layout.elements.findIndex((c) => contains(c.elements));
  return i < 0 ? 0 : i;
}
