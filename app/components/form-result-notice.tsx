import { useTranslation } from "react-i18next";
import type { Phrase } from "@runtime/i18n/words";
import { saidError } from "~/i18n/said-error";

/** What an admin form's action answered: its error as an alert (in the reader's words), or its message as a status. */
export function FormResultNotice({
  result,
}: {
  result: { ok?: boolean; error?: string | null; words?: Phrase | null; message?: unknown } | undefined | null;
}) {
  const { t } = useTranslation();
  if (!result) return null;
  if (result.error)
    return (
      <p className="form-error" role="alert">
        {saidError(result, t)}
      </p>
    );
  if (result.ok && result.message !== undefined)
    return (
      <p className="notice" role="status">
        {String(result.message)}
      </p>
    );
  return null;
}
