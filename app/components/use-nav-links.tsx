import { PrefetchPageLinks, useLocation, useNavigate, useNavigation } from "@remix-run/react";
import { useEffect, useState, type FocusEvent, type MouseEvent, type ReactNode, type SyntheticEvent } from "react";

/** How long a pointer or the focus rests on a link before its page is prefetched (as Remix's `prefetch="intent"`). */
const INTENT_DELAY_MS = 100;

/**
 * Whether `pathname` is the page `to` or (unless `end`) one below it, as a NavLink decides it
 * is active: case-insensitively, and `/t/deals` is not under `/t/dea`.
 */
export function isAtPath(pathname: string, to: string, end = false): boolean {
  const here = pathname.toLowerCase();
  const there = to.toLowerCase();
  const slash = there !== "/" && there.endsWith("/") ? there.length - 1 : there.length;
  return here === there || (!end && here.startsWith(there) && here.charAt(slash) === "/");
}

/** The link an event happened on, if it is one of ours to follow in the app. */
function ownLink(event: SyntheticEvent<HTMLElement>): HTMLAnchorElement | null {
  const link = (event.target as Element).closest?.("a[href]") as HTMLAnchorElement | null;
  return link && event.currentTarget.contains(link) ? link : null;
}

export interface NavLinkOptions {
  /** Active only on the page itself, not on those below it (Home). */
  end?: boolean;
  /** Prefetch the page's code and data when a pointer or the focus rests on the link. */
  prefetch?: boolean;
}

/**
 * What NavLinks do, for many plain links under one element: `link()` renders an `<a>` marked
 * active (`active` class, `aria-current="page"`) or pending as a NavLink would be; `handlers`,
 * spread on the element around them, follow a plain click (or Enter) in the app, replacing the
 * history entry when the link is the page already shown, and leave a modified click, another
 * window or a download to the browser; `prefetch` is the one link to the page that was hovered.
 * One set of hooks for the whole navigation instead of half a dozen per link.
 */
export function useNavLinks() {
  const location = useLocation();
  const navigation = useNavigation();
  const navigate = useNavigate();
  const [intent, setIntent] = useState<string | null>(null);
  const [prefetched, setPrefetched] = useState<string | null>(null);
  useEffect(() => {
    if (!intent) return;
    const id = setTimeout(() => setPrefetched(intent), INTENT_DELAY_MS);
    return () => clearTimeout(id);
  }, [intent]);

  const going = navigation.location?.pathname;
  function link(to: string, className: string, label: ReactNode, options: NavLinkOptions = {}) {
    const active = isAtPath(location.pathname, to, options.end);
    // As a NavLink: pending while a navigation to it (or below it) loads.
    const pending = going != null && isAtPath(going, to, options.end);
    return (
      <a
        // As on Remix's own links: its route discovery (future.v3_lazyRouteDiscovery) looks for them.
        data-discover="true"
        aria-current={active ? "page" : undefined}
        className={[className, active ? "active" : null, pending ? "pending" : null].filter(Boolean).join(" ")}
        href={to}
        data-prefetch={options.prefetch ? "intent" : undefined}
      >
        {label}
      </a>
    );
  }

  const startIntent = (event: SyntheticEvent<HTMLElement>) => {
    const target = ownLink(event);
    if (target?.dataset.prefetch === "intent") setIntent(target.getAttribute("href"));
  };
  const endIntent = (event: MouseEvent<HTMLElement> | FocusEvent<HTMLElement>) => {
    const target = ownLink(event);
    // Moving within the same link is not leaving it.
    if (!target || (event.relatedTarget instanceof Node && target.contains(event.relatedTarget))) return;
    setIntent(null);
    setPrefetched(null);
  };
  const handlers = {
    onClick(event: MouseEvent<HTMLElement>) {
      const target = ownLink(event);
      if (!target || event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
      if ((target.target && target.target !== "_self") || target.hasAttribute("download")) return;
      const url = new URL(target.href);
      if (url.origin !== window.location.origin) return;
      event.preventDefault();
      const to = `${url.pathname}${url.search}${url.hash}`;
      navigate(to, { replace: to === `${location.pathname}${location.search}${location.hash}` });
    },
    onMouseOver: startIntent,
    onFocus: startIntent,
    onTouchStart: startIntent,
    onMouseOut: endIntent,
    onBlur: endIntent,
  };
  const prefetch = prefetched ? <PrefetchPageLinks page={prefetched} /> : null;
  return { link, handlers, prefetch };
}
