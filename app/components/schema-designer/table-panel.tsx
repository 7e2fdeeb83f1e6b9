import { useState, type FormEvent } from "react";
import { Trans, useTranslation } from "react-i18next";
import { sayError } from "@runtime/i18n/words";
import { kindName, quoted } from "@schema-designer/words";
import { useWords } from "../../i18n/use-words";
import { sentence } from "./field-form";
import { relationTarget } from "@runtime/fields/structure";
import type { WorkspaceSchema } from "@runtime/schema/types";
import type { DraftOp } from "@schema-designer/draft";
import { describeImpact, impactOfFieldChange } from "@schema-designer/impact";
import type { ProblemPlace } from "@schema-designer/review";
import { ChangeKindForm } from "./change-kind-form";
import { AddFieldForm, FieldSettingsForm, RemoveFieldButton, RenameKeyForm } from "./field-editor";
import { TranslationsForm } from "./translations-form";
import { Labelled } from "./field-form-inputs";
import { SortableFields } from "./sortable-fields";
import { tableLabel } from "./table-list";
import { newNavigationGroup } from "@schema-designer/navigation-groups";

/** The group select's entry that asks for a new group's title instead of choosing one. */
const NEW_GROUP = "\u0000new";

export interface ImpactSources {
  layouts: Record<string, unknown>;
  views: { id: string; name: string; tableId: string; state: unknown }[];
  templates: { id: string; name: string; table: string; html: string }[];
}

type Edit = (op: DraftOp) => string | null;

function Flags({ schema, table, field }: { schema: WorkspaceSchema; table: string; field: string }) {
  const { t } = useTranslation();
  const def = schema.$defs[table].properties[field];
  const flags = [
    (schema.$defs[table].required ?? []).includes(field) ? "required" : "",
    def["x-unique"] ? "unique" : "",
    def["x-indexed"] ? "indexed" : "",
    def["x-searchable"] ? "searchable" : "",
  ].filter(Boolean);
  return (
    <span className="sd-flags-list">
      {flags.map((f) => (
        <span key={f} className="pill">
          {t(`schemaDesigner.flags.${f}`)}
        </span>
      ))}
    </span>
  );
}

