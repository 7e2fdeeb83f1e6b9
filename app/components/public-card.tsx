import type { ReactNode } from "react";
import { BrandMark } from "./brand-mark";

/** The card that pages for people without a session stand on (sign-in, unsubscribe): the brand, a title, the content. */
export function PublicCard({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="auth-card" aria-labelledby={id}>
      <div className="auth-card__brand">
        <BrandMark />
        <span>Tessera</span>
      </div>
      <h1 id={id}>{title}</h1>
      {children}
    </section>
  );
}
