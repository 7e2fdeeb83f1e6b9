import { useTranslation } from "react-i18next";
import type { NavigationSection } from "../utils/navigation";
import { useNavLinks } from "./use-nav-links";

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
  { to: "/admin/audit", label: "nav.admin.audit" },
];

/**
 * Plain links, followed in the app by one handler on the whole navigation (use-nav-links.tsx):
 * the shell renders forty of them on every page, and a NavLink each cost more of the page's
 * server render than the list's fifty rows' titles (docs/decisions/034-http-hot-path.md).
 */
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
  const { link, handlers, prefetch } = useNavLinks();
  return (
    <nav className="side-nav" aria-label={t("nav.tables")} {...handlers}>
      {link("/", "side-nav__home", t("nav.home"), { end: true })}
      {link("/tasks", "side-nav__link side-nav__link--tasks", t("nav.tasks"), { prefetch: true })}
      {link("/reports", "side-nav__link side-nav__link--reports", t("nav.reports"), { prefetch: true })}
      {link("/dashboards", "side-nav__link side-nav__link--reports", t("nav.dashboards"), { prefetch: true })}
      {mailings ? link("/mailings", "side-nav__link side-nav__link--reports", t("nav.mailings"), { prefetch: true }) : null}
      {sections.map((section) => (
        <div className="side-nav__group" key={section.key}>
          <h2 className="side-nav__heading" id={`nav-${section.key}`}>
            {section.title}
          </h2>
          <ul className="side-nav__list" aria-labelledby={`nav-${section.key}`}>
            {section.tables.map((table) => (
              <li key={table.key}>{link(`/t/${encodeURIComponent(table.key)}`, "side-nav__link", table.label, { prefetch: true })}</li>
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
            {ADMIN_LINKS.map((item) => (
              <li key={item.to}>{link(item.to, "side-nav__link", t(item.label))}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {prefetch}
    </nav>
  );
}
