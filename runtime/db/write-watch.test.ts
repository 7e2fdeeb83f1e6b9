import knex from "knex";
import { describe, expect, it } from "vitest";
import { watchWrites, writtenTable } from "./write-watch";

describe("writtenTable", () => {
  it("names the table of an insert, an update and a delete, in either quoting", () => {
    expect(writtenTable("insert into `tasks` (`a`) values (?)")).toBe("tasks");
    expect(writtenTable("insert ignore into `crm_rule_state` (`key`) values (?)")).toBe("crm_rule_state");
    expect(writtenTable('update "invoices" set "x" = ?')).toBe("invoices");
    expect(writtenTable("delete from `clients` where `id` = ?")).toBe("clients");
    expect(writtenTable("replace into t values (1)")).toBe("t");
  });

  it("passes reads and bookkeeping, and answers * for a statement it cannot place", () => {
    expect(writtenTable("select * from `invoices` where `id` = ?")).toBeNull();
    expect(writtenTable("SAVEPOINT trx3;")).toBeNull();
    expect(writtenTable("with r as (select 1) select * from r")).toBeNull();
    expect(writtenTable("truncate table `tasks`")).toBe("*");
    expect(writtenTable("alter table `tasks` add `x` int")).toBe("*");
  });
});

describe("watchWrites", () => {
  it("sees the writes of the transaction and its savepoints, and nothing after it stops", async () => {
    const db = knex({ client: "better-sqlite3", connection: { filename: ":memory:" }, useNullAsDefault: true });
    try {
      await db.schema.createTable("a", (t) => {
        t.increments("id");
        t.string("x");
      });
      await db.schema.createTable("b", (t) => t.increments("id"));
      const seen: string[] = [];
      await db.transaction(async (trx) => {
        const stop = watchWrites(trx, (table) => seen.push(table));
        await trx("a").insert({ x: "1" });
        await trx("a").select();
        await trx.transaction(async (sp) => void (await sp("b").insert({})));
        stop();
        await trx("a").update({ x: "2" });
      });
      expect(seen).toEqual(["a", "b"]);
    } finally {
      await db.destroy();
    }
  });
});
