import type { Knex } from "knex";
import { audit } from "../auth/audit.server";
import { dbNow } from "../db/system-tables.server";
import { isRelation, relationTarget } from "../fields/structure";
import type { WriteEvent } from "../records/hooks";
import { parseId } from "../records/params";
import type { Actor } from "../records/permissions";
import { fromRow, systemTimeToJson, type RecordJson } from "../records/rows";
import { titleOf } from "../records/titles";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import { USERS_TABLE } from "../schema/types";
import { inDryRun } from "./dry-run-scope";
import { renderValue } from "./liquid";
import { sendNotifications } from "./notifications.server";
import { namesOf, resolveUserSpec, type UserRef } from "./recipients.server";
import type { LoadedRule } from "./rules.server";
import type { EngineDeps } from "./run.server";
import { linkable, ruleScope } from "./scope";
import { AUTOMATION_TABLES } from "./tables.server";
import type { Approval, ApprovalState, ApprovalStep, RequestApprovalAction } from "./types";
import { automationPhrase, automationRefusal } from "./automation-words";

/**
 * Approvals as guards. A rule with a `requestApproval` action is asked by the records hook before
 * a change commits: when the change makes the rule's trigger and condition hold and no approval
 * covers the record as it was, the change is refused (409, naming who must approve) and — after
 * the refused transaction — a pending request is made and its first approvers notified. Approvers
 * decide with a comment; steps chain; every request and decision is on the record's audit trail.
 * An approval covers one version of the record: changing the record after the request needs a
 * new one, and a guarded change uses it up.
 */

export interface ApprovalsService {
  /** Newest first; `approver`: only those waiting for that user's decision. */
  list(filter?: { approver?: number; state?: ApprovalState; table?: string; recordId?: number; limit?: number }): Promise<Approval[]>;
  get(id: unknown): Promise<Approval>;
  /** 403 unless the actor is an approver of the current step; 409 once decided. */
  approve(actor: Actor, id: unknown, comment?: unknown): Promise<Approval>;
  reject(actor: Actor, id: unknown, comment?: unknown): Promise<Approval>;
}

export interface ApprovalGuard {
  /** Inside the write's transaction: passes, or throws the 409 that refuses the change. */
  check(trx: Knex.Transaction, rule: LoadedRule, action: RequestApprovalAction, event: WriteEvent): Promise<void>;
  /**
   * A record created already as the guarded change would make it (an invoice saved as issued at
   * once): there is no earlier version to approve, so the create is refused, saying to save it
   * without that change first and make the change to ask for the approval.
   */
  refuseCreate(trx: Knex.Transaction, rule: LoadedRule, action: RequestApprovalAction, event: WriteEvent): Promise<void>;
}

interface Row {
  id: number;
  rule_id: number;
  rule_name?: string | null;
  table_id: string;
  record_id: number;
  record_version: number;
  state: ApprovalState;
  step: number;
  steps: string;
  message: string;
  requested_by: number | null;
  created_at: string;
  decided_at: string | null;
  used_at: string | null;
}

const href = (table: string, recordId: number, approvalId: number) => `/t/${table}/${recordId}?approval=${approvalId}`;

/** The record's relations one level deep, read in `q` (a write's transaction: the records service would need a second connection). */
async function resolveInTransaction(q: Knex, compiled: CompiledSchema, table: CompiledTable, values: RecordJson) {
  const out: Record<string, unknown> = { ...values };
  for (const f of table.fields) {
    const id = values[f.key];
    if (!isRelation(f) || typeof id !== "number") continue;
    const target = relationTarget(f)!;
    if (target === USERS_TABLE) out[f.key] = (await q(USERS_TABLE).where({ id }).first("id", "name", "email")) ?? null;
    else {
      const t = compiled.tablesByKey.get(target);
      const row = t ? ((await q(t.key).where({ id }).first()) as Record<string, unknown> | undefined) : undefined;
      out[f.key] = row && t ? fromRow(t, row) : null;
    }
  }
  return out;
}

