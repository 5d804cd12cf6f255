// Workspace bundles between colleagues: "Export bundle…", "Import bundle…"
// with what it would change shown first, and the merge conflicts an import
// recorded, for a person to settle. Part of AppState (`app.bundles`); like
// it, the only place besides dialogs that calls `api` for these.

import * as api from "./api";
import type { AppState } from "./app.svelte";
import { baseName, plural } from "./article";
import type { BundlePreview } from "./bindings/BundlePreview";
import type { BundleSummary } from "./bindings/BundleSummary";
import type { ConflictInfo } from "./bindings/ConflictInfo";
import type { Settle } from "./bindings/Settle";
import type { AppearanceKind } from "./bindings/AppearanceKind";
import { reviewLabel, verdictLabel } from "./labels";
import { kindLabel, truncate } from "./marking";
import { credibilityLabel } from "./people.svelte";
import type { Credibility } from "./bindings/Credibility";

/** The workspace's tables in journalists' words (one, many), in the order a summary lists them. */
const TABLES: readonly [string, string, string][] = [
  ["articles", "article", "articles"],
  ["revisions", "article version", "article versions"],
  ["claims", "claim", "claims"],
  ["appearances", "appearance", "appearances"],
  ["claim_links", "link between claims", "links between claims"],
  ["verdicts", "verdict", "verdicts"],
  ["evidence", "evidence item", "evidence items"],
  ["comments", "comment", "comments"],
  ["claim_tags", "tag", "tags"],
  ["storylines", "storyline", "storylines"],
  ["storyline_claims", "claim in a storyline", "claims in storylines"],
  ["persons", "person", "people"],
  ["person_aliases", "other name of a person", "other names of people"],
  ["outlets", "outlet", "outlets"],
  ["users", "team member", "team members"],
];

/** What a row of a table is, in words ("claim"); "detail" for bookkeeping tables. */
export function tableNoun(table: string): string {
  return TABLES.find(([t]) => t === table)?.[1] ?? "detail";
}

/** One line of a summary: a kind of thing and how many of it are added and updated. */
export type ChangeLine = { table: string; label: string; added: number; updated: number; text: string };

const countText = plural;

/**
 * What a bundle adds and updates, one line per kind of thing in the order
 * journalists think of them ("12 claims added, 3 updated"); tables of the
 * app's own bookkeeping (relay cues, attribution steps, dismissed
 * suggestions) are folded into one "other details" line.
 */
export function changeLines(summary: Pick<BundleSummary, "added" | "updated">): ChangeLine[] {
  const added = summary.added ?? {};
  const updated = summary.updated ?? {};
  const lines: ChangeLine[] = [];
  const line = (table: string, one: string, many: string, a: number, u: number) => {
    if (a === 0 && u === 0) return;
    const parts = [];
    if (a > 0) parts.push(`${countText(a, one, many)} added`);
    if (u > 0) parts.push(a > 0 ? `${u} updated` : `${countText(u, one, many)} updated`);
    lines.push({ table, label: many, added: a, updated: u, text: parts.join(", ") });
  };
  for (const [table, one, many] of TABLES) line(table, one, many, added[table] ?? 0, updated[table] ?? 0);
  const known = new Set(TABLES.map(([t]) => t));
  let otherAdded = 0;
  let otherUpdated = 0;
  for (const [table, n] of Object.entries(added)) if (!known.has(table)) otherAdded += n ?? 0;
  for (const [table, n] of Object.entries(updated)) if (!known.has(table)) otherUpdated += n ?? 0;
  line("other", "other detail", "other details", otherAdded, otherUpdated);
  return lines;
}

/** The whole change in one sentence, for a notice: "12 claims added, 3 updated; 40 appearances added". */
export function changeSentence(summary: BundleSummary): string {
  const lines = changeLines(summary).map((l) => l.text);
  for (const [table, n] of Object.entries(summary.joined ?? {})) {
    if (!n) continue;
    const [, one, many] = TABLES.find(([t]) => t === table) ?? [table, "detail", "details"];
    lines.push(`${countText(n, one, many)} made on both desks joined into one`);
  }
  const conflicts = summary.conflicts.length;
  if (conflicts > 0) lines.push(`${countText(conflicts, "conflict", "conflicts")} to settle`);
  return lines.length === 0 ? "nothing changed" : lines.join("; ");
}

/** Nothing would change: everything in the bundle is already here. */
export function summaryIsEmpty(summary: BundleSummary): boolean {
  const none = (counts: { [key in string]?: number }) => Object.values(counts ?? {}).every((n) => !n);
  return (
    none(summary.added) &&
    none(summary.updated) &&
    none(summary.removed ?? {}) &&
    none(summary.joined ?? {}) &&
    summary.conflicts.length === 0 &&
    summary.events === 0
  );
}

