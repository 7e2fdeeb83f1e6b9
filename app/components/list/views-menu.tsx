import { useTranslation } from "react-i18next";
import { Form, Link } from "@remix-run/react";
import { CsrfField } from "../csrf-field";
import { NameTranslations } from "../name-translations";
import { viewNameIn } from "@runtime/views/view-name";
import type { ViewSummary } from "@runtime/views/list-page-data";

export interface ViewsMenuProps {
  tableKey: string;
  views: ViewSummary[];
  active: ViewSummary | null;
  /** The current address's search, saved as the view's state. */
  search: string;
  /** The languages a shared view may be named in besides its own. */
  languages?: readonly { language: string; name: string }[];
}

/** Switch between saved views; save, update, delete them; make the current state everyone's default. */
export function ViewsMenu({ tableKey, views, active, search, languages = [] }: ViewsMenuProps) {
  const { t, i18n } = useTranslation();
  const base = `/t/${encodeURIComponent(tableKey)}`;
  const hidden = <input type="hidden" name="search" value={search} />;
  return (
    <div className="views-menu">
      <ul className="views-menu__list" aria-label={t("views.saved")}>
        {views.length === 0 ? <li className="views-menu__empty">{t("views.none")}</li> : null}
        {views.map((v) => (
          <li key={v.id}>
            <Link
              className={v.id === active?.id ? "views-menu__view views-menu__view--active" : "views-menu__view"}
              to={`${base}?view=${v.id}`}
              aria-current={v.id === active?.id ? "true" : undefined}
            >
              {viewNameIn(v, i18n.language, t)}
              {v.isDefault ? (
                <span className="pill">{t("views.default")}</span>
              ) : v.shared ? (
                <span className="pill">{t("views.shared")}</span>
              ) : null}
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
              {t("views.update", { name: viewNameIn(active, i18n.language, t) })}
            </button>
          </Form>
          <Form
            method="post"
            onSubmit={(e) =>
              !window.confirm(t("views.confirmDelete", { name: viewNameIn(active, i18n.language, t) })) && e.preventDefault()
            }
          >
            <CsrfField />
            <input type="hidden" name="viewId" value={active.id} />
            <button className="button button--ghost button--small button--danger" name="intent" value="delete-view">
              {t("views.delete")}
            </button>
          </Form>
        </div>
      ) : null}
      <Form method="post" className="views-menu__save">
        <CsrfField />
        {hidden}
        <label className="field-label" htmlFor="view-name">
          {t("views.saveAs")}
        </label>
        <input id="view-name" className="input" name="name" required maxLength={200} placeholder={t("views.example")} />
        <label className="checkbox">
          <input type="checkbox" name="shared" value="true" /> {t("views.share")}
        </label>
        {languages.length ? (
          <details className="views-menu__names">
            <summary>{t("itemNames.legend")}</summary>
            <NameTranslations languages={languages} itemKey="new-view" />
          </details>
        ) : null}
        <button className="button button--small" name="intent" value="save-view">
          {t("views.save")}
        </button>
      </Form>
      <Form method="post" className="views-menu__row">
        <CsrfField />
        {hidden}
        <button className="button button--ghost button--small" name="intent" value="set-default">
          {t("views.setDefault")}
        </button>
      </Form>
    </div>
  );
}
