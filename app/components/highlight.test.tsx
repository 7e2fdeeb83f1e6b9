// @vitest-environment jsdom
import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { Highlight } from "./highlight";

afterEach(cleanup);

const marks = (text: string, q: string) => {
  const { container } = render(<Highlight text={text} q={q} />);
  return [...container.querySelectorAll("mark")].map((m) => m.textContent);
};

describe("Highlight", () => {
  it("marks the start of every word a search term begins, ignoring case and accents", () => {
    expect(marks("Atelier Lumière", "lumi")).toEqual(["Lumi"]);
    expect(marks("Atelier Lumière", "LUMIERE")).toEqual(["Lumière"]);
    expect(marks("INV-2026-0007", "INV-2026-0007")).toEqual(["INV", "2026", "0007"]);
    expect(marks("Mercier et Fils", "fi merc")).toEqual(["Merc", "Fi"]);
  });

  it("leaves text alone when nothing matches or nothing is searched", () => {
    expect(marks("Acme Freight", "zeta")).toEqual([]);
    const { container } = render(<Highlight text="Acme" q="" />);
    expect(container.textContent).toBe("Acme");
  });
});
