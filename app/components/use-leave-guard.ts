import { useBlocker } from "@remix-run/react";
import { useEffect, useRef } from "react";

/**
 * Asks before unsaved work is left: the router before navigating to another page, the browser
 * before closing or reloading the tab. `unsaved` is read at the moment of leaving, so it may look
 * at refs that change without a render.
 */
export function useLeaveGuard(unsaved: () => boolean, question: string): void {
  const unsavedRef = useRef(unsaved);
  unsavedRef.current = unsaved;
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => unsavedRef.current() && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (window.confirm(question)) blocker.proceed();
    else blocker.reset();
  }, [blocker, question]);
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!unsavedRef.current()) return;
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, []);
}
