/**
 * Calls, meetings, tasks and emails around the demo clients: done ones with their results, open
 * ones due before and after the demo's today (some overdue, some with reminders ahead).
 */
import { makeEvent } from "../factories";
import { recordRef, type SeedRecord } from "../seed-record";
import { demoClient } from "./clients";
import { contactRef } from "./contacts";
import type { DemoUserRef } from "./users";

interface EventPlan {
  client: string;
  kind: "call" | "meeting" | "task" | "email";
  subject: string;
  /** `YYYY-MM-DD HH:MM`, UTC. For tasks the due time, otherwise the start. */
  at: string;
  /** Minutes a call or meeting lasts; tasks and emails have none. */
  minutes?: number;
  assignee: DemoUserRef;
  /** Index into the client's contacts. */
  contact?: number;
  contract?: string;
  priority?: "low" | "normal" | "high";
  /** When set, the event is done and this is what came of it. */
  result?: string;
  /** Minutes before `at` to remind the assignee of an open event. */
  remindBefore?: number;
}

const EVENTS: EventPlan[] = [
  { client: "acme", kind: "meeting", subject: "Hosting renewal and 2026 scope", at: "2025-12-04 10:00", minutes: 60, assignee: "ben", contact: 0, contract: "acme-2025",
    result: "Renewal agreed with CRM licences for 10 users; 5 % discount on the support plan." },
  { client: "acme", kind: "email", subject: "Send renewal contract for signature", at: "2026-01-12 09:30", assignee: "ben", contact: 0, contract: "acme-2026",
    result: "Signed copy received on 15 January." },
  { client: "acme", kind: "call", subject: "Reminder: invoice for Nov 2026–Jan 2027 is overdue", at: "2026-11-23 09:30", minutes: 15, assignee: "chloe", contact: 1,
    contract: "acme-2026", priority: "high", remindBefore: 60 },
  { client: "acme", kind: "meeting", subject: "Quarterly service review", at: "2026-12-03 14:00", minutes: 90, assignee: "ben", contact: 0, contract: "acme-2026",
    remindBefore: 1440 },
  { client: "brennan-walsh", kind: "meeting", subject: "Requirements workshop, document management", at: "2025-03-12 09:00", minutes: 240, assignee: "anna",
    contact: 0, contract: "brennan-walsh-dms", result: "Scope confirmed: 4 practice areas, 9 users, migration of 12 years of files." },
  { client: "brennan-walsh", kind: "task", subject: "Prepare training materials", at: "2025-09-05 17:00", assignee: "ben", contract: "brennan-walsh-dms",
    result: "12 printed manuals ordered." },
  { client: "brennan-walsh", kind: "call", subject: "Follow-up three months after go-live", at: "2026-01-14 11:00", minutes: 20, assignee: "anna", contact: 1,
    result: "Happy with the system; interested in a client portal next year." },
  { client: "liffey-coffee", kind: "meeting", subject: "Site survey for the new shop network", at: "2026-05-06 08:30", minutes: 120, assignee: "ben", contact: 1,
    result: "Needs 4 laptops, a 24-port switch and about 150 m of cabling." },
  { client: "liffey-coffee", kind: "task", subject: "Order hardware for the network refresh", at: "2026-06-03 12:00", assignee: "ben", contract: "liffey-pos",
    result: "Ordered; delivery on 10 June." },
  { client: "connacht-dairy", kind: "call", subject: "Agree dates for the autumn training", at: "2026-08-25 10:00", minutes: 30, assignee: "anna", contact: 0,
    result: "Four days: 14 and 28 September, 19 November, 18 December." },
  { client: "connacht-dairy", kind: "task", subject: "Book the training room in Galway for 18 December", at: "2026-11-27 17:00", assignee: "anna",
    contract: "connacht-training", remindBefore: 2880 },
  { client: "connacht-dairy", kind: "task", subject: "Issue the November training invoice", at: "2026-11-24 12:00", assignee: "chloe", contract: "connacht-training",
    priority: "high", remindBefore: 1440 },
  { client: "shannon-aero", kind: "email", subject: "Payment reminder for the July invoice", at: "2026-09-15 09:00", assignee: "chloe", contact: 1, contract: "shannon-2026",
    result: "Half paid on 14 August; the rest promised for October." },
  { client: "shannon-aero", kind: "call", subject: "Chase the rest of the July invoice", at: "2026-11-06 10:00", minutes: 15, assignee: "chloe", contact: 1,
    contract: "shannon-2026", priority: "high", remindBefore: 30 },
  { client: "shannon-aero", kind: "meeting", subject: "ERP support renewal for 2027", at: "2026-12-01 11:00", minutes: 60, assignee: "ben", contact: 0,
    contract: "shannon-2026", remindBefore: 1440 },
  { client: "nordlicht", kind: "meeting", subject: "Kick-off: ERP integration (video call)", at: "2025-05-06 08:00", minutes: 90, assignee: "anna", contact: 1,
    contract: "nordlicht-erp", result: "Interfaces agreed: orders, customers, stock levels. Test system access by 20 May." },
  { client: "nordlicht", kind: "task", subject: "Acceptance test with the Nordlicht team", at: "2025-12-10 16:00", assignee: "ben", contract: "nordlicht-erp",
    result: "Accepted with two minor issues, fixed on 15 December." },
  { client: "hafenblick", kind: "call", subject: "First call about the tenant portal", at: "2026-10-21 13:00", minutes: 30, assignee: "anna", contact: 0,
    result: "About 400 units; they want a quote including hosting." },
  { client: "hafenblick", kind: "task", subject: "Send the tenant portal quote", at: "2026-11-18 17:00", assignee: "anna", priority: "high", remindBefore: 1440 },
  { client: "marais", kind: "meeting", subject: "Website design review", at: "2025-07-08 09:00", minutes: 90, assignee: "ben", contact: 0, contract: "marais-website",
    result: "Design approved with changes to the menu pages." },
  { client: "atelier-lumiere", kind: "email", subject: "Send the portal proposal", at: "2026-11-10 15:00", assignee: "anna", contact: 0,
    result: "Proposal sent; draft invoice for the workshop and first sprint prepared." },
  { client: "van-der-berg", kind: "meeting", subject: "Present the field service app proposal", at: "2026-11-26 09:00", minutes: 90, assignee: "ben", contact: 0,
    contract: "van-der-berg-app", priority: "high", remindBefore: 1440 },
  { client: "grachtenhuis", kind: "call", subject: "Notice of termination after the hotel sale", at: "2026-03-02 10:30", minutes: 20, assignee: "anna", contact: 0,
    contract: "grachtenhuis-wifi", result: "Contract ends 15 March; the second-half invoice is cancelled." },
  { client: "kowalski", kind: "email", subject: "Licence renewal reminder", at: "2026-08-17 08:00", assignee: "ben", contact: 0,
    result: "They will renew in September; asked for the same 10 % discount." },
  { client: "kowalski", kind: "task", subject: "Quote the licence renewal for 2026/27", at: "2026-09-01 17:00", assignee: "ben", priority: "normal" },
  { client: "tallinn-data", kind: "call", subject: "Feedback on the online training", at: "2025-07-15 07:30", minutes: 20, assignee: "ben", contact: 0,
    result: "Good feedback; may book an advanced session in 2027." },
  { client: "fjord-analytics", kind: "meeting", subject: "Monthly steering meeting (video call)", at: "2026-11-12 08:00", minutes: 60, assignee: "anna", contact: 0,
    contract: "fjord-data", result: "Remaining budget: about 14 consultant days. Extension to 2027 likely." },
  { client: "fjord-analytics", kind: "meeting", subject: "Monthly steering meeting (video call)", at: "2026-12-10 08:00", minutes: 60, assignee: "anna", contact: 0,
    contract: "fjord-data", remindBefore: 1440 },
  { client: "svensk-tratek", kind: "call", subject: "Introductory call", at: "2026-02-24 09:00", minutes: 30, assignee: "ben", contact: 0,
    result: "Booked a day of advice on their web shop." },
  { client: "alpenblick", kind: "task", subject: "Prepare the renewal offer for December", at: "2026-11-16 17:00", assignee: "anna", contract: "alpenblick-support",
    priority: "high", remindBefore: 1440 },
  { client: "oakridge", kind: "meeting", subject: "Retainer renewal", at: "2026-08-12 14:00", minutes: 45, assignee: "ben", contact: 0, contract: "oakridge-2025",
    result: "Renewed for a year with an SSL certificate; 5 % off the support plan." },
  { client: "thames-vets", kind: "task", subject: "Set up the six new laptops", at: "2026-03-06 17:00", assignee: "ben", result: "Delivered and set up on site." },
  { client: "bluebonnet", kind: "email", subject: "Second payment reminder", at: "2026-09-02 14:00", assignee: "chloe", contact: 1, contract: "bluebonnet-crm",
    result: "Controller confirmed the balance is approved; paying in November." },
  { client: "bluebonnet", kind: "call", subject: "Chase the unpaid half of the licence invoice", at: "2026-11-19 16:00", minutes: 15, assignee: "chloe", contact: 1,
    contract: "bluebonnet-crm", priority: "high", remindBefore: 60 },
  { client: "lisboa-azulejos", kind: "meeting", subject: "Web shop launch review (video call)", at: "2026-03-10 10:00", minutes: 45, assignee: "ben", contact: 0,
    result: "Launched; 38 orders in the first week." },
  { client: "ruiz", kind: "call", subject: "Ask about the unpaid April invoice", at: "2026-06-30 09:00", minutes: 10, assignee: "chloe", contact: 1,
    result: "No answer; left a message." },
  { client: "ruiz", kind: "email", subject: "Final reminder before collection", at: "2026-11-25 09:00", assignee: "chloe", contact: 1, priority: "high", remindBefore: 120 },
  { client: "praha-print", kind: "call", subject: "Agree a payment plan for the August invoice", at: "2026-10-20 09:00", minutes: 20, assignee: "chloe", contact: 1,
    result: "30 % paid; the rest in two instalments." },
  { client: "sean-o-briain", kind: "task", subject: "Check on the repair invoice", at: "2026-11-13 12:00", assignee: "chloe", priority: "low" },
  { client: "copenhagen-cycle", kind: "meeting", subject: "Move the web shop to managed hosting (video call)", at: "2026-10-28 09:00", minutes: 60, assignee: "ben",
    contact: 1, result: "Move planned for 1 December; invoice a year of hosting up front." },
  { client: "niamh-kelly", kind: "call", subject: "Call back about an online shop", at: "2026-11-24 11:00", minutes: 20, assignee: "ben", contact: 0, remindBefore: 60 },
  { client: "marco-bianchi", kind: "email", subject: "Confirm the online training date", at: "2026-11-18 10:00", assignee: "anna", contact: 0,
    result: "Confirmed for 3 December, two hours." },
];

