import type { Knex } from "knex";
import { audit } from "../auth/audit.server";
import { dbNow, SYSTEM_TABLES } from "../db/system-tables.server";
import type { Actor } from "../records/permissions";
import type { CompiledTable } from "../schema/compile";
import type { WorkspaceService } from "../workspace/workspace.server";
import { defaultLayout } from "./default-layout";
import { isCardLayout, layoutShapeProblems } from "./layout-schema";
import { layoutFieldProblems, resolveLayout } from "./resolve-layout";
import { layoutError, layoutNotice, layoutRefusal } from "./layout-words";
import type { CardLayout, LayoutNotice } from "./types";

export interface StoredLayout {
  table: string;
  /** As stored (or the default); controls point at fields by id. */
  layout: CardLayout;
  /** 0 while the table uses the default layout. */
  version: number;
  custom: boolean;
  /** What resolving against today's schema dropped (removed fields, lists). */
  notices: LayoutNotice[];
}

export interface LayoutsService {
  get(actor: Actor, table: string): Promise<StoredLayout>;
  /** Validates and stores; `expectedVersion` (the version the designer loaded) guards against overwriting. */
  save(actor: Actor, table: string, layout: unknown, expectedVersion?: number): Promise<StoredLayout>;
  /** Back to the default layout. */
  reset(actor: Actor, table: string): Promise<void>;
}

function mayDesign(actor: Actor) {
  if (actor.role !== "admin") throw layoutRefusal(403, "adminOnly");
}

export function createLayoutsService(db: Knex, workspace: Pick<WorkspaceService, "current">): LayoutsService {
  async function tableOf(key: string): Promise<CompiledTable> {
    const { compiled } = await workspace.current();
    const table = compiled.tablesByKey.get(key);
    if (!table) throw layoutRefusal(404, "noTable", { table: key.slice(0, 64) });
    return table;
  }

  async function read(table: CompiledTable): Promise<StoredLayout> {
    const row = (await db(SYSTEM_TABLES.layouts).where({ table_id: table.id }).first()) as { layout: string; version: number } | undefined;
    if (row) {
      const parsed = safeParse(row.layout);
      if (isCardLayout(parsed)) {
        const { notices } = resolveLayout(parsed, table);
        return { table: table.key, layout: parsed, version: Number(row.version), custom: true, notices };
      }
      const fallback = defaultLayout(table);
      return {
        table: table.key,
        layout: fallback,
        version: Number(row.version),
        custom: false,
        notices: [layoutNotice("/", "unreadable")],
      };
    }
    return { table: table.key, layout: defaultLayout(table), version: 0, custom: false, notices: [] };
  }

  return {
    async get(actor, key) {
      void actor;
      return read(await tableOf(key));
    },

    async save(actor, key, layout, expectedVersion) {
      mayDesign(actor);
      const { compiled } = await workspace.current({ fresh: true });
      const table = await tableOf(key);
      if (!isCardLayout(layout)) throw layoutError(422, "invalid", { table: table.pluralLabel }, { problems: layoutShapeProblems(layout) });
      const fields = layoutFieldProblems(layout, table, compiled);
      if (fields.length) throw layoutError(422, "missing", { table: table.pluralLabel }, { problems: fields });
      await db.transaction(async (trx) => {
        const row = (await trx(SYSTEM_TABLES.layouts).where({ table_id: table.id }).first("version")) as { version: number } | undefined;
        const current = row ? Number(row.version) : 0;
        if (expectedVersion !== undefined && expectedVersion !== current)
          throw layoutError(409, "conflict", { table: table.pluralLabel, current, edited: expectedVersion }, { currentVersion: current });
        const values = { layout: JSON.stringify(layout), updated_at: dbNow(), updated_by: actor.id };
        if (row) {
          const n = await trx(SYSTEM_TABLES.layouts)
            .where({ table_id: table.id, version: current })
            .update({ ...values, version: current + 1 });
          if (n !== 1) throw layoutError(409, "taken", { table: table.pluralLabel });
        } else await trx(SYSTEM_TABLES.layouts).insert({ table_id: table.id, ...values, version: 1 });
        await audit(trx, {
          userId: actor.id,
          action: "layout",
          table: SYSTEM_TABLES.layouts,
          changes: { table: table.key, saved: current + 1 },
          ip: actor.ip,
        });
      });
      return read(table);
    },

    async reset(actor, key) {
      mayDesign(actor);
      const table = await tableOf(key);
      await db.transaction(async (trx) => {
        await trx(SYSTEM_TABLES.layouts).where({ table_id: table.id }).delete();
        await audit(trx, {
          userId: actor.id,
          action: "layout",
          table: SYSTEM_TABLES.layouts,
          changes: { table: table.key, reset: true },
          ip: actor.ip,
        });
      });
    },
  };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
