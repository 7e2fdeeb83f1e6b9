import { useTranslation } from "react-i18next";
import { useId } from "react";
import type { PrintMenuItem } from "./print-menu-items";

export interface PrintMenuProps {
  items: PrintMenuItem[];
  /** "invoice", for "No print templates for this invoice yet". */
  noun: string;
}

/**
 * The card's Print menu: a `<details>` popover of plain links, so it works before (and without)
 * hydration. Each template opens its PDF in a new tab or downloads it; one that cannot be printed
 * for this record stays listed, disabled, with the reason.
 */
export function PrintMenu({ items, noun }: PrintMenuProps) {
  const id = useId();
  const { t } = useTranslation();
  return (
    <details className="print-menu">
      <summary className="button button--secondary print-menu__toggle">{t("card.print")}</summary>
      <div className="print-menu__panel" role="group" aria-label={t("card.printTemplates")}>
        {items.length === 0 ? (
          <p className="print-menu__empty">{t("card.noPrintTemplates", { noun })}</p>
        ) : (
          <ul className="print-menu__list">
            {items.map((item, i) =>
              item.unavailable ? (
                <li key={item.id} className="print-menu__item print-menu__item--disabled">
                  <span className="print-menu__name" aria-disabled="true" aria-describedby={`${id}-why-${i}`}>
                    {item.name}
                  </span>
                  <span id={`${id}-why-${i}`} className="print-menu__reason">
                    {item.unavailable}
                  </span>
                </li>
              ) : item.word ? (
                <li key={item.id} className="print-menu__item">
                  <a className="print-menu__name" href={item.href} download>
                    {item.name}
                  </a>
                </li>
              ) : (
                <li key={item.id} className="print-menu__item">
                  <a className="print-menu__name" href={item.href} target="_blank" rel="noopener noreferrer">
                    {item.name}
                  </a>
                  <a
                    className="print-menu__download"
                    href={item.downloadHref}
                    download
                    aria-label={t("card.downloadOf", { name: item.name })}
                  >
                    {t("card.download")}
                  </a>
                </li>
              ),
            )}
          </ul>
        )}
      </div>
    </details>
  );
}
