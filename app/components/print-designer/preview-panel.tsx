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
  return (
    <>
      <div className="pd-preview__bar">
        <label>
          Record
          <select value={recordId} onChange={(e) => onRecordChange(e.target.value === "" ? "" : Number(e.target.value))}>
            {records.length === 0 ? <option value="">No records to preview with yet</option> : null}
            {records.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button button--small" onClick={onRefresh} disabled={!ready || preview.busy || recordId === ""}>
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
    </>
  );
}
