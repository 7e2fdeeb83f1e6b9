import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The way back from a mailing's pages to the list of mailings. */
export function BackToMailings() {
  const { t } = useTranslation();
  return (
    <p className="muted">
      <Link to="/mailings">← {t("nav.mailings")}</Link>
    </p>
  );
}
