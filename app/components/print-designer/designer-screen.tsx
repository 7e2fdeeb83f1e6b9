import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../i18n/use-locale";
import { useWords } from "../../i18n/use-words";
import type { DesignerSchema } from "@print-designer/designer-schema";
import type { GrapesJs } from "@print-designer/editor";
import { paletteBlocks, type PaletteBlock } from "@print-designer/palette";
import { EXPORT_TEMPLATE, INSERT_BLOCK, REMOVE_SELECTED } from "@print-designer/plugins/commands";
import { SET_PAGE } from "@print-designer/plugins/page-settings";
import type { PageSettings, PrintTemplate } from "@runtime/print/template";
import { useLeaveGuard } from "../use-leave-guard";
import { BlockPalette } from "./block-palette";
import { DesignerBar, type SaveStatus } from "./designer-bar";
import { ElementPanel } from "./element-panel";
import { PageSettingsPanel } from "./page-settings-panel";
import { PreviewPanel, type PreviewState } from "./preview-panel";
import { ProblemsNotice } from "./problems-notice";
import { PanelTabs, TabPanel, type PanelId } from "./side-tabs";
import { previewTemplate, saveTemplate, type TemplateDraft } from "./template-api";
import { usePrintEditor } from "./use-print-editor";
import { DocumentLanguagePanel, type DocumentLanguage, type DocumentLanguageOptions } from "./document-language-panel";

export interface PrintDesignerProps {
  template: PrintTemplate;
  tableLabel: string;
  schema: DesignerSchema;
  previewRecords: { id: number; title: string }[];
  /** Removed fields the saved template refers to, in words. */
  problems: string[];
  /** Where the document's language may come from (ADR 035). */
  languageOptions: DocumentLanguageOptions;
  /** The condition editor, supplied by the route (it reuses the list's filter builder). */
  renderCondition(props: { condition: unknown; onChange(condition: unknown): void }): ReactNode;
  /** GrapesJS, loaded by the route only when this screen opens. */
  loadGrapes(): Promise<GrapesJs>;
}

/**
 * The print designer: the palette of our blocks, the GrapesJS canvas sized like the printable
 * area of the page, and panels for the selected element, the page, the condition and the live
 * PDF preview. Saving sends HTML, CSS and the project data; the server sanitizes and checks them.
 */
