/** What an admin form's action answered: its error as an alert, or its message as a status. */
export function FormResultNotice({ result }: { result: { ok?: boolean; error?: string | null; message?: unknown } | undefined | null }) {
  if (!result) return null;
  if (result.error)
    return (
      <p className="form-error" role="alert">
        {result.error}
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
