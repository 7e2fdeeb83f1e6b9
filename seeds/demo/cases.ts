/**
 * Service cases of demo clients around the demo's today: open ones due soon, one already
 * escalated, one resolved. Due times are what the case routing rule sets from the priority.
 */
import type { CaseInput } from "../generated/workspace-types";
import { recordRef, type SeedRecord, type SeedValues } from "../seed-record";
import { iso } from "./tasks";
import type { DemoUserRef } from "./users";

interface Plan {
  ref: string;
  subject: string;
  client: string;
  /** The client's contact ref (`<client>-<n>`). */
  contact?: string;
  priority: NonNullable<CaseInput["priority"]>;
  status: NonNullable<CaseInput["status"]>;
  owner: DemoUserRef;
  /** `YYYY-MM-DD HH:MM`, UTC. */
  due: string;
  escalated?: boolean;
  resolvedAt?: string;
  description?: string;
}

const CASES: Plan[] = [
  {
    ref: "acme-vpn",
    subject: "VPN drops every few minutes",
    client: "acme",
    contact: "acme-1",
    priority: "high",
    status: "open",
    owner: "ben",
    due: "2026-11-21 09:30",
    description: "Since the firewall update on Tuesday; affects all remote staff.",
  },
  {
    ref: "liffey-printer",
    subject: "Till receipt printer offline",
    client: "liffey-coffee",
    priority: "urgent",
    status: "open",
    owner: "ben",
    due: "2026-11-19 14:00",
    escalated: true,
  },
  {
    ref: "connacht-licences",
    subject: "Two more office licences",
    client: "connacht-dairy",
    priority: "low",
    status: "waiting",
    owner: "ben",
    due: "2026-11-26 12:00",
  },
  {
    ref: "shannon-backup",
    subject: "Restore a deleted folder from backup",
    client: "shannon-aero",
    priority: "normal",
    status: "resolved",
    owner: "ben",
    due: "2026-11-14 10:00",
    resolvedAt: "2026-11-12 16:40",
  },
];

export function demoCases(): SeedRecord[] {
  return CASES.map((c) => {
    const values: SeedValues<CaseInput> = {
      subject: c.subject,
      client: recordRef("clients", c.client),
      ...(c.contact ? { contact: recordRef("contacts", c.contact) } : {}),
      priority: c.priority,
      status: c.status,
      owner: recordRef("crm_users", c.owner),
      due_at: iso(c.due),
      escalated: c.escalated ?? false,
      ...(c.description ? { description: c.description } : {}),
      ...(c.resolvedAt ? { resolved_at: iso(c.resolvedAt) } : {}),
    };
    return { table: "cases", ref: c.ref, values };
  });
}
