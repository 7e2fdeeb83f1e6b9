import type { JsonValue } from "../json";

/** What a record's timeline answers (`timeline.server.ts`), for the server and the card alike. */

export type TimelineItem = TimelineRecordItem | TimelineChangeItem | TimelineDocumentItem | TimelineMessageItem;

interface ItemBase {
  /** Unique within a timeline: the source and the id. */
  key: string;
  /** ISO time the item happened (a record's creation, an audit entry, a kept print). */
  at: string;
  /** Name of who did it; null for the system. */
  by: string | null;
}

export interface TimelineRecordItem extends ItemBase {
  type: "record";
  table: string;
  tableLabel: string;
  id: number;
  title: string;
  /** The first long text of the record (a note's body, an event's result), cut for the timeline. */
  text: string | null;
  /** A few of its other values, formatted: "Kind: Call". */
  details: { label: string; text: string }[];
}

export interface TimelineChangeItem extends ItemBase {
  type: "change";
  id: number;
  action: string;
  /** For updates `{ field: [before, after] }`, without the fields the actor may not see. */
  changes: JsonValue;
}

export interface TimelineDocumentItem extends ItemBase {
  type: "document";
  table: string;
  tableLabel: string;
  recordId: number;
  filename: string;
  /** The kept PDF, when the actor may print its table. */
  pdfHref: string | null;
}

/** A message sent (or being sent) from the record's card. */
export interface TimelineMessageItem extends ItemBase {
  type: "message";
  id: number;
  to: string;
  subject: string;
  /** queued, retrying, sent or failed. */
  status: string;
  error: string | null;
}

export interface TimelinePage {
  items: TimelineItem[];
  /** Pass back as `before` for the next, older page; null at the end. */
  nextCursor: string | null;
}
