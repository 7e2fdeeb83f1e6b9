import { lazy, useState, type ComponentType } from "react";

/**
 * A list view whose code loads only where it is shown (dnd-kit for the board), and which a page the
 * server rendered with it loads before hydrating. Hydrating through `React.lazy` alone suspends
 * until the chunk arrives, and an update above it meanwhile makes React throw the server's HTML
 * away and render it again (error 421): on a slow phone, often.
 */
interface LazyView<P> {
  View: ComponentType<P>;
  /** A selector that matches the view's server-rendered HTML. */
  marker: string;
  preload: () => Promise<unknown>;
}

function lazyView<P extends object>(load: () => Promise<ComponentType<P>>, marker: string): LazyView<P> {
  let loaded: ComponentType<P> | null = null;
  const fetchCode = () => load().then((component) => (loaded = component));
  const Lazy = lazy(() => fetchCode().then((component) => ({ default: component })));
  function View(props: P) {
    // Chosen once per mount: switching from the lazy wrapper to the loaded component would remount the view.
    const [{ Component }] = useState(() => ({ Component: (loaded ?? Lazy) as ComponentType<P> }));
    return <Component {...props} />;
  }
  return { View, marker, preload: fetchCode };
}

export const boardView = lazyView(() => import("../board/board-view").then((m) => m.BoardView), ".board");
export const calendarView = lazyView(() => import("../calendar/calendar-view").then((m) => m.CalendarView), ".calendar");

/** Loads the code of the views the server rendered on this page, so hydration finds it in place. */
export async function preloadRenderedViews(page: Document): Promise<void> {
  await Promise.all(
    [boardView, calendarView]
      .filter((view) => page.querySelector(view.marker))
      .map((view) => view.preload().catch((error: unknown) => console.warn("A view's code could not be loaded before hydration", error))),
  );
}
