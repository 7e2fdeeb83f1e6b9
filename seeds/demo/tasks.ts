/**
 * A few open and done to-dos of the demo users, around the demo's today: one overdue, some due in
 * the coming days, one already done. Tasks that rules create (collections) come from the rules.
 */
import type { TaskInput } from "../generated/workspace-types";
import { recordRef, type SeedRecord, type SeedValues } from "../seed-record";
import type { DemoUserRef } from "./users";

interface TaskPlan {
  ref: string;
  subject: string;
  /** `YYYY-MM-DD HH:MM`, UTC. */
  due: string;
  assignee: DemoUserRef;
  priority?: "low" | "normal" | "high";
  notes?: string;
  /** Done at this time (`YYYY-MM-DD HH:MM`). */
  doneAt?: string;
}

const TASKS: TaskPlan[] = [
  { ref: "price-list", subject: "Update the 2027 price list", due: "2026-11-18 16:00", assignee: "ben", priority: "high" },
  {
    ref: "onboarding",
    subject: "Plan onboarding call for new clients",
    due: "2026-11-23 10:00",
    assignee: "ben",
    notes: "Agenda: access, training dates, first invoice.",
  },
  { ref: "crm-training", subject: "Book CRM training room", due: "2026-11-27 12:00", assignee: "ben", priority: "low" },
  { ref: "vat-return", subject: "Prepare the VAT return for November", due: "2026-12-10 17:00", assignee: "chloe", priority: "high" },
  {
    ref: "bank-reconcile",
    subject: "Reconcile October bank statements",
    due: "2026-11-10 17:00",
    assignee: "chloe",
    doneAt: "2026-11-09 15:20",
  },
];

/** `YYYY-MM-DD HH:MM` (UTC) → the ISO date-time a datetime field takes. */
export const iso = (at: string) => `${at.replace(" ", "T")}:00.000Z`;

export function demoTasks(): SeedRecord[] {
  return TASKS.map((t) => {
    const values: SeedValues<TaskInput> = {
      subject: t.subject,
      due: iso(t.due),
      assignee: recordRef("crm_users", t.assignee),
      status: t.doneAt ? "done" : "open",
      priority: t.priority ?? "normal",
      ...(t.notes ? { notes: t.notes } : {}),
      ...(t.doneAt ? { done_at: iso(t.doneAt) } : {}),
    };
    return { table: "tasks", ref: t.ref, values };
  });
}
