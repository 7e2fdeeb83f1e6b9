import type { Editor } from "grapesjs";
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { DesignerSchema } from "@print-designer/designer-schema";
import { createPrintEditor, type GrapesJs } from "@print-designer/editor";
import { paletteBlocks, type PaletteBlock } from "@print-designer/palette";
import { EXPORT_TEMPLATE, INSERT_BLOCK, REMOVE_SELECTED } from "@print-designer/plugins/commands";
import { SET_PAGE } from "@print-designer/plugins/page-settings";
import type { PageSettings, PrintTemplate } from "@runtime/print/template";
import { useLeaveGuard } from "../use-leave-guard";
import { PageSettingsPanel } from "./page-settings-panel";

export interface PrintDesignerProps {
  template: PrintTemplate;
  tableLabel: string;
  schema: DesignerSchema;
  previewRecords: { id: number; title: string }[];
  /** Removed fields the saved template refers to, in words. */
  problems: string[];
  /** The condition editor, supplied by the route (it reuses the list's filter builder). */
  renderCondition(props: { condition: unknown; onChange(condition: unknown): void }): ReactNode;
  /** GrapesJS, loaded by the route only when this screen opens. */
  loadGrapes(): Promise<GrapesJs>;
}

type Tab = "selected" | "page" | "condition" | "preview" | "layers";
type Status = { kind: "idle" | "saving" | "saved" | "error"; text: string };

async function errorText(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: string };
    return body.error ?? `the server answered ${response.status}`;
  } catch {
    return `the server answered ${response.status}`;
  }
}

/**
 * The print designer: the palette of our blocks, the GrapesJS canvas sized like the printable
 * area of the page, and panels for the selected element, the page, the condition and the live
 * PDF preview. Saving sends HTML, CSS and the project data; the server sanitizes and checks them.
 */