function TableSettings({ schema, table, edit, onRemoved }: { schema: WorkspaceSchema; table: string; edit: Edit; onRemoved: () => void }) {
  const { t } = useTranslation();
  const words = useWords();
  const def = schema.$defs[table];
  const [title, setTitle] = useState(def.title ?? "");
  const [plural, setPlural] = useState(def["x-plural"] ?? "");
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const saveLabels = (e: FormEvent) => {
    e.preventDefault();
    const failure = edit({
      op: "setTableLabels",
      table,
      labels: { title: title.trim() || null, plural: plural.trim() || null },
    });
    setError(failure);
    setStatus(failure ? null : t("schemaDesigner.addedToDraft"));
  };
  // Typing a new group's title replaces the select until it is created or cancelled.
  const [newGroupTitle, setNewGroupTitle] = useState<string | null>(null);
  const group = (value: string) => {
    if (value === NEW_GROUP) {
      setNewGroupTitle("");
      return;
    }
    setError(edit({ op: "setGroup", table, group: value === "" ? null : value }));
  };
  const createGroup = () => {
    let made;
    try {
      made = newNavigationGroup(schema, newGroupTitle ?? "");
    } catch (e) {
      setError(`${sentence(sayError(e, words))}.`);
      return;
    }
    const failure = edit({ op: "setGroup", table, group: made });
    setError(failure);
    if (!failure) {
      setNewGroupTitle(null);
      setStatus(t("schemaDesigner.table.movedToGroup", { group: quoted(made.title, words) }));
    }
  };
  const remove = () => {
    const failure = edit({ op: "removeTable", table });
    if (failure) setError(failure);
    else onRemoved();
  };
  return (
    <form
      className="sd-form sd-form--inline sd-table-settings"
      onSubmit={saveLabels}
      aria-label={t("schemaDesigner.table.settingsOf", { table: tableLabel(table, def) })}
      noValidate
    >
      <Labelled label={t("schemaDesigner.tables.title")}>
        {(p) => <input {...p} name="tableTitle" value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Labelled>
      <Labelled label={t("schemaDesigner.table.pluralMenu")}>
        {(p) => <input {...p} name="tablePlural" value={plural} onChange={(e) => setPlural(e.target.value)} />}
      </Labelled>
      <button type="submit" className="button button--small">
        {t("schemaDesigner.table.rename")}
      </button>
      {newGroupTitle === null ? (
        <Labelled label={t("schemaDesigner.group")}>
          {(p) => (
            <select {...p} value={def["x-group"] ?? ""} onChange={(e) => group(e.target.value)}>
              {(schema["x-groups"] ?? []).map((g) => (
                <option key={g.key} value={g.key}>
                  {g.title}
                </option>
              ))}
              <option value="">{t("schemaDesigner.noGroup")}</option>
              <option value={NEW_GROUP}>{t("schemaDesigner.table.newGroupOption")}</option>
            </select>
          )}
        </Labelled>
      ) : (
        <>
          <Labelled label={t("schemaDesigner.table.newGroup")}>
            {(p) => (
              <input
                {...p}
                name="newGroup"
                value={newGroupTitle}
                placeholder={t("schemaDesigner.table.newGroupExample")}
                autoFocus
                onChange={(e) => setNewGroupTitle(e.target.value)}
                onKeyDown={(e) => {
                  // Enter would submit the labels form around it.
                  if (e.key === "Enter") {
                    e.preventDefault();
                    createGroup();
                  } else if (e.key === "Escape") setNewGroupTitle(null);
                }}
              />
            )}
          </Labelled>
          <button type="button" className="button button--small" onClick={createGroup}>
            {t("schemaDesigner.table.createGroup")}
          </button>
          <button type="button" className="button button--small" onClick={() => setNewGroupTitle(null)}>
            {t("timeline.cancel")}
          </button>
        </>
      )}
      <button type="button" className="button button--small button--danger" onClick={remove}>
        {t("schemaDesigner.table.remove")}
      </button>
      {status ? (
        <span role="status" className="sd-saved">
          {status}
        </span>
      ) : null}
      {error ? (
        <p className="sd-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** The selected table: its settings, its fields in order (drag to reorder), and the field editor. */
export function TablePanel({
  baseSchema,
  schema,
  baseVersion,
  table,
  edit,
  sources,
  problems,
  onTableRemoved,
}: {
  /** The applied schema the draft starts from. */
  baseSchema: WorkspaceSchema;
  schema: WorkspaceSchema;
  baseVersion: number;
  table: string;
  edit: Edit;
  sources: ImpactSources;
  problems: ProblemPlace[];
  onTableRemoved: () => void;
}) {
  const { t } = useTranslation();
  const def = schema.$defs[table];
  const [selected, setSelected] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [moveError, setMoveError] = useState<string | null>(null);
  const fields = Object.entries(def.properties).map(([key, field]) => ({
    key,
    label: field.title ?? key,
  }));
  const field = selected && Object.hasOwn(def.properties, selected) ? selected : null;
  const tableProblems = problems.filter((p) => p.table === table && !p.field);

  return (
    <section className="sd-table" aria-labelledby="sd-table-title">
      <header className="sd-table__header">
        <h2 id="sd-table-title">{tableLabel(table, def)}</h2>
        <code className="sd-key">{table}</code>
      </header>
      <TableSettings
        key={`${table}:${def.title}:${def["x-plural"]}`}
        schema={schema}
        table={table}
        edit={edit}
        onRemoved={onTableRemoved}
      />
      <TranslationsForm key={`${table}:${JSON.stringify(def["x-translations"] ?? {})}`} schema={schema} table={table} edit={edit} />
      {tableProblems.map((p) => (
        <p key={p.text} className="sd-error" role="alert">
          {p.text}
        </p>
      ))}
      <div className="sd-table__body">
        <div className="sd-table__fields">
          <div className="sd-table__fields-head">
            <h3>{t("schemaDesigner.table.fields")}</h3>
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                setAdding(true);
                setSelected(null);
              }}
            >
              {t("schemaDesigner.table.addField")}
            </button>
          </div>
          {fields.length === 0 ? <p className="muted">{t("schemaDesigner.table.noFields")}</p> : null}
          <SortableFields
            items={fields}
            onMove={(key, to) => setMoveError(edit({ op: "moveField", table, field: key, toIndex: to }))}
            renderRow={(item, handle) => {
              const fieldDef = def.properties[item.key];
              const fieldProblems = problems.filter((p) => p.table === table && p.field === item.key);
              const target = relationTarget(fieldDef) || null;
              return (
                <div className={item.key === field ? "sd-field__row is-selected" : "sd-field__row"}>
                  {handle}
                  <button
                    type="button"
                    className="sd-field__open"
                    aria-pressed={item.key === field}
                    onClick={() => {
                      setSelected(item.key);
                      setAdding(false);
                    }}
                  >
                    <span className="sd-field__label">{item.label}</span>
                    <code className="sd-key">{item.key}</code>
                  </button>
                  <span className="sd-field__kind">
                    {kindName(fieldDef["x-kind"], t)}
                    {target ? <> → {tableLabel(target, schema.$defs[target], t("schemaDesigner.users"))}</> : null}
                  </span>
                  <Flags schema={schema} table={table} field={item.key} />
                  {fieldProblems.length ? (
                    <ul className="sd-field__problems">
                      {fieldProblems.map((p) => (
                        <li key={p.text} className="sd-error">
                          {p.text}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </div>
              );
            }}
          />
          {moveError ? (
            <p className="sd-error" role="alert">
              {moveError}
            </p>
          ) : null}
        </div>
        <div className="sd-table__editor">
          {adding ? (
            <AddFieldForm
              key={`add:${table}`}
              schema={schema}
              table={table}
              edit={edit}
              onDone={(key) => {
                setAdding(false);
                setSelected(key);
              }}
            />
          ) : field ? (
            <FieldEditor
              key={`${table}.${field}`}
              baseSchema={baseSchema}
              schema={schema}
              baseVersion={baseVersion}
              table={table}
              field={field}
              edit={edit}
              sources={sources}
              onSelect={setSelected}
            />
          ) : (
            <p className="muted sd-table__hint">{t("schemaDesigner.table.hint")}</p>
          )}
        </div>
      </div>
    </section>
  );
}

/**
 * What uses a field today: templates name fields by key, so a field whose key changed in the draft
 * is looked up under its applied key (by its id) in the base schema.
 */
function fieldImpact(base: WorkspaceSchema, draft: WorkspaceSchema, table: string, field: string, sources: ImpactSources) {
  const id = draft.$defs[table].properties[field]["x-id"];
  for (const [tkey, t] of Object.entries(base.$defs))
    for (const [fkey, def] of Object.entries(t.properties))
      if (def["x-id"] === id)
        return impactOfFieldChange({
          schema: base,
          table: tkey,
          field: fkey,
          ...sources,
        });
  return impactOfFieldChange({ schema: draft, table, field, ...sources });
}

function FieldEditor({
  baseSchema,
  schema,
  baseVersion,
  table,
  field,
  edit,
  sources,
  onSelect,
}: {
  baseSchema: WorkspaceSchema;
  schema: WorkspaceSchema;
  baseVersion: number;
  table: string;
  field: string;
  edit: Edit;
  sources: ImpactSources;
  onSelect: (key: string | null) => void;
}) {
  const words = useWords();
  const { t } = useTranslation();
  const def = schema.$defs[table].properties[field];
  const impact = describeImpact(fieldImpact(baseSchema, schema, table, field, sources), words);
  return (
    <div
      className="sd-editor"
      data-field={field}
      aria-label={t("schemaDesigner.field.region", { field: def.title ?? field })}
      role="region"
    >
      <p className="sd-impact">
        <Trans i18nKey="schemaDesigner.field.impact" values={{ field: def.title ?? field, impact }} components={[<strong key="field" />]} />
      </p>
      <FieldSettingsForm key={JSON.stringify(def)} schema={schema} table={table} field={field} edit={edit} />
      <TranslationsForm
        key={`${field}:${JSON.stringify(def["x-translations"] ?? {})}`}
        schema={schema}
        table={table}
        field={field}
        edit={edit}
      />
      <RenameKeyForm table={table} field={field} edit={edit} onRenamed={onSelect} />
      <ChangeKindForm key={def["x-kind"]} schema={schema} baseVersion={baseVersion} table={table} field={field} edit={edit} />
      <RemoveFieldButton
        schema={schema}
        table={table}
        field={field}
        label={def.title ?? field}
        edit={edit}
        onRemoved={() => onSelect(null)}
      />
    </div>
  );
}
