/** What `/` shows one person: each panel's rows or figures, ready to render (serializable). */

export interface HomeCell {
  text: string;
  /** A relation column links to the record it names. */
  href?: string;
  numeric?: boolean;
}

export interface HomeAmount {
  /** The currency of the amounts summed here; null when the field has no currency field. */
  currency: string | null;
  amount: number;
  /** The amount as the field prints it ("€1,250.00"). */
  text: string;
}

interface ViewBase {
  id: string;
  title: string;
}

export interface HomeListView extends ViewBase {
  kind: "list";
  table: string;
  link: string;
  /** `compact`: dates and numbers, kept on one line. */
  columns: { key: string; label: string; numeric: boolean; compact: boolean }[];
  rows: { id: number; href: string; overdue: boolean; cells: HomeCell[] }[];
  total: number;
  empty: string;
}

export interface HomeAgingView extends ViewBase {
  kind: "aging";
  table: string;
  link: string;
  buckets: { key: string; label: string; count: number; amounts: HomeAmount[] }[];
  total: { count: number; amounts: HomeAmount[] };
}

export interface HomeSumView extends ViewBase {
  kind: "sum";
  table: string;
  link: string;
  count: number;
  amounts: HomeAmount[];
}

export interface HomeRecentView extends ViewBase {
  kind: "recent";
  rows: { table: string; title: string; href: string }[];
}

export interface HomeFailedRunsView extends ViewBase {
  kind: "failedRuns";
  link: string;
  rows: { id: number; rule: string; record: string; href: string | null; error: string; at: string; atText: string }[];
}

export interface HomeDeadJobsView extends ViewBase {
  kind: "deadJobs";
  rows: { id: number; type: string; error: string; at: string; atText: string }[];
}

export type HomePanelView = HomeListView | HomeAgingView | HomeSumView | HomeRecentView | HomeFailedRunsView | HomeDeadJobsView;

export interface HomeView {
  panels: HomePanelView[];
  /** For administrators: configured panels left out on this schema, and why. */
  notes: string[];
}
