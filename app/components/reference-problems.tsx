import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { say, type Phrase } from "@runtime/i18n/words";
import { useWords } from "../i18n/use-words";

/** Under a template's name: each field it names that the schema lacks, flagged, and what to do. */
export function ReferenceProblems({
  name,
  pill,
  problems,
  children,
}: {
  name: string;
  pill: string;
  /** `words`: the message as a catalog phrase, said in the reader's language. */
  problems: { path: string; message: string; words?: Phrase }[];
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const words = useWords();
  if (problems.length === 0) return null;
  return (
    <ul className="print-list__problems" aria-label={t("printDesigner.list.problemsOf", { name })}>
      {problems.map((p) => (
        <li key={p.path}>
          <span className="pill pill--danger">{pill}</span> {p.words ? say(p.words, words) : p.message}
        </li>
      ))}
      {children ? <li>{children}</li> : null}
    </ul>
  );
}
