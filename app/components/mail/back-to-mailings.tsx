import { Link } from "@remix-run/react";

/** The way back from a mailing's pages to the list of mailings. */
export function BackToMailings() {
  return (
    <p className="muted">
      <Link to="/mailings">← Mailings</Link>
    </p>
  );
}
