import { useTranslation } from "react-i18next";
import { Link } from "@remix-run/react";

/** Export of the list as shown (its filter, sort, search and columns), and the way to import. */
export function DataMenu({ table, exportQuery, mayImport }: { table: string; exportQuery: string; mayImport: boolean }) {
  const base = `/api/t/${encodeURIComponent(table)}/export`;
  const { t } = useTranslation();
  return (
    <nav className="data-menu" aria-label={t("dataio.menu")}>
      <details className="data-menu__details">
        <summary className="button button--ghost">{t("dataio.export")}</summary>
        <ul className="data-menu__list">
          <li>
            <a href={`${base}.csv?${exportQuery}`} download>
              {t("dataio.csv")}
            </a>
          </li>
          <li>
            <a href={`${base}.xlsx?${exportQuery}`} download>
              {t("dataio.xlsx")}
            </a>
          </li>
          <li>
            <a href={`${base}.html?${exportQuery}`} target="_blank" rel="noopener">
              {t("dataio.html")}
            </a>
          </li>
        </ul>
      </details>
      {mayImport ? (
        <Link className="button button--ghost" to={`/import/${encodeURIComponent(table)}`}>
          {t("dataio.import")}
        </Link>
      ) : null}
    </nav>
  );
}
