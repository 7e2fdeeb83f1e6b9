import { useTranslation } from "react-i18next";
import { roleNameIn } from "~/i18n/role-name";
import { CsrfField } from "./csrf-field";

export interface UserMenuProps {
  name: string;
  roleName: string;
  /** The role's key: a built-in role still under its shipped name reads in the reader's language. */
  role?: string;
}

/** The signed-in user's name and role; a <details> menu, so it opens without JavaScript too. */
export function UserMenu({ name, roleName, role }: UserMenuProps) {
  const { t } = useTranslation();
  const shownRole = roleNameIn(t, role, roleName);
  return (
    <details className="user-menu" data-testid="user-menu">
      <summary className="user-menu__summary">
        <span className="user-menu__avatar" aria-hidden="true">
          {name.trim().charAt(0).toUpperCase() || "?"}
        </span>
        <span className="user-menu__name">{name}</span>
        <span className="pill">{shownRole}</span>
      </summary>
      <div className="user-menu__panel" role="menu">
        <a role="menuitem" href="/account/language">
          {t("userMenu.language")}
        </a>
        <a role="menuitem" href="/account/password">
          {t("userMenu.changePassword")}
        </a>
        <a role="menuitem" href="/account/tokens">
          {t("userMenu.tokens")}
        </a>
        <form method="post" action="/logout">
          <CsrfField />
          <button role="menuitem" type="submit">
            {t("userMenu.signOut")}
          </button>
        </form>
      </div>
    </details>
  );
}