/** "History: 42 changes by colleagues will be added to this workspace's record." */
export function eventsText(events: number, done = false): string {
  if (events === 0) return done ? "No history was added." : "No history to add.";
  const n = countText(events, "recorded change", "recorded changes");
  return done ? `${n} of the colleague's history added to the record.` : `${n} of the colleague's history will be added to the record.`;
}

const FIELDS: Record<string, string> = {
  statement: "statement",
  condition: "condition",
  note: "note",
  claimant_id: "claimant",
  review_state: "review state",
  assignee_id: "assignee",
  title: "title",
  name: "name",
  alias: "name",
  description: "description",
  credibility: "credibility",
  credibility_note: "credibility note",
  kind: "kind",
  homepage: "homepage",
  body: "text",
  rationale: "rationale",
  rating: "rating",
  speaker_id: "speaker",
  stated_at: "time stated",
  venue: "venue",
  relation: "relation",
  related_at: "date",
  url: "address",
  byline: "byline",
  published_at: "publication time",
  dateline: "dateline",
  anchor_state: "placement",
  approved_by: "approved by",
  approved_at: "approval time",
  person_id: "person",
  outlet_id: "outlet",
  initials: "initials",
  color: "colour",
  merged_into: "merged into",
  edited_at: "edit time",
};

/** "Claim statement", "Outlet credibility", "Appearance time stated". */
export function fieldLabel(table: string, field: string): string {
  const noun = tableNoun(table);
  const words = FIELDS[field] ?? field.replace(/_id$/, "").replace(/_/g, " ");
  return `${noun[0].toUpperCase()}${noun.slice(1)} ${words}`;
}

/** Names for ids (people, users) a value may hold; unknown ids are shown as they are. */
export type NameOf = (id: string) => string | null;

/**
 * A conflict's value as text: `null` is "(empty)", codes get their words
 * (review states, ratings, credibility, kinds), ids of people and users
 * their names when known; anything else as it is.
 */