function isoAt(at: string, plusMinutes = 0): string {
  const date = new Date(`${at.replace(" ", "T")}:00.000Z`);
  date.setUTCMinutes(date.getUTCMinutes() + plusMinutes);
  return date.toISOString();
}

export function demoEvents(): SeedRecord[] {
  return EVENTS.map((plan, i) => {
    const client = demoClient(plan.client);
    const timed = plan.kind === "call" || plan.kind === "meeting";
    const done = plan.result !== undefined;
    const values = makeEvent(
      {
        kind: plan.kind,
        subject: plan.subject,
        client: recordRef("clients", client.ref),
        contact: plan.contact === undefined ? undefined : recordRef("contacts", contactRef(client, plan.contact)),
        contract: plan.contract === undefined ? undefined : recordRef("contracts", plan.contract),
        starts_at: timed ? isoAt(plan.at) : undefined,
        due_at: timed ? isoAt(plan.at, plan.minutes ?? 30) : isoAt(plan.at),
        remind_at: !done && plan.remindBefore !== undefined ? isoAt(plan.at, -plan.remindBefore) : undefined,
        assignee: recordRef("crm_users", plan.assignee),
        priority: plan.priority ?? "normal",
        done,
        result: plan.result,
      },
      i + 1,
    );
    return { table: "events", ref: `event-${String(i + 1).padStart(2, "0")}`, values };
  });
}
