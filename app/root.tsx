import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LanguagePackScript } from "./i18n/language-pack-script";
import { packFile } from "@runtime/i18n/pack-file.server";
import { PageTitle } from "./i18n/page-title";
import { inLanguage } from "@runtime/i18n/schema-translations";
import { languageOf } from "./services/i18n.server";
import { getRuntime } from "./services/runtime.server";
import { currentSession } from "./services/auth.server";
import { mayStartMailings } from "./services/mailings.server";
import { unreadNotificationsOf } from "./services/notifications.server";
import { AppHeader } from "./components/app-header";
import { OfflineBanner } from "./components/offline/offline-banner";
import { registerServiceWorker } from "./components/offline/service-worker";
import { usePendingSync } from "./components/offline/use-pending-sync";
import { useNonce } from "./components/nonce-context";
import { SideNavigation } from "./components/side-navigation";
import authStyles from "./styles/auth.css";
import baseStyles from "./styles/base.css";
import componentStyles from "./styles/components.css";
import notificationStyles from "./styles/notifications.css";
import offlineStyles from "./styles/offline.css";
import searchStyles from "./styles/search.css";
import shellStyles from "./styles/shell.css";
import { isBarePage } from "./utils/bare-page";
import { CSRF_META_NAME, installCsrfFetch } from "./utils/csrf-fetch";
import { buildNavigation, type NavigationSection } from "./utils/navigation";

// Every same-origin mutation the browser sends carries the session's CSRF token (see csrf-fetch.ts).
if (typeof window !== "undefined") installCsrfFetch(window);

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  // Installable on a phone's home screen (public/manifest.webmanifest).
  { rel: "manifest", href: "/manifest.webmanifest" },
  { rel: "apple-touch-icon", href: "/icon-192.png" },
  { rel: "stylesheet", href: baseStyles },
  { rel: "stylesheet", href: componentStyles },
  { rel: "stylesheet", href: shellStyles },
  { rel: "stylesheet", href: authStyles },
  { rel: "stylesheet", href: searchStyles },
  { rel: "stylesheet", href: notificationStyles },
  { rel: "stylesheet", href: offlineStyles },
];

// What a page says when its route names no title; a route that does exports `titledMeta` (none).
export const meta: MetaFunction = () => [{ title: "Tessera" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await currentSession(request);
  const language = await languageOf(request);
  const languagePack = packFile(language).href;
  // Signed out (the login page): nothing about the workspace is shown.
  if (!session)
    return json({
      languagePack,
      user: null,
      csrfToken: "",
      dialect: null,
      schemaVersion: null,
      workspaceTitle: null,
      navigation: [] as NavigationSection[],
      unreadNotifications: 0,
      mailings: false,
    });
  const runtime = await getRuntime();
  // The header's two reads go to the database side by side: every page waits for the shell.
  const [current, unreadNotifications, mailings] = await Promise.all([
    runtime.workspace.current(),
    unreadNotificationsOf(session.user.id),
    mayStartMailings(request),
  ]);
  const { version, schema } = inLanguage(current, language);
  return json({
    languagePack,
    user: session.user,
    csrfToken: session.csrfToken,
    dialect: runtime.dialect,
    schemaVersion: version,
    workspaceTitle: schema.title,
    navigation: buildNavigation(schema),
    unreadNotifications,
    mailings,
  });
}

// The shell renders around errors too, so it reads the root data defensively: it is absent when
// the root loader itself failed.
export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const { t, i18n } = useTranslation();
  const user = data?.user ?? null;
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  // Lists and cards opened recently stay readable without a network (public/sw.js).
  useEffect(() => registerServiceWorker(), []);
  // Says the page has come alive: tests (and a person's scripts) wait for it before they press keys
  // or drag, which a page still hydrating would take as updates to parts it has not reached yet.
  useEffect(() => document.documentElement.setAttribute("data-hydrated", ""), []);
  usePendingSync(user?.id ?? null);
  // Following a link in the phone's menu closes it.
  useEffect(() => setMenuOpen(false), [location.pathname, location.search]);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setMenuOpen(false);
      document.querySelector<HTMLButtonElement>(".app-header__menu")?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [menuOpen]);
  // A public web form looks the same to a signed-in admin as to a visitor: no shell around it.
  const bare = useMatches().some((m) => isBarePage(m.handle));
  return (
    <html lang={i18n.language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#ffffff" />
        {data?.csrfToken ? <meta name={CSRF_META_NAME} content={data.csrfToken} /> : null}
        <PageTitle />
        <Meta />
        <Links />
        <LanguagePackScript href={data?.languagePack} />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("shell.skipToContent")}
        </a>
        {bare ? (
          <main id="main" className="public-page" tabIndex={-1}>
            {children}
          </main>
        ) : user ? (
          <div className="app-shell">
            <AppHeader
              workspaceTitle={data?.workspaceTitle ?? undefined}
              schemaVersion={data?.schemaVersion ?? undefined}
              dialect={data?.dialect ?? undefined}
              user={user}
              pendingFor={user.id}
              unreadNotifications={data?.unreadNotifications ?? 0}
              menu={{ open: menuOpen, toggle: () => setMenuOpen((o) => !o), controls: "app-navigation" }}
            />
            <div className="app-body" data-menu-open={menuOpen || undefined}>
              {/* On a phone the navigation is a menu over the page (shell.css); Escape closes it. */}
              <div id="app-navigation" className="app-navigation">
                <SideNavigation sections={data?.navigation ?? []} admin={user.admin} mailings={data?.mailings ?? false} />
              </div>
              <main id="main" className="app-main" tabIndex={-1}>
                <OfflineBanner />
                {children}
              </main>
            </div>
          </div>
        ) : (
          <main id="main" className="auth-page" tabIndex={-1}>
            {children}
          </main>
        )}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const forbidden = isRouteErrorResponse(error) && error.status === 403;
  const { t } = useTranslation();
  return (
    <section className="error-panel" role="alert">
      <h1>{t(notFound ? "errors.notFoundTitle" : forbidden ? "errors.forbiddenTitle" : "errors.failedTitle")}</h1>
      <p>{t(notFound ? "errors.notFound" : forbidden ? "errors.forbidden" : "errors.failed")}</p>
      <p>
        <a className="button" href="/">
          {t("errors.backHome")}
        </a>
      </p>
    </section>
  );
}
