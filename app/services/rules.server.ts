/**
 * Rules, their runs and approvals as the rules screens and `/api/rules`, `/api/approvals` use them.
 * The automation service decides who may change what; these functions add the checks it leaves to
 * its callers (reading rules and run logs is for administrators, an approval for those who may
 * read its record) and shape the bodies of the HTTP API.
 */
import type { Approval, DryRunResult, ManualRule, Rule, RuleProblem, RuleRun } from "@runtime/automation/automation.server";
import { requireAdmin, type Actor } from "@runtime/records/permissions";
import { actorFor } from "./actor.server";
import { getRuntime } from "./runtime.server";
import { automationRefusal } from "@runtime/automation/automation-words";

/** A rule is a few kB; a generous bound against floods. */
export const RULE_MAX_BYTES = 200_000;

/** What a client may send back with a definition: the stored rule's read-only parts are dropped. */
const READ_ONLY = ["id", "version", "createdAt", "updatedAt", "problems"] as const;

async function automation() {
  return (await getRuntime()).automation;
}

/** The actor of an admin-only rules call, refused with 403 before its body is read. */
export async function rulesAdminFor(request: Request): Promise<Actor> {
  const actor = await actorFor(request);
  requireAdmin(actor, "manageRules");
  return actor;
}

function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw automationRefusal(400, "bodyObject");
  return body as Record<string, unknown>;
}

/** The definition part of a body that may be a whole stored rule. */
export function definitionOf(body: unknown): Record<string, unknown> {
  const copy = { ...asObject(body) };
  for (const key of READ_ONLY) delete copy[key];
  return copy;
}

export async function listRulesAs(actor: Actor): Promise<Rule[]> {
  requireAdmin(actor, "manageRules");
  return (await automation()).rules.list();
}

export async function getRuleAs(actor: Actor, id: unknown): Promise<Rule> {
  requireAdmin(actor, "manageRules");
  return (await automation()).rules.get(id);
}

export async function createRuleAs(actor: Actor, body: unknown): Promise<Rule> {
  return (await automation()).rules.create(actor, definitionOf(body));
}

/** `body` is the edited rule with the `version` it was read at (409 when another change came first). */
export async function updateRuleAs(actor: Actor, id: unknown, body: unknown): Promise<Rule> {
  const version = asObject(body).version;
  if (version === undefined) throw automationRefusal(400, "sendVersion");
  return (await automation()).rules.update(actor, id, definitionOf(body), version);
}

export async function removeRuleAs(actor: Actor, id: unknown): Promise<void> {
  await (await automation()).rules.remove(actor, id);
}

/** Every problem of a definition, each at its JSON Pointer: what the editor shows as the admin types. */
export async function validateRuleAs(actor: Actor, body: unknown): Promise<RuleProblem[]> {
  requireAdmin(actor, "manageRules");
  return (await automation()).rules.validate(definitionOf(body));
}

/** A stored rule (`id`) or an unsaved definition (`definition`, with `id` the stored one as edited). */
export async function dryRunAs(actor: Actor, input: { id?: unknown; definition?: unknown; limit?: unknown }): Promise<DryRunResult> {
  const limit = input.limit === undefined ? undefined : Number(input.limit);
  if (limit !== undefined && !Number.isSafeInteger(limit)) throw automationRefusal(400, "limit");
  const id = input.id === undefined ? undefined : Number(input.id);
  if (id !== undefined && (!Number.isSafeInteger(id) || id <= 0))
    throw automationRefusal(400, "ruleId", { id: String(input.id).slice(0, 40) });
  const definition = input.definition === undefined ? undefined : definitionOf(input.definition);
  return (await automation()).dryRun(actor, { id, definition, limit });
}

export async function ruleRunsAs(actor: Actor, id: unknown, limit?: number): Promise<RuleRun[]> {
  requireAdmin(actor, "seeRuleRuns");
  const service = await automation();
  await service.rules.get(id);
  return service.rules.runs(id, { limit });
}

export async function failedRunsAs(actor: Actor): Promise<RuleRun[]> {
  requireAdmin(actor, "seeRuleRuns");
  return (await automation()).rules.failedRuns();
}

export async function retryRunAs(actor: Actor, runId: unknown): Promise<RuleRun> {
  return (await automation()).rules.retryRun(actor, runId);
}

/** The buttons of a record's card: the table's enabled manual rules, each saying whether it is offered. */
export async function manualRulesAs(actor: Actor, table: unknown, recordId: unknown): Promise<ManualRule[]> {
  if (typeof table !== "string" || table === "") throw automationRefusal(400, "nameTable");
  return (await automation()).rules.manual(actor, table, recordId ?? undefined);
}

export async function runManualAs(actor: Actor, ruleId: unknown, body: unknown): Promise<RuleRun> {
  const { recordId, clickId } = asObject(body);
  if (clickId !== undefined && typeof clickId !== "string") throw automationRefusal(400, "clickIdText");
  return (await automation()).runManual(actor, ruleId, recordId, clickId);
}

/** Approvals waiting for the actor's decision, newest first. */
export async function myPendingApprovalsAs(actor: Actor): Promise<Approval[]> {
  if (actor.id === null) throw automationRefusal(403, "signedInApprovals");
  return (await automation()).approvals.list({ approver: actor.id, state: "pending" });
}

/** One approval, for whoever may read the record it is about. */
export async function getApprovalAs(actor: Actor, id: unknown): Promise<Approval & { canDecide: boolean }> {
  const runtime = await getRuntime();
  const approval = await runtime.automation.approvals.get(id);
  await runtime.records.get(actor, approval.table, approval.recordId);
  const current = approval.state === "pending" ? approval.steps[approval.step] : undefined;
  return { ...approval, canDecide: Boolean(current?.users.some((u) => u.id === actor.id)) };
}

export async function decideApprovalAs(actor: Actor, id: unknown, decision: unknown, body: unknown): Promise<Approval> {
  const { comment } = body === undefined ? { comment: undefined } : asObject(body);
  const { approvals } = await automation();
  if (decision === "approve") return approvals.approve(actor, id, comment);
  if (decision === "reject") return approvals.reject(actor, id, comment);
  throw automationRefusal(400, "decision", { decision: String(decision).slice(0, 40) });
}