export function PrintDesigner(props: PrintDesignerProps) {
  const { template } = props;
  const canvasRef = useRef<HTMLDivElement>(null);
  const traitsRef = useRef<HTMLDivElement>(null);
  const stylesRef = useRef<HTMLDivElement>(null);
  const layersRef = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState(template.name);
  const [page, setPage] = useState<PageSettings>(template.page);
  const [condition, setCondition] = useState<unknown>(template.condition ?? null);
  const [dirty, setDirty] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: "idle", text: "" });
  const [tab, setTab] = useState<Tab>("selected");
  const [selectedName, setSelectedName] = useState<string | null>(null);
  const [previewRecord, setPreviewRecord] = useState<number | "">(props.previewRecords[0]?.id ?? "");
  const [preview, setPreview] = useState<{ url: string | null; busy: boolean; error: string | null }>({
    url: null,
    busy: false,
    error: null,
  });
  const blocks = useRef<PaletteBlock[]>(paletteBlocks(props.schema)).current;
  const ids = useId();

  useEffect(() => {
    let cancelled = false;
    let made: Editor | null = null;
    props
      .loadGrapes()
      .then((grapes) => {
        if (cancelled || !canvasRef.current) return;
        made = createPrintEditor(
          grapes,
          { canvas: canvasRef.current, traits: traitsRef.current!, styles: stylesRef.current!, layers: layersRef.current! },
          template,
          props.schema,
        );
        made.on("load", () => {
          // Loading itself fires updates; only what the admin does afterwards is a change.
          setTimeout(() => made?.on("update", () => setDirty(true)), 0);
        });
        made.on("component:selected", (c) => {
          setSelectedName(String(c.getName?.() ?? c.get("name") ?? c.get("type") ?? "Element"));
          setTab("selected");
        });
        made.on("component:deselected", () => setSelectedName(null));
        setEditor(made);
      })
      .catch((error: Error) => setLoadError(`The designer could not start: ${error.message}. Reload the page to try again.`));
    return () => {
      cancelled = true;
      made?.destroy();
    };
    // The editor is made once per opened template; later changes go through it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [template.id]);

  useEffect(() => {
    if (editor) editor.runCommand(SET_PAGE, { page });
  }, [editor, page]);

  // The preview panel is wider than the others: the page is refitted whenever the stage changes size.
  useEffect(() => {
    const stage = canvasRef.current;
    if (!editor || !stage || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => editor.runCommand(SET_PAGE, { page }));
    observer.observe(stage);
    return () => observer.disconnect();
  }, [editor, page]);

  // Nothing typed is lost by leaving the page by accident.
  useLeaveGuard(() => dirty, "The template has unsaved changes. Leave without saving?");

  useEffect(
    () => () => {
      if (preview.url) URL.revokeObjectURL(preview.url);
    },
    [preview.url],
  );

  const draft = useCallback(() => {
    if (!editor) return null;
    return {
      table: template.table,
      name: name.trim() || template.name,
      page,
      condition: condition ?? null,
      ...editor.runCommand(EXPORT_TEMPLATE),
    };
  }, [editor, template.table, template.name, name, page, condition]);

  const save = async () => {
    const body = draft();
    if (!body) return;
    if (!name.trim()) {
      setStatus({ kind: "error", text: "Give the template a name before saving." });
      return;
    }
    setStatus({ kind: "saving", text: "Saving…" });
    const { table: _table, ...changes } = body;
    void _table;
    const response = await fetch(`/api/prints/${encodeURIComponent(template.id)}`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(changes),
    }).catch((error: Error) => error);
    if (response instanceof Error)
      return setStatus({
        kind: "error",
        text: `Not saved: the server could not be reached (${response.message}). Your changes are still here; try again.`,
      });
    if (!response.ok) return setStatus({ kind: "error", text: `Not saved: ${await errorText(response)}. Your changes are still here.` });
    setDirty(false);
    setStatus({ kind: "saved", text: `Saved at ${new Date().toLocaleTimeString()}.` });
  };

  const showPreview = async () => {
    const body = draft();
    if (!body || previewRecord === "") return;
    setTab("preview");
    setPreview((p) => ({ ...p, busy: true, error: null }));
    const response = await fetch("/api/prints/preview", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ template: body, recordId: previewRecord }),
    }).catch((error: Error) => error);
    if (response instanceof Error)
      return setPreview((p) => ({ ...p, busy: false, error: `The preview could not be made: ${response.message}` }));
    if (!response.ok) {
      const text = await errorText(response);
      return setPreview((p) => ({ ...p, busy: false, error: `The preview could not be made: ${text}` }));
    }
    const url = URL.createObjectURL(await response.blob());
    setPreview({ url, busy: false, error: null });
  };

  const addBlock = (block: PaletteBlock) => {
    if (!editor) return;
    editor.runCommand(INSERT_BLOCK, { blockId: block.id });
    setDirty(true);
  };

  const removeSelected = () => {
    if (editor?.runCommand(REMOVE_SELECTED)) setDirty(true);
  };

  const tabs: { id: Tab; label: string }[] = [
    { id: "selected", label: "Element" },
    { id: "page", label: "Page" },
    { id: "condition", label: "Condition" },
    { id: "preview", label: "Preview" },
    { id: "layers", label: "Layers" },
  ];

  return (
    <div className="pd" data-testid="print-designer">
      <header className="pd-bar">
        <a className="pd-back" href="/admin/prints">
          ← Print templates
        </a>
        <label className="pd-name">
          <span className="visually-hidden">Template name</span>
          <input
            value={name}
            onChange={(e) => (setName(e.target.value), setDirty(true))}
            maxLength={120}
            required
            aria-label="Template name"
          />
        </label>
        <span className="pd-table">prints {props.tableLabel.toLowerCase()} records</span>
        <span className={`pd-status pd-status--${status.kind}`} role={status.kind === "error" ? "alert" : "status"} aria-live="polite">
          {status.text || (dirty ? "Unsaved changes" : "")}
        </span>
        <button type="button" className="button" onClick={showPreview} disabled={!editor || previewRecord === ""}>
          Preview PDF
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={save}
          disabled={!editor || status.kind === "saving"}
          data-testid="save-template"
        >
          Save
        </button>
      </header>
      {props.problems.length ? (
        <div className="pd-problems" role="alert">
          <strong>This template refers to fields that no longer exist, so it cannot print:</strong>
          <ul>
            {props.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          Remove or replace those fields (the Liquid blocks show them) and save.
        </div>
      ) : null}
      {loadError ? (
        <p className="form-error" role="alert">
          {loadError}
        </p>
      ) : null}
      <div className="pd-body">
        <nav className="pd-palette" aria-label="Blocks">
          <h2>Blocks</h2>
          <p className="pd-hint">Click to add after the selected element (a Field goes into selected text), or drag onto the page.</p>
          <ul>
            {blocks.map((b) => (
              <li key={b.id}>
                <button
                  type="button"
                  className="pd-block"
                  draggable
                  disabled={!editor}
                  data-block={b.id}
                  title={b.hint}
                  onClick={() => addBlock(b)}
                  onDragStart={(e) => {
                    const block = editor?.Blocks.get(b.id);
                    if (block) editor!.Blocks.startDrag(block, e.nativeEvent);
                  }}
                  onDragEnd={() => editor?.Blocks.endDrag(false)}
                >
                  <span className="pd-block__label">{b.label}</span>
                  <span className="pd-block__hint">{b.hint}</span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="pd-stage">
          <div className="pd-canvas" ref={canvasRef} aria-label="Page canvas" />
          {!editor && !loadError ? <p className="pd-loading">Loading the designer…</p> : null}
        </div>
        <aside className={`pd-side${tab === "preview" ? " pd-side--wide" : ""}`} aria-label="Settings">
          <div className="pd-tabs" role="tablist" aria-label="Panels">
            {tabs.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                id={`${ids}-tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls={`${ids}-panel-${t.id}`}
                className="pd-tab"
                onClick={() => setTab(t.id)}
              >
                {t.label}
              </button>
            ))}
          </div>
          <section
            role="tabpanel"
            id={`${ids}-panel-selected`}
            aria-labelledby={`${ids}-tab-selected`}
            hidden={tab !== "selected"}
            className="pd-panel"
          >
            {selectedName ? (
              <div className="pd-selected">
                <h2>{selectedName}</h2>
                <button type="button" className="button button--small button--danger" onClick={removeSelected}>
                  Remove
                </button>
              </div>
            ) : (
              <p className="pd-hint">Select an element on the page to change it.</p>
            )}
            <div ref={traitsRef} className="pd-traits" data-testid="traits" />
            <h3 className="pd-subhead">Look</h3>
            <div ref={stylesRef} className="pd-styles" />
          </section>
          <section
            role="tabpanel"
            id={`${ids}-panel-page`}
            aria-labelledby={`${ids}-tab-page`}
            hidden={tab !== "page"}
            className="pd-panel"
          >
            <PageSettingsPanel page={page} onChange={(p) => (setPage(p), setDirty(true))} />
          </section>
          <section
            role="tabpanel"
            id={`${ids}-panel-condition`}
            aria-labelledby={`${ids}-tab-condition`}
            hidden={tab !== "condition"}
            className="pd-panel"
          >
            {props.renderCondition({ condition, onChange: (c) => (setCondition(c), setDirty(true)) })}
          </section>
          <section
            role="tabpanel"
            id={`${ids}-panel-preview`}
            aria-labelledby={`${ids}-tab-preview`}
            hidden={tab !== "preview"}
            className="pd-panel pd-preview"
          >
            <div className="pd-preview__bar">
              <label>
                Record
                <select value={previewRecord} onChange={(e) => setPreviewRecord(e.target.value === "" ? "" : Number(e.target.value))}>
                  {props.previewRecords.length === 0 ? <option value="">No records to preview with yet</option> : null}
                  {props.previewRecords.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.title}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                className="button button--small"
                onClick={showPreview}
                disabled={!editor || preview.busy || previewRecord === ""}
              >
                {preview.busy ? "Printing…" : "Refresh"}
              </button>
            </div>
            <p className="pd-hint">The unsaved design printed for this record: exactly the PDF it gives once saved.</p>
            {preview.error ? (
              <p className="form-error" role="alert">
                {preview.error}
              </p>
            ) : null}
            {preview.url ? <iframe className="pd-preview__frame" title="PDF preview" src={preview.url} /> : null}
          </section>
          <section
            role="tabpanel"
            id={`${ids}-panel-layers`}
            aria-labelledby={`${ids}-tab-layers`}
            hidden={tab !== "layers"}
            className="pd-panel"
          >
            <div ref={layersRef} className="pd-layers" />
          </section>
        </aside>
      </div>
    </div>
  );
}
