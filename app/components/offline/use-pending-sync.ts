import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { sendPendingEdits } from "./pending-edits";

/**
 * Sends the edits kept on this device when the page loads and whenever the browser is back
 * online; what was sent (or found in conflict) is shown by reloading the page's data.
 */
export function usePendingSync(userId: number | null): void {
  const { revalidate } = useRevalidator();
  useEffect(() => {
    if (userId === null) return;
    const send = () =>
      void sendPendingEdits(userId).then((outcome) => {
        if (outcome.sent.length || outcome.conflicts.length || outcome.refused.length) revalidate();
      });
    send();
    window.addEventListener("online", send);
    return () => window.removeEventListener("online", send);
    // revalidate is a new function each render; sending once per user and per "online" is the point.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [userId]);
}
