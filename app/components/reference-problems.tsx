import type { ReactNode } from "react";

/** Under a template's name: each field it names that the schema lacks, flagged, and what to do. */
export function ReferenceProblems({
  name,
  pill,
  problems,
  children,
}: {
  name: string;
  pill: string;
  problems: { path: string; message: string }[];
  children?: ReactNode;
}) {
  if (problems.length === 0) return null;
  return (
    <ul className="print-list__problems" aria-label={`Problems of ${name}`}>
      {problems.map((p) => (
        <li key={p.path}>
          <span className="pill pill--danger">{pill}</span> {p.message}
        </li>
      ))}
      {children ? <li>{children}</li> : null}
    </ul>
  );
}
