import { CsrfField } from "./csrf-field";

export interface UserMenuProps {
  name: string;
  roleName: string;
}

/** The signed-in user's name and role; a <details> menu, so it opens without JavaScript too. */
export function UserMenu({ name, roleName }: UserMenuProps) {
  return (
    <details className="user-menu" data-testid="user-menu">
      <summary className="user-menu__summary">
        <span className="user-menu__avatar" aria-hidden="true">
          {name.trim().charAt(0).toUpperCase() || "?"}
        </span>
        <span className="user-menu__name">{name}</span>
        <span className="pill">{roleName}</span>
      </summary>
      <div className="user-menu__panel" role="menu">
        <a role="menuitem" href="/account/password">
          Change password
        </a>
        <a role="menuitem" href="/account/tokens">
          My API tokens
        </a>
        <form method="post" action="/logout">
          <CsrfField />
          <button role="menuitem" type="submit">
            Sign out
          </button>
        </form>
      </div>
    </details>
  );
}
