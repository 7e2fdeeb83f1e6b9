import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { NavigationSection } from "../utils/navigation";

/**
 * Tables grouped as the admin arranged them; each item opens the table's generated list.
 */
const ADMIN_LINKS = [
  { to: "/admin/overview", label: "nav.admin.overview" },
  { to: "/admin/schema", label: "nav.admin.schema" },
  { to: "/admin/schema-diagram", label: "nav.admin.diagram" },
  { to: "/admin/forms", label: "nav.admin.forms" },
  { to: "/admin/public-forms", label: "nav.admin.publicForms" },
  { to: "/admin/prints", label: "nav.admin.prints" },
  { to: "/admin/mail", label: "nav.admin.mail" },
  { to: "/admin/exchange-rates", label: "nav.admin.exchangeRates" },
  { to: "/admin/rules", label: "nav.admin.rules" },
  { to: "/admin/trash", label: "nav.admin.trash" },
  { to: "/admin/config", label: "nav.admin.config" },
  { to: "/admin/users", label: "nav.admin.users" },
  { to: "/admin/roles", label: "nav.admin.roles" },
  { to: "/admin/tokens", label: "nav.admin.tokens" },
];

export function SideNavigation({
  sections,
  admin = false,
  mailings = false,
}: {
  sections: NavigationSection[];
  admin?: boolean;
  /** The user may send mailings (some table they read has a message template). */
  mailings?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <nav className="side-nav" aria-label={t("nav.tables")}>
      <NavLink className="side-nav__home" to="/" end>
        {t("nav.home")}
      </NavLink>
      <NavLink className="side-nav__link side-nav__link--tasks" to="/tasks" prefetch="intent">
        {t("nav.tasks")}
      </NavLink>
      <NavLink className="side-nav__link side-nav__link--reports" to="/reports" prefetch="intent">
        {t("nav.reports")}
      </NavLink>
      <NavLink className="side-nav__link side-nav__link--reports" to="/dashboards" prefetch="intent">
        {t("nav.dashboards")}
      </NavLink>
      {mailings ? (
        <NavLink className="side-nav__link side-nav__link--reports" to="/mailings" prefetch="intent">
          {t("nav.mailings")}
        </NavLink>
      ) : null}
      {sections.map((section) => (
        <div className="side-nav__group" key={section.key}>
          <h2 className="side-nav__heading" id={`nav-${section.key}`}>
            {section.title}
          </h2>
          <ul className="side-nav__list" aria-labelledby={`nav-${section.key}`}>
            {section.tables.map((table) => (
              <li key={table.key}>
                <NavLink className="side-nav__link" to={`/t/${encodeURIComponent(table.key)}`} prefetch="intent">
                  {table.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {admin ? (
        <div className="side-nav__group" data-testid="admin-navigation">
          <h2 className="side-nav__heading" id="nav-administration">
            {t("nav.administration")}
          </h2>
          <ul className="side-nav__list" aria-labelledby="nav-administration">
            {ADMIN_LINKS.map((link) => (
              <li key={link.to}>
                <NavLink className="side-nav__link" to={link.to}>
                  {t(link.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </nav>
  );
}
