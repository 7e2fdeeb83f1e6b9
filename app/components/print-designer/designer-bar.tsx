import { useTranslation } from "react-i18next";

/** Where a save stands: shown beside the buttons, an error as an alert. */
export type SaveStatus = { kind: "idle" | "saving" | "saved" | "error"; text: string };

interface DesignerBarProps {
  name: string;
  onNameChange(name: string): void;
  tableLabel: string;
  status: SaveStatus;
  dirty: boolean;
  /** The editor has loaded. */
  ready: boolean;
  canPreview: boolean;
  onPreview(): void;
  onSave(): void;
}

/** The top bar: back to the list, the template's name, what it prints, the save state, Preview and Save. */
export function DesignerBar(props: DesignerBarProps) {
  const { t } = useTranslation();
  const { status } = props;
  return (
    <header className="pd-bar">
      <a className="pd-back" href="/admin/prints">
        {t("printDesigner.back")}
      </a>
      <label className="pd-name">
        <span className="visually-hidden">{t("printDesigner.name")}</span>
        <input
          value={props.name}
          onChange={(e) => props.onNameChange(e.target.value)}
          maxLength={120}
          required
          aria-label={t("printDesigner.name")}
        />
      </label>
      <span className="pd-table">{t("printDesigner.prints", { table: props.tableLabel.toLowerCase() })}</span>
      <span className={`pd-status pd-status--${status.kind}`} role={status.kind === "error" ? "alert" : "status"} aria-live="polite">
        {status.text || (props.dirty ? t("card.unsaved") : "")}
      </span>
      <button type="button" className="button" onClick={props.onPreview} disabled={!props.ready || !props.canPreview}>
        {t("printDesigner.previewPdf")}
      </button>
      <button
        type="button"
        className="button button--primary"
        onClick={props.onSave}
        disabled={!props.ready || status.kind === "saving"}
        data-testid="save-template"
      >
        {t("card.save")}
      </button>
    </header>
  );
}
