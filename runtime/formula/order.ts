import { formulaDependencies } from "./dependencies";
import { parseFormula } from "./parse";
import { englishFormulaWords } from "./formula-words";
import { WordedError } from "../i18n/words";

/**
 * Keys of the formula fields of one table in an order where each comes after the formulas it
 * reads (net before tax before gross), otherwise keeping the given order. Throws an Error naming
 * the cycle ("total → net → total") when formulas depend on each other. A formula that does not
 * parse counts as depending on nothing: checkFormula is where it gets reported.
 */
export function formulaOrder(fields: { key: string; formula: string }[]): string[] {
  const formulaKeys = new Set(fields.map((f) => f.key));
  const dependsOn = new Map<string, string[]>();
  for (const { key, formula } of fields) {
    const parsed = parseFormula(formula);
    const reads = parsed.ok ? formulaDependencies(parsed.ast).fields : [];
    dependsOn.set(
      key,
      reads.filter((k) => formulaKeys.has(k)),
    );
  }

  const ordered: string[] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (key: string) => {
    if (done.has(key)) return;
    const seenAt = path.indexOf(key);
    if (seenAt >= 0)
      throw new WordedError(
        { key: "schemaProblems.formulaCycle", values: { cycle: [...path.slice(seenAt), key].join(" → ") } },
        englishFormulaWords,
      );
    path.push(key);
    for (const dependency of dependsOn.get(key) ?? []) visit(dependency);
    path.pop();
    done.add(key);
    ordered.push(key);
  };
  for (const { key } of fields) visit(key);
  return ordered;
}
