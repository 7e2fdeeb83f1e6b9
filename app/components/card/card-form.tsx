import { useTranslation } from "react-i18next";
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type MouseEvent } from "react";
import { WorkspaceProvider } from "@runtime/fields/ui/workspace-context";
import { getFieldUi } from "@runtime/fields/ui-registry";
import type { RecordRefValue } from "@runtime/fields/ui-types";
import type { ControlElement, RelatedListElement } from "@runtime/layouts/types";
import type { CompiledField, CompiledSchema, CompiledTable } from "@runtime/schema/compile";
import { CSRF_FIELD } from "../../services/auth-rules";
import { CardHeader } from "./card-header";
import type { CardActionData, CardData } from "./card-types";
import { compositionLists, computeCard, differingFields, FORM_KEYS, isComputed, validateCard, type Line, type Lines } from "./card-values";
import { ConflictPanel } from "./conflict-panel";
import { controlId, FieldControl } from "./field-control";
import { LayoutView, tabOf } from "./layout-view";
import { LinesGrid, withKey } from "./lines-grid";
import { isOverdue } from "./overdue";
import { RelatedListView } from "./related-list";
import { Timeline } from "./timeline";
import { CallPrompt } from "./call-prompt";
import { KeptEditNotice } from "./kept-edit-notice";
import { changedSince, useKeptEdit } from "./use-kept-edit";
import { loadFill } from "./relation-fill";
import { controlKey, scopeOf } from "@runtime/layouts/scope";

export const CARD_FORM_ID = "card-form";

export interface CardFormProps {
  data: CardData;
  compiled: CompiledSchema;
  table: CompiledTable;
  actionData?: CardActionData;
  /** Sends the card (with JavaScript); without it the browser posts the form itself. */
  onSubmit?(form: FormData): void;
  onDirtyChange?(dirty: boolean): void;
  /** Called before a deliberate full-page navigation (reloading their version). */
  onLeave?(): void;
  submitting?: boolean;
  deleting?: boolean;
  initialTab?: number;
  /** The session's CSRF token, posted with the card and its delete form (the server refuses a POST without it). */
  csrfToken?: string;
  /** Something was added to the timeline: the card's related lists may have grown. */
  onTimelineAdd?(): void;
  /** The signed-in user: a save without a network is kept on this device under their name. */
  userId?: number;
}

function startingLines(table: CompiledTable, source: Record<string, unknown>): Lines {
  const out: Lines = {};
  for (const l of compositionLists(table)) out[l.name] = ((source[l.name] as Line[] | undefined) ?? []).map(withKey);
  return out;
}

/** What "unsaved" compares: values and lines as staff typed them, without React keys. */
function snapshot(values: Record<string, unknown>, lines: Lines): string {
  return JSON.stringify([
    values,
    Object.fromEntries(Object.entries(lines).map(([k, ls]) => [k, ls.map(({ _key, ...rest }) => (void _key, rest))])),
  ]);
}

