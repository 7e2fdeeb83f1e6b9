import { describe, it, expect } from "vitest";
import { reservedKeyReason, SQL_RESERVED_WORDS } from "./reserved-words";

describe("reservedKeyReason", () => {
  it.each([
    "select",
    "from",
    "where",
    "order",
    "group",
    "table",
    "key",
    "index",
    "primary",
    "default",
    "check",
    "limit",
    "offset",
    "join",
    "union",
    "values",
    "user",
  ])("refuses the SQL word %s", (word) => {
    expect(SQL_RESERVED_WORDS.has(word)).toBe(true);
    expect(reservedKeyReason(word)).toMatch(/reserved word in SQL/);
  });

  it("compares without regard to case", () => {
    expect(reservedKeyReason("Select")).toMatch(/reserved word/);
    expect(reservedKeyReason("ID")).toMatch(/system column/);
  });

  it.each(["id", "version", "created_at", "updated_at", "created_by", "updated_by"])("refuses the system column %s", (column) => {
    expect(reservedKeyReason(column)).toMatch(/system column/);
  });

  it("refuses Tessera's own prefix", () => {
    expect(reservedKeyReason("crm_users")).toMatch(/starts with "crm_"/);
  });

  it.each([
    "name",
    "date",
    "status",
    "amount",
    "position",
    "plan",
    "action",
    "first_name",
    "number",
    "type",
    "title",
    "currency",
    "email",
    "due_date",
    "quantity",
    "price",
    "description",
    "orders",
    "users",
  ])("lets the everyday name %s through", (key) => {
    expect(reservedKeyReason(key)).toBeNull();
  });
});
