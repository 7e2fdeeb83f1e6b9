import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { USERS_TABLE, type TableSchema, type WorkspaceSchema } from "@runtime/schema/types";
import type { DraftOp } from "@schema-designer/draft";
import { tableKeyFromLabels } from "./field-form";
import { Labelled } from "./field-form-inputs";

/** A table's menu label; `users` names the built-in users table, which has no schema of its own. */
export const tableLabel = (key: string, t: TableSchema | undefined, users = "Users") =>
  t?.["x-plural"] ?? t?.title ?? (key === USERS_TABLE ? users : key);

/** Tables by navigation group, in menu order; tables in no group come last, under `noGroup`. */
export function groupedTables(schema: WorkspaceSchema, noGroup = "No group"): { key: string | null; title: string; tables: string[] }[] {
  const byOrder = (a: string, b: string) => (schema.$defs[a]["x-order"] ?? 0) - (schema.$defs[b]["x-order"] ?? 0);
  const keys = Object.keys(schema.$defs);
  const groups = (schema["x-groups"] ?? []).map((g) => ({
    key: g.key as string | null,
    title: g.title,
    tables: keys.filter((k) => schema.$defs[k]["x-group"] === g.key).sort(byOrder),
  }));
  const known = new Set(groups.map((g) => g.key));
  const loose = keys
    .filter((k) => {
      const group = schema.$defs[k]["x-group"];
      return group === undefined || !known.has(group);
    })
    .sort(byOrder);
  return loose.length ? [...groups, { key: null, title: noGroup, tables: loose }] : groups;
}

/** Moves a table one place up or down within its group; the whole order is what reorderTables takes. */
function reordered(schema: WorkspaceSchema, table: string, delta: -1 | 1): string[] | null {
  const flat = groupedTables(schema).flatMap((g) => g.tables);
  const group = groupedTables(schema).find((g) => g.tables.includes(table));
  if (!group) return null;
  const i = group.tables.indexOf(table);
  const j = i + delta;
  if (j < 0 || j >= group.tables.length) return null;
  const a = flat.indexOf(table);
  const b = flat.indexOf(group.tables[j]);
  [flat[a], flat[b]] = [flat[b], flat[a]];
  return flat;
}

export function TableList({
  schema,
  selected,
  onSelect,
  edit,
  problemTables,
}: {
  schema: WorkspaceSchema;
  selected: string | null;
  onSelect: (key: string) => void;
  edit: (op: DraftOp) => string | null;
  problemTables: Set<string>;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const move = (table: string, delta: -1 | 1) => {
    const order = reordered(schema, table, delta);
    if (order) setError(edit({ op: "reorderTables", order }));
  };
  return (
    <nav className="sd-tables" aria-label={t("nav.tables")}>
      {groupedTables(schema, t("schemaDesigner.noGroup")).map((g) => (
        <section key={g.key ?? "none"} className="sd-tables__group" aria-label={g.title}>
          <h3>{g.title}</h3>
          <ul>
            {g.tables.map((key, i) => (
              <li key={key} className={key === selected ? "is-selected" : undefined}>
                <button
                  type="button"
                  className="sd-tables__pick"
                  aria-current={key === selected ? "true" : undefined}
                  onClick={() => onSelect(key)}
                  data-table={key}
                >
                  {tableLabel(key, schema.$defs[key])}
                  {problemTables.has(key) ? (
                    <span className="sd-badge sd-badge--danger" title={t("schemaDesigner.tables.problemsHere")}>
                      !<span className="visually-hidden"> {t("schemaDesigner.tables.hasProblems")}</span>
                    </span>
                  ) : null}
                </button>
                <span className="sd-tables__order">
                  <button
                    type="button"
                    className="sd-icon-button"
                    aria-label={t("columns.moveUp", { label: tableLabel(key, schema.$defs[key]) })}
                    disabled={i === 0}
                    onClick={() => move(key, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="sd-icon-button"
                    aria-label={t("columns.moveDown", { label: tableLabel(key, schema.$defs[key]) })}
                    disabled={i === g.tables.length - 1}
                    onClick={() => move(key, 1)}
                  >
                    ↓
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {error ? (
        <p className="sd-error" role="alert">
          {error}
        </p>
      ) : null}
      <NewTableForm schema={schema} edit={edit} onAdded={onSelect} />
    </nav>
  );
}

function NewTableForm({
  schema,
  edit,
  onAdded,
}: {
  schema: WorkspaceSchema;
  edit: (op: DraftOp) => string | null;
  onAdded: (key: string) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState("");
  const [plural, setPlural] = useState("");
  const [key, setKey] = useState("");
  const [keyTouched, setKeyTouched] = useState(false);
  const [group, setGroup] = useState(schema["x-groups"]?.[0]?.key ?? "");
  const [error, setError] = useState<string | null>(null);
  if (!open)
    return (
      <button type="button" className="button button--small sd-tables__new" onClick={() => setOpen(true)}>
        {t("schemaDesigner.tables.new")}
      </button>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return setError(t("schemaDesigner.tables.nameMissing"));
    const failure = edit({
      op: "addTable",
      args: {
        key: key.trim(),
        title: title.trim(),
        plural: plural.trim() || undefined,
        group: group || undefined,
      },
    });
    if (failure) return setError(failure);
    onAdded(key.trim());
    setOpen(false);
    setTitle("");
    setPlural("");
    setKey("");
    setKeyTouched(false);
    setError(null);
  };
  return (
    <form className="sd-form sd-form--compact" onSubmit={submit} aria-label={t("schemaDesigner.tables.newTable")} noValidate>
      <Labelled label={t("schemaDesigner.tables.title")}>
        {(p) => (
          <input
            {...p}
            value={title}
            onChange={(e) => {
              setTitle(e.target.value);
              if (!keyTouched) setKey(tableKeyFromLabels(e.target.value, plural));
            }}
            placeholder={t("schemaDesigner.tables.titleExample")}
            autoFocus
          />
        )}
      </Labelled>
      <Labelled label={t("schemaDesigner.tables.plural")}>
        {(p) => (
          <input
            {...p}
            value={plural}
            onChange={(e) => {
              setPlural(e.target.value);
              if (!keyTouched) setKey(tableKeyFromLabels(title, e.target.value));
            }}
            placeholder={t("schemaDesigner.tables.pluralExample")}
          />
        )}
      </Labelled>
      <Labelled label={t("schemaDesigner.key")}>
        {(p) => (
          <input
            {...p}
            className="sd-code"
            value={key}
            onChange={(e) => {
              setKeyTouched(true);
              setKey(e.target.value);
            }}
          />
        )}
      </Labelled>
      <Labelled label={t("schemaDesigner.group")}>
        {(p) => (
          <select {...p} value={group} onChange={(e) => setGroup(e.target.value)}>
            {(schema["x-groups"] ?? []).map((g) => (
              <option key={g.key} value={g.key}>
                {g.title}
              </option>
            ))}
            <option value="">{t("schemaDesigner.noGroup")}</option>
          </select>
        )}
      </Labelled>
      {error ? (
        <p className="sd-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="sd-form__actions">
        <button type="submit" className="button button--small">
          {t("schemaDesigner.tables.add")}
        </button>
        <button type="button" className="button button--small" onClick={() => setOpen(false)}>
          {t("timeline.cancel")}
        </button>
      </div>
    </form>
  );
}
