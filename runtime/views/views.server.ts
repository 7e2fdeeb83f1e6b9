import type { Knex } from "knex";
import { dbNow, SYSTEM_TABLES } from "../db/system-tables.server";
import { isAdmin, type Actor } from "../records/permissions";
import type { StoredViewState } from "./stored-view";
import { viewRefusal } from "./view-words";
import { readTranslations, translationsToStore, type ItemTranslations } from "../i18n/item-names";
import { DEFAULT_VIEW_NAME } from "./view-name";

/** A saved list view as screens see it. */
export interface SavedView {
  id: number;
  name: string;
  /** Its name in other languages (`nameIn`). */
  translations?: ItemTranslations;
  ownerId: number | null;
  shared: boolean;
  /** The table's default for everyone. */
  isDefault: boolean;
  /** The actor may change or delete it. */
  editable: boolean;
  state: unknown;
}

export interface ViewsService {
  /** The actor's own views, the shared ones and the default, default first, then by name. */
  list(actor: Actor, tableId: string): Promise<SavedView[]>;
  create(
    actor: Actor,
    tableId: string,
    input: { name: unknown; translations?: unknown; shared?: unknown; state: StoredViewState },
  ): Promise<SavedView>;
  update(
    actor: Actor,
    tableId: string,
    id: unknown,
    changes: { name?: unknown; translations?: unknown; shared?: unknown; state?: StoredViewState },
  ): Promise<SavedView>;
  remove(actor: Actor, tableId: string, id: unknown): Promise<void>;
  /** Writes the table's default view (creating it the first time). */
  setDefault(actor: Actor, tableId: string, state: StoredViewState): Promise<SavedView>;
}

interface ViewRow {
  id: number;
  table_id: string;
  name: string;
  translations?: string | null;
  owner_id: number | null;
  shared: number | boolean;
  is_default: number | boolean;
  state: string;
}

const sameOwner = (a: number | null, b: number | null) => (a === null ? b === null : a === b);

function parseState(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toView(row: ViewRow, actor: Actor): SavedView {
  const isDefault = Boolean(row.is_default);
  const ownerId = row.owner_id === null ? null : Number(row.owner_id);
  const translations = readTranslations(row.translations);
  return {
    id: Number(row.id),
    name: row.name,
    ...(translations ? { translations } : {}),
    ownerId,
    shared: Boolean(row.shared),
    isDefault,
    editable: isDefault ? isAdmin(actor) : sameOwner(ownerId, actor.id),
    state: parseState(row.state),
  };
}

function viewName(raw: unknown): string {
  const name = typeof raw === "string" ? raw.trim() : "";
  if (name === "") throw viewRefusal(400, "name");
  if (name.length > 200) throw viewRefusal(400, "nameLong");
  return name;
}

function viewId(raw: unknown): number {
  const n = typeof raw === "number" ? raw : typeof raw === "string" && /^\d{1,12}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw viewRefusal(400, "notView");
  return n;
}

const truthy = (v: unknown) => v === true || v === "on" || v === "true" || v === "1";

export function createViewsService(db: Knex): ViewsService {
  const table = SYSTEM_TABLES.views;

  async function visible(actor: Actor, tableId: string): Promise<ViewRow[]> {
    return (await db(table)
      .where({ table_id: tableId })
      .andWhere((w) => {
        w.where("shared", true).orWhere("is_default", true);
        if (actor.id === null) w.orWhereNull("owner_id");
        else w.orWhere("owner_id", actor.id);
      })
      .orderBy([{ column: "is_default", order: "desc" }, { column: "name" }, { column: "id" }])) as ViewRow[];
  }

  async function editable(actor: Actor, tableId: string, rawId: unknown): Promise<SavedView> {
    const id = viewId(rawId);
    const row = (await db(table).where({ id, table_id: tableId }).first()) as ViewRow | undefined;
    const view = row ? toView(row, actor) : null;
    if (!view || (!view.shared && !view.isDefault && !sameOwner(view.ownerId, actor.id))) throw viewRefusal(404, "gone");
    if (!view.editable) throw viewRefusal(403, "notYours", { name: view.name });
    return view;
  }

  async function read(actor: Actor, id: number): Promise<SavedView> {
    return toView((await db(table).where({ id }).first()) as ViewRow, actor);
  }

  return {
    async list(actor, tableId) {
      return (await visible(actor, tableId)).map((row) => toView(row, actor));
    },

    async create(actor, tableId, input) {
      const now = dbNow();
      const [id] = await db(table).insert({
        table_id: tableId,
        name: viewName(input.name),
        translations: translationsToStore(input.translations),
        owner_id: actor.id,
        shared: truthy(input.shared),
        is_default: false,
        state: JSON.stringify(input.state),
        version: 1,
        created_at: now,
        updated_at: now,
      });
      return read(actor, Number(id));
    },

    async update(actor, tableId, rawId, changes) {
      const view = await editable(actor, tableId, rawId);
      const patch: Record<string, unknown> = { updated_at: dbNow(), version: db.raw("version + 1") };
      if (changes.name !== undefined) patch.name = viewName(changes.name);
      if (changes.translations !== undefined) patch.translations = translationsToStore(changes.translations);
      if (changes.shared !== undefined && !view.isDefault) patch.shared = truthy(changes.shared);
      if (changes.state !== undefined) patch.state = JSON.stringify(changes.state);
      await db(table).where({ id: view.id }).update(patch);
      return read(actor, view.id);
    },

    async remove(actor, tableId, rawId) {
      const view = await editable(actor, tableId, rawId);
      await db(table).where({ id: view.id }).delete();
    },

    async setDefault(actor, tableId, state) {
      if (!isAdmin(actor)) throw viewRefusal(403, "defaultAdmin");
      const now = dbNow();
      const existing = (await db(table).where({ table_id: tableId, is_default: true }).first("id")) as { id: number } | undefined;
      if (existing) {
        await db(table)
          .where({ id: existing.id })
          .update({ state: JSON.stringify(state), updated_at: now, version: db.raw("version + 1") });
        return read(actor, Number(existing.id));
      }
      const [id] = await db(table).insert({
        table_id: tableId,
        name: DEFAULT_VIEW_NAME,
        owner_id: null,
        shared: true,
        is_default: true,
        state: JSON.stringify(state),
        version: 1,
        created_at: now,
        updated_at: now,
      });
      return read(actor, Number(id));
    },
  };
}
