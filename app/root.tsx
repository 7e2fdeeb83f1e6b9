import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { getRuntime } from "./services/runtime.server";
import { AppHeader } from "./components/app-header";
import { SideNavigation } from "./components/side-navigation";
import baseStyles from "./styles/base.css";
import shellStyles from "./styles/shell.css";
import { buildNavigation } from "./utils/navigation";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "stylesheet", href: baseStyles },
  { rel: "stylesheet", href: shellStyles },
];

export const meta: MetaFunction = () => [{ title: "Tessera" }];

export async function loader() {
  const runtime = await getRuntime();
  const { version, schema } = await runtime.workspace.current();
  return json({
    dialect: runtime.dialect,
    schemaVersion: version,
    workspaceTitle: schema.title,
    navigation: buildNavigation(schema),
  });
}

// The shell renders around errors too, so it reads the root data defensively: it is absent when
// the root loader itself failed.
export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <div className="app-shell">
          <AppHeader workspaceTitle={data?.workspaceTitle} schemaVersion={data?.schemaVersion} dialect={data?.dialect} />
          <div className="app-body">
            <SideNavigation sections={data?.navigation ?? []} />
            <main id="main" className="app-main" tabIndex={-1}>
              {children}
            </main>
          </div>
        </div>
        <ScrollRestoration />
        <Scripts />
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
  return (
    <section className="error-panel" role="alert">
      <h1>{notFound ? "Page not found" : "Something went wrong"}</h1>
      <p>
        {notFound
          ? "There is nothing at this address. It may have been renamed or removed."
          : "Tessera could not show this page. Please try again in a moment; if it keeps happening, let your administrator know."}
      </p>
      <p>
        <a className="button" href="/">
          Back to the overview
        </a>
      </p>
    </section>
  );
}
