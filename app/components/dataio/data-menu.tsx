import { Link } from "@remix-run/react";

/** Export of the list as shown (its filter, sort, search and columns), and the way to import. */
export function DataMenu({ table, exportQuery, mayImport }: { table: string; exportQuery: string; mayImport: boolean }) {
  const base = `/api/t/${encodeURIComponent(table)}/export`;
  return (
    <nav className="data-menu" aria-label="Import and export">
      <details className="data-menu__details">
        <summary className="button button--ghost">Export</summary>
        <ul className="data-menu__list">
          <li>
            <a href={`${base}.csv?${exportQuery}`} download>
              CSV (this view)
            </a>
          </li>
          <li>
            <a href={`${base}.xlsx?${exportQuery}`} download>
              Excel XLSX (this view)
            </a>
          </li>
          <li>
            <a href={`${base}.html?${exportQuery}`} target="_blank" rel="noopener">
              Printable page (this view)
            </a>
          </li>
        </ul>
      </details>
      {mayImport ? (
        <Link className="button button--ghost" to={`/import/${encodeURIComponent(table)}`}>
          Import…
        </Link>
      ) : null}
    </nav>
  );
}
