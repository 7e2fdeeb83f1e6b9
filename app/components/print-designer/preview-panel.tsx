import { useTranslation } from "react-i18next";

/** The live preview: a PDF of the unsaved design, or why it could not be made. */
export interface PreviewState {
  url: string | null;
  busy: boolean;
  error: string | null;
}

interface PreviewPanelProps {
  records: { id: number; title: string }[];
  recordId: number | "";
  onRecordChange(id: number | ""): void;
  preview: PreviewState;
  /** The editor has loaded. */
  ready: boolean;
  onRefresh(): void;
}

/** Which record to print the draft for, and the PDF it gives. */
export function PreviewPanel({ records, recordId, onRecordChange, preview, ready, onRefresh }: PreviewPanelProps) {
  const { t } = useTranslation();
  return (
    <>
      <div className="pd-preview__bar">
        <label>
          {t("printDesigner.preview.record")}
          <select value={recordId} onChange={(e) => onRecordChange(e.target.value === "" ? "" : Number(e.target.value))}>
            {records.length === 0 ? <option value="">{t("printDesigner.preview.noRecords")}</option> : null}
            {records.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button button--small" onClick={onRefresh} disabled={!ready || preview.busy || recordId === ""}>
          {preview.busy ? t("printDesigner.preview.printing") : t("printDesigner.preview.refresh")}
        </button>
      </div>
      <p className="pd-hint">{t("printDesigner.preview.hint")}</p>
      {preview.error ? (
        <p className="form-error" role="alert">
          {preview.error}
        </p>
      ) : null}
      {preview.url ? <iframe className="pd-preview__frame" title={t("printDesigner.preview.frame")} src={preview.url} /> : null}
    </>
  );
}
