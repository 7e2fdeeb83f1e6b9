import type { PendingEdit } from "../offline/pending-edits";

function when(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? "" : new Intl.DateTimeFormat(undefined, { timeStyle: "short" }).format(at);
}

/** What became of this card's edit kept on this device while there was no network. */
export function KeptEditNotice({ edit }: { edit: PendingEdit }) {
  if (edit.state === "pending")
    return (
      <p className="card-kept" role="status" data-testid="kept-edit">
        <strong>Saved on this device</strong> — will be sent when you are back online
        {edit.savedAt ? (
          <>
            {" "}
            (kept at <time dateTime={edit.savedAt}>{when(edit.savedAt)}</time>)
          </>
        ) : null}
        .
      </p>
    );
  if (edit.state === "conflict")
    return (
      <p className="card-kept" role="status" data-testid="kept-edit">
        The edit you saved on this device was not sent: this record changed meanwhile. It is in the form below; compare and decide.
      </p>
    );
  return (
    <p className="card-kept" role="alert" data-testid="kept-edit">
      The edit you saved on this device was not accepted: {edit.problem ?? "the server refused it"}. It is in the form below; correct it and
      save.
    </p>
  );
}