export function createApprovals(deps: EngineDeps): { service: ApprovalsService; guard: ApprovalGuard } {
  const { db } = deps;

  function toApproval(row: Row, compiled: CompiledSchema): Approval {
    return {
      id: Number(row.id),
      ruleId: Number(row.rule_id),
      ruleName: row.rule_name ?? `rule #${row.rule_id}`,
      table: compiled.tablesById.get(row.table_id)?.key ?? row.table_id,
      recordId: Number(row.record_id),
      recordVersion: Number(row.record_version),
      state: row.state,
      step: Number(row.step),
      steps: JSON.parse(row.steps) as ApprovalStep[],
      message: row.message,
      requestedBy: row.requested_by === null ? null : Number(row.requested_by),
      createdAt: systemTimeToJson(row.created_at)!,
      decidedAt: systemTimeToJson(row.decided_at),
      usedAt: systemTimeToJson(row.used_at),
    };
  }

  const withRuleName = (q: Knex) =>
    q(`${AUTOMATION_TABLES.approvals} as a`)
      .leftJoin(`${AUTOMATION_TABLES.rules} as r`, "r.id", "a.rule_id")
      .select("a.*", "r.name as rule_name");

  async function request(
    rule: LoadedRule,
    action: RequestApprovalAction,
    table: CompiledTable,
    recordId: number,
    version: number,
    message: string,
    requestedBy: number | null,
    first: UserRef[],
  ) {
    await db.transaction(async (trx) => {
      const pending = await trx(AUTOMATION_TABLES.approvals)
        .where({ rule_id: rule.id, record_id: recordId, record_version: version, state: "pending" })
        .first("id");
      if (pending) return;
      const t = dbNow(deps.now());
      const steps: ApprovalStep[] = action.steps.map((s, i) => ({
        approver: s.approver,
        users: i === 0 ? first : [],
        decision: null,
        decidedBy: null,
        comment: null,
        decidedAt: null,
      }));
      const [id] = await trx(AUTOMATION_TABLES.approvals).insert({
        rule_id: rule.id,
        table_id: table.id,
        record_id: recordId,
        record_version: version,
        state: "pending",
        step: 0,
        steps: JSON.stringify(steps),
        message,
        requested_by: requestedBy,
        created_at: t,
        updated_at: t,
      });
      const approvalId = Number(id);
      await audit(trx, {
        userId: requestedBy,
        action: "approval",
        table: table.key,
        recordId,
        changes: { approval: approvalId, rule: rule.name, decision: "requested", message, approvers: first.map((u) => u.name) },
      });
      await sendNotifications(trx, deps.now(), {
        userIds: first.map((u) => u.id),
        title: `Approval needed: ${message}`,
        href: href(table.key, recordId, approvalId),
        key: `approval:${approvalId}:step:0`,
        ruleId: rule.id,
      });
    });
  }

  /** The rule's message about the record as the change leaves it, and how people name it. */
  async function describeChange(trx: Knex.Transaction, rule: LoadedRule, action: RequestApprovalAction, event: WriteEvent) {
    const { compiled, table } = event;
    const record = linkable(await resolveInTransaction(trx, compiled, table, event.after!));
    const scope = ruleScope({
      record,
      previous: event.before,
      actor: event.actor.id === null ? null : event.actor,
      company: null,
      rule: { id: rule.id, name: rule.name },
      now: deps.now(),
      timeZone: deps.timeZone,
    });
    const message = renderValue(action.message, { ...scope }, { compiled, table: table.key, locale: deps.locale }).trim();
    return { message, title: `${table.label} ${titleOf(table, event.after!)}` };
  }

  const guard: ApprovalGuard = {
    async refuseCreate(trx, rule, action, event) {
      const { message, title } = await describeChange(trx, rule, action, event);
      const first = await resolveUserSpec(trx, event.compiled, event.table, event.after!, action.steps[0].approver);
      const { trigger } = rule.compiled.definition;
      const fields = trigger.type === "updated" && trigger.fields?.length ? trigger.fields : [];
      const labels = fields.map((f) => event.table.fieldsByKey.get(f)?.label ?? f).join(", ");
      const how = labels ? automationPhrase("howFields", { labels }) : automationPhrase("howPlain");
      const approvers = first.length ? namesOf(first) : `"${action.steps[0].approver}"`;
      throw automationRefusal(409, "approvalNew", { message, title, approvers, rule: rule.name, how }, { approvers: first, rule: rule.id });
    },

    async check(trx, rule, action, event) {
      const before = event.before;
      if (!before || !event.after) return;
      const version = before.version;
      const latest = (await trx(AUTOMATION_TABLES.approvals)
        .where({ rule_id: rule.id, record_id: event.id, record_version: version })
        .orderBy("id", "desc")
        .first()) as Row | undefined;
      if (latest?.state === "approved" && latest.used_at === null) {
        if (!inDryRun())
          await trx(AUTOMATION_TABLES.approvals)
            .where({ id: latest.id })
            .update({ used_at: dbNow(deps.now()) });
        return;
      }
      const { compiled, table } = event;
      const { message, title } = await describeChange(trx, rule, action, event);
      if (latest?.state === "pending") {
        const steps = JSON.parse(latest.steps) as ApprovalStep[];
        const waiting = steps[Number(latest.step)]?.users ?? [];
        const day = systemTimeToJson(latest.created_at)!.slice(0, 10);
        throw automationRefusal(
          409,
          "approvalWaiting",
          { message, title, approvers: namesOf(waiting), day },
          { approval: Number(latest.id), approvers: waiting },
        );
      }
      const first = await resolveUserSpec(trx, compiled, table, event.after, action.steps[0].approver);
      if (first.length === 0)
        throw automationRefusal(409, "approvalNobody", { message, title, approver: action.steps[0].approver, rule: rule.name });
      if (!inDryRun()) {
        const requestedBy = event.actor.id;
        event.afterTransaction(() => request(rule, action, table, event.id, version, message, requestedBy, first));
      }
      const rejected = latest?.state === "rejected" ? rejection(latest) : null;
      throw automationRefusal(
        409,
        !rejected
          ? "approvalSent"
          : !rejected.by
            ? "approvalSentRejected"
            : rejected.comment
              ? "approvalSentRejectedWhy"
              : "approvalSentRejectedBy",
        { message, title, approvers: namesOf(first), ...rejected },
        { approvers: first },
      );
    },
  };

  /** Who rejected an earlier request, and why, when they said. */
  function rejection(row: Row): { by?: string; comment?: string } {
    const step = (JSON.parse(row.steps) as ApprovalStep[]).find((s) => s.decision === "rejected");
    return step?.decidedBy ? { by: step.decidedBy.name, ...(step.comment ? { comment: step.comment } : {}) } : {};
  }

  async function decide(actor: Actor, rawId: unknown, rawComment: unknown, decision: "approved" | "rejected"): Promise<Approval> {
    const id = parseId(rawId);
    if (rawComment !== undefined && rawComment !== null && typeof rawComment !== "string") throw automationRefusal(400, "commentText");
    const comment = typeof rawComment === "string" && rawComment.trim() ? rawComment.trim().slice(0, 1_000) : null;
    const { compiled } = await deps.workspace.current();
    await db.transaction(async (trx) => {
      const q = trx(AUTOMATION_TABLES.approvals).where({ id });
      if (deps.dialect === "mysql") q.forUpdate();
      const row = (await q.first()) as Row | undefined;
      if (!row) throw automationRefusal(404, "noApproval", { id });
      if (row.state !== "pending")
        throw automationRefusal(
          409,
          row.state === "approved" ? "alreadyApproved" : row.state === "rejected" ? "alreadyRejected" : "alreadyDecided",
          { id, state: row.state },
        );
      const steps = JSON.parse(row.steps) as ApprovalStep[];
      const index = Number(row.step);
      const step = steps[index];
      if (actor.id === null || !step.users.some((u) => u.id === actor.id))
        throw automationRefusal(403, "notYourStep", { n: index + 1, approvers: namesOf(step.users) });
      const t = dbNow(deps.now());
      Object.assign(step, { decision, decidedBy: { id: actor.id, name: actor.name }, comment, decidedAt: systemTimeToJson(t) });
      const table = compiled.tablesById.get(row.table_id);
      const tableKey = table?.key ?? row.table_id;
      const rule = (await trx(AUTOMATION_TABLES.rules).where({ id: row.rule_id }).first("name")) as { name: string } | undefined;
      await audit(trx, {
        userId: actor.id,
        action: "approval",
        table: tableKey,
        recordId: Number(row.record_id),
        changes: { approval: id, rule: rule?.name ?? null, step: index + 1, decision, comment },
        ip: actor.ip,
      });
      const link = href(tableKey, Number(row.record_id), id);
      const next = steps[index + 1];
      if (decision === "approved" && next) {
        const values = table
          ? ((await trx(table.key).where({ id: row.record_id }).first()) as Record<string, unknown> | undefined)
          : undefined;
        next.users = table && values ? await resolveUserSpec(trx, compiled, table, fromRow(table, values), next.approver) : [];
        await trx(AUTOMATION_TABLES.approvals)
          .where({ id })
          .update({ step: index + 1, steps: JSON.stringify(steps), updated_at: t });
        await sendNotifications(trx, deps.now(), {
          userIds: next.users.map((u) => u.id),
          title: `Approval needed: ${row.message}`,
          href: link,
          key: `approval:${id}:step:${index + 1}`,
          ruleId: Number(row.rule_id),
        });
        return;
      }
      await trx(AUTOMATION_TABLES.approvals)
        .where({ id })
        .update({
          state: decision,
          step: decision === "approved" ? steps.length : index,
          steps: JSON.stringify(steps),
          decided_at: t,
          updated_at: t,
        });
      if (row.requested_by !== null)
        await sendNotifications(trx, deps.now(), {
          userIds: [Number(row.requested_by)],
          title:
            decision === "approved"
              ? `Approved: ${row.message} — save the change again to apply it`
              : `Rejected by ${actor.name}: ${row.message}${comment ? ` ("${comment}")` : ""}`,
          href: link,
          key: `approval:${id}:${decision}`,
          ruleId: Number(row.rule_id),
        });
    });
    return service.get(id);
  }

  const service: ApprovalsService = {
    async list(filter = {}) {
      const { compiled } = await deps.workspace.current();
      const q = withRuleName(db)
        .orderBy("a.id", "desc")
        .limit(Math.min(filter.limit ?? 100, 500));
      if (filter.state) q.where("a.state", filter.state);
      if (filter.recordId !== undefined) q.where("a.record_id", filter.recordId);
      if (filter.table) {
        const table = compiled.tablesByKey.get(filter.table);
        q.where("a.table_id", table?.id ?? "");
      }
      if (filter.approver !== undefined) q.where("a.state", "pending");
      const rows = ((await q) as Row[]).map((r) => toApproval(r, compiled));
      return filter.approver === undefined ? rows : rows.filter((a) => a.steps[a.step]?.users.some((u) => u.id === filter.approver));
    },
    async get(rawId) {
      const id = parseId(rawId);
      const { compiled } = await deps.workspace.current();
      const row = (await withRuleName(db).where("a.id", id).first()) as Row | undefined;
      if (!row) throw automationRefusal(404, "noApproval", { id });
      return toApproval(row, compiled);
    },
    approve: (actor, id, comment) => decide(actor, id, comment, "approved"),
    reject: (actor, id, comment) => decide(actor, id, comment, "rejected"),
  };
  return { service, guard };
}
