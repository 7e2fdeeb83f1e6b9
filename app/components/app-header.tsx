import { useTranslation } from "react-i18next";
import { BrandMark } from "./brand-mark";
import { GlobalSearch } from "./global-search";
import { NotificationBell } from "./notification-bell";
import { PendingIndicator } from "./offline/pending-indicator";
import { UserMenu } from "./user-menu";

export interface AppHeaderProps {
  workspaceTitle?: string;
  schemaVersion?: number;
  dialect?: "sqlite" | "mysql";
  /** The signed-in user; the menu is left out without one. */
  user?: { name: string; roleName: string; role?: string } | null;
  /** The signed-in user's unread notifications when the page loaded; the bell keeps it current. */
  unreadNotifications?: number;
  /** On a phone the navigation is a menu this button opens; absent, no button. */
  menu?: { open: boolean; toggle(): void; controls: string };
  /** The user whose card edits kept on this device (offline) the header counts. */
  pendingFor?: number;
}

const DIALECT_LABELS = { sqlite: "SQLite", mysql: "MySQL" } as const;

export function AppHeader({ workspaceTitle, schemaVersion, dialect, user, unreadNotifications = 0, menu, pendingFor }: AppHeaderProps) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      {menu ? (
        <button
          type="button"
          className="app-header__menu"
          aria-expanded={menu.open}
          aria-controls={menu.controls}
          aria-label={t(menu.open ? "shell.closeMenu" : "shell.openMenu")}
          onClick={menu.toggle}
        >
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
            {menu.open ? (
              <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
            ) : (
              <path d="M4 7h16M4 12h16M4 17h16" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
            )}
          </svg>
        </button>
      ) : null}
      <a className="app-header__brand" href="/">
        <BrandMark />
        <span>Tessera</span>
      </a>
      {workspaceTitle ? <span className="app-header__workspace">{workspaceTitle}</span> : null}
      {user ? <GlobalSearch /> : null}
      <div className="app-header__meta">
        {dialect ? (
          <span className="pill" title={t("shell.database")}>
            {DIALECT_LABELS[dialect]}
          </span>
        ) : null}
        {schemaVersion !== undefined ? (
          <span className="pill pill--accent" data-testid="schema-version" title={t("shell.schemaVersionTitle")}>
            {t("shell.schemaVersion", { version: schemaVersion })}
          </span>
        ) : null}
        {pendingFor !== undefined ? <PendingIndicator userId={pendingFor} /> : null}
        {user ? <NotificationBell initialUnread={unreadNotifications} /> : null}
        {user ? <UserMenu name={user.name} roleName={user.roleName} role={user.role} /> : null}
      </div>
    </header>
  );
}
