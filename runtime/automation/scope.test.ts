import { compileSchema } from "../schema/compile";
import { renderValue } from "./liquid";
import { linkable, ruleScope } from "./scope";
import { automationWorkspace } from "./test-workspace";

const settings = { compiled: compileSchema(automationWorkspace(), 1), table: "invoices" };

describe("the templates' variables", () => {
  it("print a linked record as its id, and its fields as themselves", () => {
    const record = linkable({ id: 3, client: { id: 7, name: "Acme" }, items: [{ id: 11, product: { id: 5, name: "Bolts" } }] });
    expect(renderValue("{{ record.client }}/{{ record.client.name }}/{{ record.items.first.product }}", { record }, settings)).toBe(
      "7/Acme/5",
    );
    expect(JSON.stringify(record.client)).toBe('{"id":7,"name":"Acme"}');
  });

  it("say who acted, today in the firm's time zone, and now", () => {
    const scope = ruleScope({
      record: { id: 1 },
      actor: null,
      company: null,
      rule: { id: 2, name: "r" },
      now: new Date("2026-12-04T23:30:00Z"),
      timeZone: "Europe/Berlin",
    });
    expect(scope).toMatchObject({
      user: { id: null, name: "Tessera" },
      today: "2026-12-05",
      now: "2026-12-04T23:30:00.000Z",
      previous: null,
      created: {},
    });
  });
});
