import { createContext, useContext } from "react";
import { say } from "@runtime/i18n/words";
import { useWords } from "../../i18n/use-words";
import type { RuleProblem } from "@runtime/automation/types";

/** The problems of the rule being edited, each at its JSON Pointer (`/actions/0/values/subject`). */
export const ProblemsContext = createContext<RuleProblem[]>([]);

/** Problems at `path` exactly, or (with `within`) anywhere under it. */
export function problemsAt(problems: RuleProblem[], path: string, within = false): RuleProblem[] {
  return problems.filter((p) => p.path === path || (within && p.path.startsWith(`${path}/`)));
}

/** The problems of one input, shown under it. */
export function FieldProblems({ path, within = false, id }: { path: string; within?: boolean; id?: string }) {
  const found = problemsAt(useContext(ProblemsContext), path, within);
  const words = useWords();
  if (found.length === 0) return null;
  return (
    <ul className="rules-problems" id={id} data-path={path}>
      {found.map((p, i) => (
        <li key={i}>{p.words ? say(p.words, words) : p.message}</li>
      ))}
    </ul>
  );
}

/** A labelled text input whose value is a Liquid template (or plain text), with its problems. */
export function TemplateInput(props: {
  label: string;
  path: string;
  value: string | undefined;
  placeholder?: string;
  hint?: string;
  onChange(value: string): void;
}) {
  const problems = problemsAt(useContext(ProblemsContext), props.path);
  const errorId = `problems${props.path.replace(/\//g, "-")}`;
  return (
    <label className={`rules-input${problems.length ? " rules-input--invalid" : ""}`}>
      <span className="rules-input__label">{props.label}</span>
      <input
        value={props.value ?? ""}
        placeholder={props.placeholder}
        spellCheck={false}
        aria-invalid={problems.length > 0}
        aria-describedby={problems.length ? errorId : undefined}
        data-path={props.path}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.hint ? <span className="rules-input__hint">{props.hint}</span> : null}
      <FieldProblems path={props.path} id={errorId} />
    </label>
  );
}
