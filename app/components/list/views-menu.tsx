import { Form, Link } from "@remix-run/react";
import { CsrfField } from "../csrf-field";
import type { ViewSummary } from "@runtime/views/list-page-data";

export interface ViewsMenuProps {
  tableKey: string;
  views: ViewSummary[];
  active: ViewSummary | null;
  /** The current address's search, saved as the view's state. */
  search: string;
}

/** Switch between saved views; save, update, delete them; make the current state everyone's default. */
export function ViewsMenu({ tableKey, views, active, search }: ViewsMenuProps) {
  const base = `/t/${encodeURIComponent(tableKey)}`;
  const hidden = <input type="hidden" name="search" value={search} />;
  return (
    <div className="views-menu">
      <ul className="views-menu__list" aria-label="Saved views">
        {views.length === 0 ? <li className="views-menu__empty">No saved views yet.</li> : null}
        {views.map((v) => (
          <li key={v.id}>
            <Link
              className={v.id === active?.id ? "views-menu__view views-menu__view--active" : "views-menu__view"}
              to={`${base}?view=${v.id}`}
              aria-current={v.id === active?.id ? "true" : undefined}
            >
              {v.name}
              {v.isDefault ? <span className="pill">default</span> : v.shared ? <span className="pill">shared</span> : null}
            </Link>
          </li>
        ))}
      </ul>
      {active?.editable && !active.isDefault ? (
        <div className="views-menu__row">
          <Form method="post">
            <CsrfField />
            {hidden}
            <input type="hidden" name="viewId" value={active.id} />
            <button className="button button--ghost button--small" name="intent" value="update-view">
              Update “{active.name}”
            </button>
          </Form>
          <Form method="post" onSubmit={(e) => !window.confirm(`Delete the view "${active.name}"?`) && e.preventDefault()}>
            <CsrfField />
            <input type="hidden" name="viewId" value={active.id} />
            <button className="button button--ghost button--small button--danger" name="intent" value="delete-view">
              Delete view
            </button>
          </Form>
        </div>
      ) : null}
      <Form method="post" className="views-menu__save">
        <CsrfField />
        {hidden}
        <label className="field-label" htmlFor="view-name">
          Save current view as
        </label>
        <input id="view-name" className="input" name="name" required maxLength={200} placeholder="e.g. Unpaid this month" />
        <label className="checkbox">
          <input type="checkbox" name="shared" value="true" /> Share with everyone
        </label>
        <button className="button button--small" name="intent" value="save-view">
          Save view
        </button>
      </Form>
      <Form method="post" className="views-menu__row">
        <CsrfField />
        {hidden}
        <button className="button button--ghost button--small" name="intent" value="set-default">
          Set as default for everyone
        </button>
      </Form>
    </div>
  );
}