export function valueText(field: string, value: unknown, nameOf: NameOf = () => null): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  if (typeof value === "string") {
    if (field === "review_state") return reviewLabel(value);
    if (field === "rating") return verdictLabel(value);
    if (field === "credibility") return credibilityLabel(value as Credibility);
    if (field === "kind") return kindLabel(value as AppearanceKind);
    if (field.endsWith("_id") || field === "approved_by" || field === "merged_into") return nameOf(value) ?? value;
    return value;
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** "Kept (from the bundle)" or "Kept (from this desk)". */
export function keptFrom(conflict: Pick<ConflictInfo, "kept_from">): string {
  // A conflict found while syncing with the team hub travels to every desk:
  // "local" there is the desk that found it, so it reads "from a desk".
  switch (conflict.kept_from) {
    case "bundle":
      return "from the bundle";
    case "hub":
      return "from the team";
    default:
      return "from this desk";
  }
}

/** The file name "Export bundle…" suggests: claimtrail-<workspace>-<YYYY-MM-DD>.ctbundle. */
export function bundleFileName(workspacePath: string | null, now: Date = new Date()): string {
  const name = baseName(workspacePath ?? "")
    .replace(/\.[^.]+$/, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  const pad = (n: number) => String(n).padStart(2, "0");
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return `claimtrail-${name === "" ? "workspace" : name}-${day}.ctbundle`;
}

export class BundlesState {
  readonly #app: AppState;

  exporting = $state(false);
  choosing = $state(false);
  /** The bundle chosen and what importing it would change (the "bundle" dialog). */
  preview = $state<BundlePreview | null>(null);
  importing = $state(false);
  importError = $state<string | null>(null);

  /** The conflicts view: open ones, or every one when `showSettled`. */
  conflicts = $state<ConflictInfo[]>([]);
  conflictsLoaded = $state(false);
  conflictsError = $state<string | null>(null);
  showSettled = $state(false);
  /** The conflict being settled, and a refusal to settle one, shown beside it. */
  settling = $state<string | null>(null);
  refusal = $state<{ id: string; message: string } | null>(null);

  #seq = 0;

  constructor(app: AppState) {
    this.#app = app;
  }

  /** Forgets what belongs to another workspace. */
  reset(): void {
    this.preview = null;
    this.importError = null;
    this.conflicts = [];
    this.conflictsLoaded = false;
    this.conflictsError = null;
    this.refusal = null;
  }

  /** Number of conflicts waiting for a person (from the queue counts). */
  get openCount(): number {
    return this.#app.people.counts?.merge_conflicts ?? 0;
  }

  /** Names of people and team members, for conflicts about who. */
  nameOf: NameOf = (id) =>
    this.#app.claims.persons.find((p) => p.id === id)?.name ?? this.#app.workspace?.users.find((u) => u.id === id)?.name ?? null;

  // ---- export ----

  /** Asks where to save (Rust shows the dialog) and writes the whole workspace as one file. */
  async exportBundle(): Promise<void> {
    if (this.exporting || this.#app.workspace === null) return;
    this.exporting = true;
    try {
      const path = await api.exportBundle(bundleFileName(this.#app.workspace.path));
      if (path !== null) this.#app.notify(`Bundle saved to ${path}`);
    } catch (error) {
      this.#app.report(error);
    } finally {
      this.exporting = false;
    }
  }

  // ---- import ----

  /** Asks for a bundle (Rust shows the dialog) and shows what importing it would change. */
  async choose(): Promise<void> {
    if (this.choosing || this.importing || this.#app.workspace === null) return;
    this.choosing = true;
    try {
      const preview = await api.chooseBundle();
      if (preview === null) return;
      this.preview = preview;
      this.importError = null;
      this.#app.dialog = "bundle";
    } catch (error) {
      this.#app.report(error);
    } finally {
      this.choosing = false;
    }
  }

  /** Cancel (or Close): the chosen bundle is forgotten, nothing changes. */
  async cancel(): Promise<void> {
    if (this.importing) return;
    this.preview = null;
    this.importError = null;
    if (this.#app.dialog === "bundle") this.#app.dialog = null;
    try {
      await api.discardBundle();
    } catch (error) {
      this.#app.report(error);
    }
  }

  /** Merges the chosen bundle; on success reloads what is shown and says what changed. */
  async importChosen(): Promise<void> {
    if (this.importing || this.preview === null) return;
    this.importing = true;
    this.importError = null;
    let done: BundleSummary;
    try {
      done = await api.importBundle();
    } catch (error) {
      this.importError = api.toApiError(error).message;
      return;
    } finally {
      this.importing = false;
    }
    const file = this.preview?.file_name ?? "the bundle";
    this.preview = null;
    if (this.#app.dialog === "bundle") this.#app.dialog = null;
    const message = `Imported ${file}: ${changeSentence(done)}`;
    const writeId = done.write_id;
    if (done.conflicts.length > 0) {
      this.#app.notify(message, { label: "Show conflicts", run: () => this.openConflicts() });
    } else if (writeId) {
      this.#app.notify(message, { label: "Undo", run: () => this.#app.people.undo(writeId) });
    } else {
      this.#app.notify(message);
    }
    // Reloads the library, claims and queues; a shown conflicts view loads again too (dataVersion).
    await this.#app.people.reloadShown();
  }

  // ---- conflicts ----

  /** Shows the merge conflicts in the middle pane. */
  openConflicts(): void {
    this.#app.view = { kind: "conflicts" };
    this.refusal = null;
    // The view loads the conflicts itself; people's names are for conflicts about who.
    if (this.#app.claims.persons.length === 0) void this.#app.claims.refreshPersons();
  }

  async loadConflicts(): Promise<void> {
    const seq = ++this.#seq;
    try {
      const list = await api.mergeConflicts(this.showSettled);
      if (seq !== this.#seq) return;
      this.conflicts = list;
      this.conflictsError = null;
    } catch (error) {
      if (seq === this.#seq) this.conflictsError = api.toApiError(error).message;
    } finally {
      if (seq === this.#seq) this.conflictsLoaded = true;
    }
  }

  setShowSettled(show: boolean): void {
    this.showSettled = show;
    void this.loadConflicts();
  }

  /**
   * Keeps the merged value ("kept") or takes the one set aside ("other").
   * A refusal (the field changed after the merge) is shown beside the
   * conflict; a settled one leaves the list, with Undo on the notice.
   */
  async settle(conflict: ConflictInfo, choice: Settle): Promise<void> {
    if (this.settling !== null) return;
    this.settling = conflict.id;
    this.refusal = null;
    try {
      const settled = await api.settleConflict(conflict.id, choice);
      this.conflicts = this.showSettled
        ? this.conflicts.map((c) => (c.id === settled.id ? settled : c))
        : this.conflicts.filter((c) => c.id !== conflict.id);
    } catch (error) {
      this.refusal = { id: conflict.id, message: api.toApiError(error).message };
      return;
    } finally {
      this.settling = null;
    }
    const what = fieldLabel(conflict.table, conflict.field).toLowerCase();
    const message =
      choice === "other"
        ? `Took the other ${what}: ${truncate(valueText(conflict.field, conflict.other, this.nameOf), 60)}`
        : `Kept the ${what} as merged`;
    this.#app.notify(message, { label: "Undo", run: () => this.#app.people.undo(null) });
    await this.#app.people.reloadShown();
  }
}