/** The card: header, layout, lines and related lists, all in one form that posts without JavaScript too. */
export function CardForm(props: CardFormProps) {
  const { data, compiled, table, actionData } = props;
  const { t } = useTranslation();
  const isNew = data.record === null;
  // What the role may do decides what is offered: a card it may not save is read-only throughout.
  const editable = isNew ? data.rights.create : data.rights.update;
  const locked = useMemo(() => new Set(data.rights.locked), [data.rights.locked]);
  const base = data.record ?? data.initial;
  const [values, setValues] = useState<Record<string, unknown>>(() => ({ ...base, ...(actionData?.values ?? {}) }));
  const [lines, setLines] = useState<Lines>(() => startingLines(table, { ...base, ...(actionData?.lists ?? {}) }));
  const [errors, setErrors] = useState<Record<string, string>>(actionData?.errors ?? {});
  const [checked, setChecked] = useState(false);
  const [tab, setTab] = useState(props.initialTab ?? 0);
  const [hydrated, setHydrated] = useState(false);
  // *Log call*: asked for by the header's action or offered after a tap on a number (tel:).
  const [callRequest, setCallRequest] = useState<{ at: string; seq: number } | null>(null);
  const [tapped, setTapped] = useState<{ at: string; number: string } | null>(null);
  // The version this form was opened at. After a 409 the loader brings their newer version, but a
  // plain Save must still be checked against what the user saw; only "Overwrite" posts theirs.
  const [openedVersion] = useState(() => (typeof data.record?.version === "number" ? data.record.version : undefined));
  const baseline = useMemo(() => snapshot(base, startingLines(table, base)), [base, table]);
  const formRef = useRef<HTMLFormElement>(null);
  const recordId = typeof data.record?.id === "number" ? data.record.id : null;
  const offline = useKeptEdit({
    userId: props.userId,
    table,
    recordId,
    onRestore(changes) {
      const listNames = new Set(compositionLists(table).map((l) => l.name));
      setValues((now) => ({ ...now, ...Object.fromEntries(Object.entries(changes).filter(([k]) => !listNames.has(k))) }));
      const keptLines = Object.entries(startingLines(table, changes)).filter(([name]) => name in changes);
      setLines((now) => ({ ...now, ...Object.fromEntries(keptLines) }));
    },
  });

  useEffect(() => {
    setHydrated(true);
  }, []);
  // Reads the layout through a ref: a revalidation bringing a new layout object must not run the
  // effect below again and bring back errors the user has since fixed.
  const layoutRef = useRef(data.layout);
  layoutRef.current = data.layout;
  const focusFirstProblem = useCallback((found: Record<string, string>) => {
    const first = Object.keys(found)[0];
    if (!first) return;
    const fieldKey = first.split(".")[0];
    setTab(
      tabOf(
        layoutRef.current,
        (el) => (el.type === "Control" && el.scope === scopeOf(fieldKey)) || (el.type === "RelatedList" && el.list === fieldKey),
      ),
    );
    requestAnimationFrame(() => document.getElementById(controlId(first))?.focus());
  }, []);
  useEffect(() => {
    if (actionData?.errors) setErrors(actionData.errors);
    if (actionData?.conflict) requestAnimationFrame(() => document.getElementById("card-conflict")?.focus());
    else if (actionData?.errors) focusFirstProblem(actionData.errors);
  }, [actionData, focusFirstProblem]);

  const computed = useMemo(
    () => computeCard(compiled, table, values, lines, data.formulaLists),
    [compiled, table, values, lines, data.formulaLists],
  );
  const current = snapshot(values, lines);
  // What is kept on this device is not lost when the page is left: not "unsaved".
  // A kept edit restored on a later visit reads as kept too: the record as opened, with its changes.
  // Once sent, the edit is no longer kept, but until the card reloads the record it still shows it.
  const [lastKept, setLastKept] = useState<Record<string, unknown> | null>(null);
  useEffect(() => {
    if (offline.kept) setLastKept(offline.kept.changes);
  }, [offline.kept]);
  const keptChanges = offline.kept?.changes ?? lastKept;
  const restored = useMemo(() => {
    if (!keptChanges) return null;
    const lists = startingLines(table, keptChanges);
    const listNames = new Set(Object.keys(lists));
    const plain = Object.fromEntries(Object.entries(keptChanges).filter(([k]) => !listNames.has(k)));
    const keptLines = Object.fromEntries(Object.entries(lists).filter(([name]) => name in keptChanges));
    return snapshot({ ...base, ...plain }, { ...startingLines(table, base), ...keptLines });
  }, [keptChanges, base, table]);
  const dirty = current !== baseline && current !== offline.keptSnapshot && current !== restored;
  useEffect(() => {
    props.onDirtyChange?.(dirty);
  }, [dirty, props]);

  // Ctrl+S / Cmd+S saves from anywhere on the card, like every desktop application.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
        event.preventDefault();
        if (editable) formRef.current?.requestSubmit();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [editable]);

  function recheck(nextValues: Record<string, unknown>, nextLines: Lines, changed: string[]) {
    const next = { ...errors };
    for (const k of changed) delete next[k];
    if (checked) {
      const fresh = validateCard(compiled, table, nextValues, nextLines, isNew, t);
      for (const k of changed) if (fresh[k]) next[k] = fresh[k];
    }
    setErrors(next);
  }

  const setValue = (key: string) => (value: unknown) => {
    const next = { ...values, [key]: value };
    setValues(next);
    recheck(next, lines, [key]);
    const field = table.fieldsByKey.get(key);
    // Picking a record fills what its relation's `x-fill` names, unless the pick changed meanwhile.
    if (field)
      void loadFill(field, value).then((patch) => {
        if (patch) setValues((now) => (now[key] === value ? { ...now, ...patch } : now));
      });
  };
  const fillLine = (name: string) => (line: Line, field: CompiledField, value: unknown) =>
    void loadFill(field, value).then((patch) => {
      if (!patch) return;
      setLines((all) => ({
        ...all,
        [name]: (all[name] ?? []).map((l) => (l._key === line._key && l[field.key] === value ? { ...l, ...patch } : l)),
      }));
    });
  const setList = (name: string) => (next: Line[]) => {
    const all = { ...lines, [name]: next };
    setLines(all);
    recheck(
      values,
      all,
      Object.keys(errors).filter((k) => k.startsWith(`${name}.`)),
    );
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const intent = submitter?.name === FORM_KEYS.intent ? submitter.value : "save";
    // Enter in a read-only card must not post a save the service would refuse.
    if (!editable && intent !== "delete") return event.preventDefault();
    if (intent === "save" || intent === "overwrite") {
      const found = validateCard(compiled, table, values, lines, isNew, t);
      setChecked(true);
      if (Object.keys(found).length) {
        event.preventDefault();
        setErrors(found);
        focusFirstProblem(found);
        return;
      }
    }
    if (!props.onSubmit) return;
    event.preventDefault();
    if (intent === "save" && recordId !== null && offline.mayKeep && offline.networkIsDown()) {
      keepOnDevice();
      return;
    }
    // The form now carries what was kept: a conflict or a refusal of it is answered like any save's.
    if (intent === "save" || intent === "overwrite") offline.forget();
    const form = new FormData(event.currentTarget);
    if (submitter?.name) form.set(submitter.name, submitter.value);
    props.onSubmit(form);
  }

  function keepOnDevice() {
    if (recordId === null) return;
    offline.keep({
      version: offline.kept?.version ?? openedVersion ?? 0,
      changes: changedSince(base, values, startingLines(table, base), lines, placedKeysFor(data, table), table),
      title,
      snapshot: current,
    });
  }
  // The save went out but the network failed on the way (the route's clientAction says so).
  useEffect(() => {
    if (actionData?.networkFailed) keepOnDevice();
    // Only a new answer of the action keeps the edit, not every change of the values.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [actionData]);

  const expanded = (values._expanded ?? {}) as Record<string, RecordRefValue>;
  const renderControl = (control: ControlElement) => {
    const key = controlKey(control);
    const field = table.fieldsByKey.get(key);
    if (!field) return null;
    return (
      <FieldControl
        key={key}
        field={field}
        name={key}
        value={computed.values[key]}
        onChange={setValue(key)}
        record={computed.values}
        expanded={expanded[key] ?? null}
        format={data.format}
        error={errors[key]}
        label={control.options?.label}
        help={control.options?.help}
        readOnly={!editable || locked.has(key) || control.options?.readOnly}
        width={control.options?.width}
      />
    );
  };
  const renderRelated = (el: RelatedListElement) => {
    const list = table.lists.find((l) => l.name === el.list);
    if (!list) return null;
    if (list.composition)
      return (
        <LinesGrid
          schema={compiled}
          list={list}
          label={el.label ?? t("cardForm.lines")}
          lines={(computed.lines[list.name] ?? []).map((l, i) => ({ ...l, _key: lines[list.name]?.[i]?._key }))}
          onChange={(next) => setList(list.name)(next.map((l, i) => ({ ...l, _key: next[i]._key })))}
          errors={errors}
          format={data.format}
          parent={computed.values}
          hydrated={hydrated}
          readOnly={!editable || locked.has(list.name)}
          onPicked={fillLine(list.name)}
        />
      );
    if (isNew || typeof data.record?.id !== "number")
      return (
        <p className="card-related__empty card-section">
          {t("cardForm.saveFirst", { noun: table.label.toLowerCase(), list: el.label ?? list.name })}
        </p>
      );
    const rel = data.related[list.name] ?? { rows: [], total: 0, columns: [] };
    return (
      <RelatedListView
        schema={compiled}
        list={list}
        label={el.label}
        parentId={data.record.id}
        rows={rel.rows}
        total={rel.total}
        columns={rel.columns}
        format={data.format}
        mayCreate={rel.mayCreate ?? true}
      />
    );
  };

  const logsCalls =
    hydrated &&
    recordId !== null &&
    (data.timeline?.adds.some((a) => a.type === "call") ?? false) &&
    table.fields.some((f) => getFieldUi(f.kind).callHref !== undefined);
  const logCall = (at: string) => {
    setTapped(null);
    setCallRequest((now) => ({ at, seq: (now?.seq ?? 0) + 1 }));
  };
  // The dialler opens; the card remembers when, to offer logging the call once the user is back.
  const noticeCall = (event: MouseEvent<HTMLDivElement>) => {
    const link = (event.target as Element).closest?.('a[href^="tel:"]');
    if (link && logsCalls) setTapped({ at: new Date().toISOString(), number: decodeURIComponent(link.getAttribute("href")!.slice(4)) });
  };

  const titleValue = table.titleField ? computed.values[table.titleField] : null;
  const title =
    titleValue !== null && titleValue !== undefined && titleValue !== ""
      ? String(titleValue)
      : isNew
        ? t("cardForm.newTitle", { noun: table.label.toLowerCase() })
        : `${table.label} #${String(data.record?.id)}`;
  // A kept edit the server found stale is shown as any conflict: theirs from the loader, ours in the form.
  // Theirs is the newer of what the server answered then and what the page has loaded since.
  const keptTheirs = offline.kept?.theirs;
  const theirs = keptTheirs && Number(keptTheirs.version) > Number(data.record?.version ?? 0) ? keptTheirs : data.record;
  const conflict =
    actionData?.conflict ?? (offline.kept?.state === "conflict" && theirs ? { message: "changed meanwhile", current: theirs } : undefined);
  // A one-record table has no list to go back to: its list opens this card.
  const listHref = table.def["x-single"] ? undefined : `/t/${table.key}`;
  const postedKeys = [...placedKeysFor(data, table)].filter((k) => !isComputed(table.fieldsByKey.get(k)!)).join(",");
  const extra = data.extraFields.map((k) => table.fieldsByKey.get(k)).filter((f) => f !== undefined);

  return (
    <WorkspaceProvider schema={compiled}>
      {/* Only notices a tap on a number's link inside it (capture: the link still dials). */}
      <div className="card" onClickCapture={noticeCall}>
        <CardHeader
          title={title}
          tableLabel={table.label}
          listHref={listHref}
          formId={CARD_FORM_ID}
          isNew={isNew}
          version={openedVersion}
          overdue={!isNew && isOverdue(computed.values)}
          dirty={hydrated && dirty}
          saving={props.submitting ?? false}
          deleting={props.deleting ?? false}
          onDelete={hydrated ? props.onSubmit : undefined}
          canSave={editable}
          canDelete={data.rights.delete && !table.def["x-single"]}
          csrfToken={props.csrfToken}
          prints={data.prints}
          mail={data.mail}
          mailTarget={typeof data.record?.id === "number" ? { table: table.key, recordId: data.record.id } : undefined}
          onMailSent={props.onTimelineAdd}
          onLogCall={logsCalls ? () => logCall(new Date().toISOString()) : undefined}
        />
        {tapped ? <CallPrompt number={tapped.number} onLog={() => logCall(tapped.at)} onDismiss={() => setTapped(null)} /> : null}
        {data.notices.length ? (
          <ul className="card-notices" aria-label={t("cardForm.layoutNotices")}>
            {data.notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        ) : null}
        {isNew && !editable ? (
          <p className="card-notices" role="status">
            Your role may not create {table.pluralLabel.toLowerCase()}; ask an administrator if you need to.
          </p>
        ) : null}
        {offline.kept ? <KeptEditNotice edit={offline.kept} /> : null}
        {actionData?.formError && !conflict ? (
          <p className="card-form-error" role="alert">
            {actionData.formError}
          </p>
        ) : null}
        <form method="post" id={CARD_FORM_ID} ref={formRef} onSubmit={onSubmit} noValidate className="card-body">
          {/* The first submit button is the one Enter presses: it must save, not move a line. */}
          {editable ? (
            <button type="submit" name={FORM_KEYS.intent} value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true" />
          ) : null}
          <input type="hidden" name={FORM_KEYS.version} value={offline.kept?.version ?? openedVersion ?? ""} />
          <input type="hidden" name={FORM_KEYS.fields} value={postedKeys} />
          {props.csrfToken ? <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} /> : null}
          {conflict ? (
            <ConflictPanel
              table={table}
              differences={differingFields(compiled, table, conflict.current, values, lines)}
              theirVersion={Number(conflict.current.version)}
              reloadHref={`/t/${table.key}/${String(data.record?.id ?? "")}`}
              format={data.format}
              onReload={() => {
                offline.forget();
                props.onLeave?.();
              }}
            />
          ) : null}
          <LayoutView
            layout={data.layout}
            render={{ control: renderControl, relatedList: renderRelated }}
            tab={tab}
            onTab={setTab}
            hydrated={hydrated}
          />
          {extra.length ? (
            <section className="card-section" aria-label={t("cardForm.otherRequired")}>
              <h2 className="card-section__title">{t("cardForm.otherRequired")}</h2>
              <div className="card-grid">
                {extra.map((f) => renderControl({ type: "Control", scope: scopeOf(f.key), "x-field": f.id }))}
              </div>
            </section>
          ) : null}
        </form>
        {/* Outside the card's form: its quick adds are forms of their own. */}
        {data.timeline && typeof data.record?.id === "number" ? (
          <Timeline
            timeline={data.timeline}
            table={table}
            recordId={data.record.id}
            format={data.format}
            record={data.record}
            onAdded={props.onTimelineAdd}
            callRequest={callRequest}
          />
        ) : null}
      </div>
    </WorkspaceProvider>
  );
}

/** Keys of the fields this card shows and posts: those placed by the layout plus required extras. */
export function placedKeysFor(data: Pick<CardData, "layout" | "extraFields">, table: CompiledTable): Set<string> {
  const keys = new Set<string>(data.extraFields);
  const visit = (els: { type: string; scope?: string; elements?: unknown[] }[]) =>
    els.forEach((el) => {
      if (el.type === "Control" && el.scope) keys.add(controlKey({ scope: el.scope }));
      if (Array.isArray(el.elements)) visit(el.elements as never);
    });
  visit((data.layout.type === "Categorization" ? data.layout.elements.flatMap((c) => c.elements) : data.layout.elements) as never);
  for (const key of [...keys]) if (!table.fieldsByKey.has(key)) keys.delete(key);
  return keys;
}
