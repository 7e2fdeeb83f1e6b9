import { describe, expect, it } from "vitest";
import { compileSchema } from "../schema/compile";
import type { WorkspaceSchema } from "../schema/types";
import { buildFunnel, funnelFields, wonLostByMonth } from "./funnel";

const compiled = compileSchema({
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $defs: {
    deals: {
      type: "object",
      "x-id": "t_deals",
      properties: {
        stage: {
          type: "string",
          "x-id": "f_stage",
          "x-kind": "select",
          enum: ["lead", "proposal", "won", "lost"],
          "x-option-meta": {
            lead: { probability: 0.2 },
            proposal: { probability: 0.5 },
            won: { probability: 1 },
            lost: { probability: 0 },
          },
        },
        kind: { type: "string", "x-id": "f_kind", "x-kind": "select", enum: ["new", "renewal"] },
      },
    },
  },
} as WorkspaceSchema);
const table = compiled.tablesByKey.get("deals")!;
const stage = table.fieldsByKey.get("stage")!;
const eur = (sum: number) => [{ currency: "EUR", sum }];

describe("funnel", () => {
  it("is offered by choice fields whose every option has a probability", () => {
    expect(funnelFields(table).map((f) => f.key)).toEqual(["stage"]);
  });

  it("counts each stage as reached by the records at it or further, the first by all, and converts stage to stage", () => {
    const funnel = buildFunnel(stage, [
      { value: "lead", count: 5, sums: eur(500) },
      { value: "proposal", count: 3, sums: [...eur(300), { currency: "USD", sum: 100 }] },
      { value: "won", count: 2, sums: eur(1000) },
      { value: "lost", count: 10, sums: eur(50) },
    ]);
    expect(funnel.stages.map((s) => [s.value, s.count, s.reached, s.conversion])).toEqual([
      ["lead", 5, 20, 0.25],
      ["proposal", 3, 5, 0.4],
      ["won", 2, 2, null],
    ]);
    expect(funnel.stages[1].weighted).toEqual([
      { currency: "EUR", sum: 150 },
      { currency: "USD", sum: 50 },
    ]);
    expect(funnel.lost.map((s) => [s.value, s.count])).toEqual([["lost", 10]]);
    expect(funnel.total).toBe(20);
    expect(funnel.expected).toEqual([
      { currency: "EUR", sum: 100 + 150 + 1000 },
      { currency: "USD", sum: 50 },
    ]);
  });

  it("has stages with nothing in them, and no conversion out of an empty stage", () => {
    const funnel = buildFunnel(stage, [{ value: "won", count: 1, sums: [] }]);
    expect(funnel.stages.map((s) => [s.value, s.reached, s.conversion])).toEqual([
      ["lead", 1, 1],
      ["proposal", 1, 1],
      ["won", 1, null],
    ]);
    expect(buildFunnel(stage, []).stages[0].conversion).toBeNull();
  });

  it("puts won and lost records by month, in order, leaving open ones and undated ones out", () => {
    expect(
      wonLostByMonth(stage, [
        { value: "won", month: "2026-11", count: 2, sums: eur(20) },
        { value: "lost", month: "2026-10", count: 1, sums: eur(5) },
        { value: "won", month: "2026-10", count: 1, sums: eur(10) },
        { value: "proposal", month: "2026-10", count: 7, sums: eur(70) },
        { value: "won", month: null, count: 4, sums: eur(40) },
      ]),
    ).toEqual([
      { month: "2026-10", won: { count: 1, sums: eur(10) }, lost: { count: 1, sums: eur(5) } },
      { month: "2026-11", won: { count: 2, sums: eur(20) }, lost: { count: 0, sums: [] } },
    ]);
  });
});
