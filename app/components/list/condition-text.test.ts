import { describe, expect, it } from "vitest";
import { valueClassOf } from "@runtime/fields/registry";
import { listFields } from "@runtime/views/list-page.server";
import { invoicesTable } from "@runtime/views/test-table";
import { describeCondition, operatorLabel } from "./condition-text";

const fields = new Map(listFields(invoicesTable()).map((f) => [f.key, f]));

describe("describeCondition", () => {
  it("reads like a sentence, with labels for options, records and booleans", () => {
    expect(describeCondition({ field: "status", op: "in", value: ["draft", "issued"] }, fields.get("status"))).toBe(
      "Status is any of draft, issued",
    );
    expect(describeCondition({ field: "due_date", op: "between", value: ["2024-05-01", "2024-05-31"] }, fields.get("due_date"))).toBe(
      "Due date between 2024-05-01 and 2024-05-31",
    );
    expect(describeCondition({ field: "client", op: "eq", value: 7 }, fields.get("client"), { "client:7": "Acme" })).toBe("Client is Acme");
    expect(describeCondition({ field: "client", op: "eq", value: 8 }, fields.get("client"))).toBe("Client is #8");
    expect(describeCondition({ field: "paid", op: "eq", value: false }, fields.get("paid"))).toBe("Paid is no");
    expect(describeCondition({ field: "notes", op: "isEmpty" }, fields.get("notes"))).toBe("Notes is empty");
  });

  it("names operators by the kind of value", () => {
    expect(operatorLabel("lt", "date")).toBe("before");
    expect(operatorLabel("lt", "number")).toBe("<");
    expect(valueClassOf(fields.get("total")!.def)).toBe("number");
    expect(valueClassOf(fields.get("email")!.def)).toBe("text");
  });
});
