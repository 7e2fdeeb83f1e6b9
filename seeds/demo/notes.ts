/**
 * Notes the demo users left on records, so a card's activity timeline has more than changes:
 * what a client said on the phone, what to remember before the next visit.
 */
import type { NoteInput } from "../generated/workspace-types";
import { recordRef, type SeedRecord, type SeedValues } from "../seed-record";

interface NotePlan {
  ref: string;
  table: "clients" | "deals";
  about: string;
  subject?: string;
  body: string;
}

const NOTES: NotePlan[] = [
  {
    ref: "acme-delivery",
    table: "clients",
    about: "acme",
    subject: "Delivery window",
    body: "Deliveries only before 10:00: the yard is full of trucks after that. Ask for Ciarán at the gate.",
  },
  {
    ref: "acme-renewal",
    table: "clients",
    about: "acme",
    subject: "Renewal 2027",
    body: "Happy with the support contract; wants the 2027 renewal quote before the end of January.",
  },
  {
    ref: "liffey-pos",
    table: "clients",
    about: "liffey-coffee",
    subject: "Point-of-sale upgrade",
    body: "Three shops, one card terminal each. Budget approved by the owner, waiting for the accountant.",
  },
];

export function demoNotes(): SeedRecord[] {
  return NOTES.map((n) => {
    const values: SeedValues<NoteInput> = {
      ...(n.subject ? { subject: n.subject } : {}),
      body: n.body,
      about_table: n.table,
      about_id: recordRef(n.table, n.about),
    };
    return { table: "notes", ref: n.ref, values };
  });
}
