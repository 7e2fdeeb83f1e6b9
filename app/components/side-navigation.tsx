import type { NavigationSection } from "../utils/navigation";

/**
 * Tables grouped as the admin arranged them. Until the list screens exist, each item points at its
 * card on the overview, so no link leads nowhere.
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
                <a className="side-nav__link" href={`/#${table.key}`}>
                  {table.label}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