export function PrintDesigner(props: PrintDesignerProps) {
  const { template } = props;
  const { t } = useTranslation();
  const words = useWords();
  const locale = useLocale();
  const canvasRef = useRef<HTMLDivElement>(null);
  const traitsRef = useRef<HTMLDivElement>(null);
  const stylesRef = useRef<HTMLDivElement>(null);
  const layersRef = useRef<HTMLDivElement>(null);
  const [name, setName] = useState(template.name);
  const [page, setPage] = useState<PageSettings>(template.page);
  const [condition, setCondition] = useState<unknown>(template.condition ?? null);
  const [documentLanguage, setDocumentLanguage] = useState<DocumentLanguage>({
    languageFrom: template.languageFrom ?? null,
    language: template.language ?? null,
  });
  const [dirty, setDirty] = useState(false);
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle", text: "" });
  const [tab, setTab] = useState<PanelId>("selected");
  const [selectedName, setSelectedName] = useState<string | null>(null);
  const [previewRecord, setPreviewRecord] = useState<number | "">(props.previewRecords[0]?.id ?? "");
  const [preview, setPreview] = useState<PreviewState>({ url: null, busy: false, error: null });
  const [blocks] = useState<PaletteBlock[]>(() => paletteBlocks(props.schema, words));
  const ids = useId();

  const { editor, loadError } = usePrintEditor({
    template,
    schema: props.schema,
    loadGrapes: props.loadGrapes,
    words,
    targets: { canvas: canvasRef, traits: traitsRef, styles: stylesRef, layers: layersRef },
    onChange: () => setDirty(true),
    onSelect: (selected) => {
      setSelectedName(selected);
      setTab("selected");
    },
    onDeselect: () => setSelectedName(null),
  });

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
  useLeaveGuard(() => dirty, t("printDesigner.leave"));

  useEffect(
    () => () => {
      if (preview.url) URL.revokeObjectURL(preview.url);
    },
    [preview.url],
  );

  const draft = useCallback((): TemplateDraft | null => {
    if (!editor) return null;
    return {
      table: template.table,
      name: name.trim() || template.name,
      page,
      condition: condition ?? null,
      ...documentLanguage,
      ...editor.runCommand(EXPORT_TEMPLATE),
    };
  }, [editor, template.table, template.name, name, page, condition, documentLanguage]);

  const save = async () => {
    const body = draft();
    if (!body) return;
    if (!name.trim()) {
      setStatus({ kind: "error", text: t("printDesigner.nameMissing") });
      return;
    }
    setStatus({ kind: "saving", text: t("card.saving") });
    const answer = await saveTemplate(template.id, body, words);
    if (answer.kind === "unreachable")
      return setStatus({ kind: "error", text: t("printDesigner.unreachable", { message: answer.message }) });
    if (answer.kind === "refused") return setStatus({ kind: "error", text: t("printDesigner.refused", { message: answer.message }) });
    setDirty(false);
    setStatus({ kind: "saved", text: t("printDesigner.savedAt", { time: new Date().toLocaleTimeString(locale) }) });
  };

  const showPreview = async () => {
    const body = draft();
    if (!body || previewRecord === "") return;
    setTab("preview");
    setPreview((p) => ({ ...p, busy: true, error: null }));
    const answer = await previewTemplate(body, previewRecord, words);
    if (answer.kind !== "ok")
      return setPreview((p) => ({ ...p, busy: false, error: t("printDesigner.previewFailed", { message: answer.message }) }));
    setPreview({ url: URL.createObjectURL(answer.value), busy: false, error: null });
  };

  const addBlock = (block: PaletteBlock) => {
    if (!editor) return;
    editor.runCommand(INSERT_BLOCK, { blockId: block.id });
    setDirty(true);
  };

  const removeSelected = () => {
    if (editor?.runCommand(REMOVE_SELECTED)) setDirty(true);
  };

  return (
    <div className="pd" data-testid="print-designer">
      <DesignerBar
        name={name}
        onNameChange={(next) => (setName(next), setDirty(true))}
        tableLabel={props.tableLabel}
        status={status}
        dirty={dirty}
        ready={!!editor}
        canPreview={previewRecord !== ""}
        onPreview={showPreview}
        onSave={save}
      />
      <ProblemsNotice problems={props.problems} />
      {loadError ? (
        <p className="form-error" role="alert">
          {loadError}
        </p>
      ) : null}
      <div className="pd-body">
        <BlockPalette blocks={blocks} editor={editor} onAdd={addBlock} />
        <div className="pd-stage">
          <div className="pd-canvas" ref={canvasRef} aria-label={t("printDesigner.canvasLabel")} />
          {!editor && !loadError ? <p className="pd-loading">{t("printDesigner.loading")}</p> : null}
        </div>
        <aside className={`pd-side${tab === "preview" ? " pd-side--wide" : ""}`} aria-label={t("printDesigner.settings")}>
          <PanelTabs ids={ids} current={tab} onSelect={setTab} />
          <TabPanel ids={ids} id="selected" current={tab}>
            <ElementPanel selectedName={selectedName} onRemove={removeSelected} traitsRef={traitsRef} stylesRef={stylesRef} />
          </TabPanel>
          <TabPanel ids={ids} id="page" current={tab}>
            <PageSettingsPanel page={page} onChange={(p) => (setPage(p), setDirty(true))} />
            <DocumentLanguagePanel
              value={documentLanguage}
              options={props.languageOptions}
              onChange={(l) => (setDocumentLanguage(l), setDirty(true))}
            />
          </TabPanel>
          <TabPanel ids={ids} id="condition" current={tab}>
            {props.renderCondition({ condition, onChange: (c) => (setCondition(c), setDirty(true)) })}
          </TabPanel>
          <TabPanel ids={ids} id="preview" current={tab} className="pd-panel pd-preview">
            <PreviewPanel
              records={props.previewRecords}
              recordId={previewRecord}
              onRecordChange={setPreviewRecord}
              preview={preview}
              ready={!!editor}
              onRefresh={showPreview}
            />
          </TabPanel>
          <TabPanel ids={ids} id="layers" current={tab}>
            <div ref={layersRef} className="pd-layers" />
          </TabPanel>
        </aside>
      </div>
    </div>
  );
}
