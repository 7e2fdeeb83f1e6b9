import { NavLink } from "@remix-run/react";
import type { NavigationSection } from "../utils/navigation";

/**
 * Tables grouped as the admin arranged them; each item opens the table's generated list.
 */
const ADMIN_LINKS = [
  { to: "/admin/overview", label: "Schema overview" },
  { to: "/admin/schema", label: "Schema" },
  { to: "/admin/schema-diagram", label: "Relations diagram" },
  { to: "/admin/forms", label: "Card layouts" },
  { to: "/admin/public-forms", label: "Web forms" },
  { to: "/admin/prints", label: "Print templates" },
  { to: "/admin/mail", label: "Email" },
  { to: "/admin/exchange-rates", label: "Exchange rates" },
  { to: "/admin/rules", label: "Rules" },
  { to: "/admin/trash", label: "Trash" },
  { to: "/admin/config", label: "Export & import" },
  { to: "/admin/users", label: "Users" },
  { to: "/admin/roles", label: "Roles" },
  { to: "/admin/tokens", label: "API tokens" },
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
  return (
    <nav className="side-nav" aria-label="Tables">
      <NavLink className="side-nav__home" to="/" end>
        Home
      </NavLink>
      <NavLink className="side-nav__link side-nav__link--tasks" to="/tasks" prefetch="intent">
        My tasks
      </NavLink>
      <NavLink className="side-nav__link side-nav__link--reports" to="/reports" prefetch="intent">
        Reports
      </NavLink>
      <NavLink className="side-nav__link side-nav__link--reports" to="/dashboards" prefetch="intent">
        Dashboards
      </NavLink>
      {mailings ? (
        <NavLink className="side-nav__link side-nav__link--reports" to="/mailings" prefetch="intent">
          Mailings
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
            Administration
          </h2>
          <ul className="side-nav__list" aria-labelledby="nav-administration">
            {ADMIN_LINKS.map((link) => (
              <li key={link.to}>
                <NavLink className="side-nav__link" to={link.to}>
                  {link.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </nav>
  );
}
