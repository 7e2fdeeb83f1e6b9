import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { HomePanel } from "../components/home/home-panel";
import { actorFor } from "../services/actor.server";
import { homeFor } from "../services/home.server";
import homeStyles from "../styles/home.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: homeStyles }];

export const meta: MetaFunction = () => [{ title: "Home · Tessera" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await actorFor(request);
  return json({ name: actor.name, ...(await homeFor(actor)) });
}

export default function Home() {
  const { name, panels, notes } = useLoaderData<typeof loader>();
  return (
    <div className="home">
      <header className="page-header">
        <h1 className="page-header__title">Good to see you, {name.split(" ")[0]}</h1>
        <p className="page-header__summary">Your day at a glance.</p>
      </header>
      {notes.length ? (
        <div className="notice notice--warning home__notes" role="status">
          {notes.map((note) => (
            <p key={note}>{note}</p>
          ))}
        </div>
      ) : null}
      {panels.length === 0 ? (
        <p className="home__empty">Nothing to show here yet. An administrator sets what each role sees on this page.</p>
      ) : (
        <div className="home__grid">
          {panels.map((panel) => (
            <HomePanel key={panel.id} panel={panel} />
          ))}
        </div>
      )}
    </div>
  );
}
