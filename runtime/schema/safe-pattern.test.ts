import { describe, it, expect } from "vitest";
import { MAX_PATTERN_LENGTH, patternProblem } from "./safe-pattern";

describe("patternProblem", () => {
  it.each([
    "^[A-Z]{2}[0-9]{4,10}$",
    "^\\+?[0-9 ()-]{5,20}$",
    "^[^@\\s]+@[^@\\s]+$",
    "^(?:ab|cd)+$",
    "^(a|b)*$",
    "^(?<year>\\d{4})-(\\d{2})$",
    "^\\p{Lu}[\\p{L} '-]*$",
    "^[a-z]+-?[a-z]*$",
    "^(?:DE|AT)\\d{9}$",
  ])("accepts the linear pattern %s", (p) => {
    expect(patternProblem(p)).toBeNull();
  });

  it("refuses what does not compile under the u flag", () => {
    expect(patternProblem("^(abc$")).toMatch(/not a valid regular expression/);
    expect(patternProblem("\\-")).toMatch(/not a valid regular expression/);
  });

  it("refuses patterns longer than the cap", () => {
    expect(patternProblem("a".repeat(MAX_PATTERN_LENGTH))).toBeNull();
    expect(patternProblem("a".repeat(MAX_PATTERN_LENGTH + 1))).toMatch(/at most 500/);
  });

  it.each(["^(a+)+$", "^(a*)*$", "^(\\d+)*x$", "^(?:[a-z]+\\s?)+$", "^((ab)*c)+$"])(
    "refuses the nested quantifier in %s and suggests a simpler pattern",
    (p) => {
      const problem = patternProblem(p);
      expect(problem).toMatch(/repeats a group that already contains a repetition/);
      expect(problem).toMatch(/instead of/);
    },
  );

  it.each(["^(a|a)*$", "^(ab|ac)+$", "^(a|)+$", "^(\\d|[0-9])+$", "^(.|x){2,}$"])("refuses the overlapping alternation in %s", (p) => {
    expect(patternProblem(p)).toMatch(/alternatives that can match the same text/);
  });

  it("allows overlapping alternatives when the group repeats at most once", () => {
    expect(patternProblem("^(a|a)?$")).toBeNull();
    expect(patternProblem("^(a|ab){1}$")).toBeNull();
  });

  it.each(["^(a)\\1$", "^(?<x>a)\\k<x>$"])("refuses the backreference in %s", (p) => {
    expect(patternProblem(p)).toMatch(/backreference/);
  });

  it("follows safe-regex2 in counting an optional group around a repetition as nested", () => {
    expect(patternProblem("^[a-z]+(-[a-z]+)?$")).toMatch(/catastrophic backtracking/);
  });

  it("falls back on safe-regex2 for too many repetitions", () => {
    const many = "^" + "a*".repeat(30) + "$";
    expect(patternProblem(many)).toMatch(/catastrophic backtracking/);
  });

  it("does not mistake escaped or bracketed parentheses for groups", () => {
    expect(patternProblem("^\\(a+\\)+$")).toBeNull();
    expect(patternProblem("^[(a+)]+$")).toBeNull();
  });
});
