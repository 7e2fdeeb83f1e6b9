import { Form, Link, useNavigate, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { NavigationSection } from "../utils/navigation";
import { Highlight } from "./highlight";

interface Group {
  table: string;
  label: string;
  total: number;
  totalExact: boolean;
  rows: { id: number; title: string }[];
}

/**
 * The header's search box: results grouped by table as you type (clients, contacts, contracts,
 * invoices by number), arrow keys to move, Enter to open. Without JavaScript it is a GET form to
 * the search page.
 */
export function GlobalSearch() {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const [groups, setGroups] = useState<Group[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const navigate = useNavigate();
  const listId = useId();
  const abort = useRef<AbortController | null>(null);
  const flat = groups.flatMap((g) => g.rows.map((r) => ({ ...r, table: g.table })));
  // The API names tables in English; the navigation beside the box has them in the reader's words.
  const navigation = useRouteLoaderData<{ navigation?: NavigationSection[] }>("root")?.navigation ?? [];
  const tableLabel = new Map(navigation.flatMap((s) => s.tables.map((table) => [table.key, table.label] as const)));

  useEffect(() => {
    const text = q.trim();
    if (!text) {
      setGroups([]);
      return;
    }
    const timer = setTimeout(async () => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      try {
        const res = await fetch(`/api/search?q=${encodeURIComponent(text)}`, { signal: controller.signal });
        if (res.ok) {
          setGroups(((await res.json()) as { groups: Group[] }).groups);
          setActive(-1);
          setOpen(true);
        }
      } catch {
        // a newer search replaced this one
      }
    }, 180);
    return () => clearTimeout(timer);
  }, [q]);

  const go = (row: { table: string; id: number }) => {
    setOpen(false);
    navigate(`/t/${row.table}/${row.id}`);
  };

  return (
    <Form
      method="get"
      action="/search"
      className="global-search"
      role="search"
      onSubmit={(e) => {
        if (active >= 0 && flat[active]) {
          e.preventDefault();
          go(flat[active]);
        }
      }}
    >
      <label htmlFor={`${listId}-input`} className="visually-hidden">
        {t("search.label")}
      </label>
      <input
        id={`${listId}-input`}
        name="q"
        type="search"
        placeholder={t("search.placeholder")}
        autoComplete="off"
        role="combobox"
        aria-expanded={open && flat.length > 0}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onFocus={() => groups.length && setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, flat.length - 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, -1));
          } else if (e.key === "Escape") setOpen(false);
        }}
      />
      {open && q.trim() ? (
        <div className="global-search-results" id={listId} role="listbox" aria-label={t("search.results")}>
          {groups.length === 0 ? <p className="global-search-empty">{t("search.nothingFound", { q: q.trim() })}</p> : null}
          {groups.map((g) => (
            <div key={g.table} role="group" aria-label={tableLabel.get(g.table) ?? g.label}>
              <div className="global-search-group">
                {tableLabel.get(g.table) ?? g.label}
                <span>{g.totalExact ? g.total : `${g.total}+`}</span>
              </div>
              {g.rows.map((r) => {
                const index = flat.findIndex((f) => f.table === g.table && f.id === r.id);
                return (
                  // eslint-disable-next-line jsx-a11y/interactive-supports-focus -- a combobox option: focus stays in the input, which points here with aria-activedescendant
                  <div
                    key={r.id}
                    id={`${listId}-${index}`}
                    role="option"
                    aria-selected={index === active}
                    className={index === active ? "global-search-option active" : "global-search-option"}
                    onMouseDown={(e) => {
                      e.preventDefault();
                      go({ table: g.table, id: r.id });
                    }}
                  >
                    <Highlight text={r.title} q={q} />
                  </div>
                );
              })}
              {g.total > g.rows.length ? (
                <Link
                  className="global-search-more"
                  to={`/t/${g.table}?q=${encodeURIComponent(q.trim())}`}
                  onMouseDown={(e) => e.preventDefault()}
                >
                  {t("search.all", {
                    n: g.totalExact ? g.total : `${g.total}+`,
                    label: (tableLabel.get(g.table) ?? g.label).toLowerCase(),
                  })}
                </Link>
              ) : null}
            </div>
          ))}
        </div>
      ) : null}
    </Form>
  );
}
