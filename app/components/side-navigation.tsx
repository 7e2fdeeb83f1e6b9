import { NavLink } from "@remix-run/react";
import type { NavigationSection } from "../utils/navigation";

/**
 * Tables grouped as the admin arranged them; each item opens the table's generated list.
 */
export function SideNavigation({ sections }: { sections: NavigationSection[] }) {
  return (
    <nav className="side-nav" aria-label="Tables">
      <a className="side-nav__home" href="/">
        Overview
      </a>
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
    </nav>
  );
}
