import { BrandMark } from "./brand-mark";
import { GlobalSearch } from "./global-search";
import { NotificationBell } from "./notification-bell";
import { UserMenu } from "./user-menu";

export interface AppHeaderProps {
  workspaceTitle?: string;
  schemaVersion?: number;
  dialect?: "sqlite" | "mysql";
  /** The signed-in user; the menu is left out without one. */
  user?: { name: string; roleName: string } | null;
  /** The signed-in user's unread notifications when the page loaded; the bell keeps it current. */
  unreadNotifications?: number;
}

const DIALECT_LABELS = { sqlite: "SQLite", mysql: "MySQL" } as const;

export function AppHeader({ workspaceTitle, schemaVersion, dialect, user, unreadNotifications = 0 }: AppHeaderProps) {
  return (
    <header className="app-header">
      <a className="app-header__brand" href="/">
        <BrandMark />
        <span>Tessera</span>
      </a>
      {workspaceTitle ? <span className="app-header__workspace">{workspaceTitle}</span> : null}
      {user ? <GlobalSearch /> : null}
      <div className="app-header__meta">
        {dialect ? (
          <span className="pill" title="Database">
            {DIALECT_LABELS[dialect]}
          </span>
        ) : null}
        {schemaVersion !== undefined ? (
          <span className="pill pill--accent" data-testid="schema-version" title="Version of the workspace schema">
            Schema v{schemaVersion}
          </span>
        ) : null}
        {user ? <NotificationBell initialUnread={unreadNotifications} /> : null}
        {user ? <UserMenu name={user.name} roleName={user.roleName} /> : null}
      </div>
    </header>
  );
}
