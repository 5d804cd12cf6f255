// The people of the workspace and what depends on who is working: the active
// user and switching, the review queues with their counts, the workspace's
// activity feed, Undo/Redo of the active user's changes, and outlets'
// credibility. Part of AppState (`app.people`); like it, the only place
// besides dialogs that calls `api` for these.

import * as api from "./api";
import type { AppState } from "./app.svelte";
import type { ActivityQuery } from "./bindings/ActivityQuery";
import type { ClaimInfo } from "./bindings/ClaimInfo";
import type { Credibility } from "./bindings/Credibility";
import type { HistoryEntry } from "./bindings/HistoryEntry";
import type { OutletInfo } from "./bindings/OutletInfo";
import type { Queue } from "./bindings/Queue";
import type { QueueCounts } from "./bindings/QueueCounts";
import type { Reappearance } from "./bindings/Reappearance";
import type { UndoEntry } from "./bindings/UndoEntry";
import type { UserInfo } from "./bindings/UserInfo";

/** The review queues in the order the left pane shows them, with their words. */
export const QUEUES: readonly { queue: Queue; label: string; empty: string; hint: string }[] = [
  {
    queue: "assigned_to_me",
    label: "Assigned to me",
    empty: "Nothing is assigned to you",
    hint: "Claims someone assigned to you appear here. Open a claim and assign it in its review section.",
  },
  {
    queue: "needs_approval",
    label: "Needs approval",
    empty: "Nothing waits for your approval",
    hint: "Verdicts proposed by someone else appear here; a verdict is published only after a second person approves it.",
  },
  {
    queue: "needs_reanchoring",
    label: "Needs re-anchoring",
    empty: "Every appearance is in place",
    hint: "When a new revision moves or rewrites a quoted passage and the app is not sure where it went, the claim appears here.",
  },
  {
    queue: "unreviewed",
    label: "Unreviewed",
    empty: "No claim waits for review",
    hint: "Claims nobody has started reviewing appear here. Mark a claim in an article (select its words and press M).",
  },
];

export function queueLabel(queue: Queue): string {
  return QUEUES.find((q) => q.queue === queue)?.label ?? queue;
}

/** The entity types the activity feed filters by, with their words. */
export const ENTITIES: readonly [string, string][] = [
  ["claim", "Claims"],
  ["appearance", "Appearances"],
  ["verdict", "Verdicts"],
  ["evidence", "Evidence"],
  ["comment", "Comments"],
  ["claim_link", "Links"],
  ["storyline", "Storylines"],
  ["outlet", "Outlets"],
  ["user", "Users"],
];

export const CREDIBILITY: readonly [Credibility, string][] = [
  ["credible", "Credible"],
  ["mixed", "Mixed"],
  ["not_credible", "Not credible"],
  ["unknown", "Unknown"],
];

export function credibilityLabel(c: Credibility): string {
  return CREDIBILITY.find(([v]) => v === c)?.[1] ?? c;
}

/** The colours new profiles get in turn (the core's list, so a preview matches). */
export const USER_COLORS = ["#3b6ea5", "#b5523b", "#3f8f5a", "#8a4fb0", "#b07d1f", "#2f8a8a", "#b0446e", "#5b6470"];

/** "DO" for "Dana Okafor": the first letter of the first two words, as the core makes them. */
export function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .map((w) => [...w].find((c) => /[\p{L}\p{N}]/u.test(c)) ?? "")
    .filter((c) => c !== "")
    .slice(0, 2)
    .join("")
    .toUpperCase();
}

/** An event is an Undo or a Redo of an earlier change. */
export function undoKind(entry: HistoryEntry): "undo" | "redo" | null {
  if (entry.action.startsWith("undo_")) return "undo";
  if (entry.action.startsWith("redo_")) return "redo";
  return null;
}

/** The claim an event is about: the claim itself, or the claim its verdict, comment, evidence or appearance belongs to. */
export function claimOfEvent(entry: HistoryEntry): string | null {
  if (entry.entity === "claim") return entry.entity_id;
  if (!["verdict", "comment", "evidence", "appearance"].includes(entry.entity)) return null;
  for (const side of [entry.after, entry.before]) {
    if (typeof side === "object" && side !== null) {
      const id = (side as Record<string, unknown>).claim_id;
      if (typeof id === "string" && id !== "") return id;
    }
  }
  return null;
}

/** "Rated ANI credible" → "rated ANI credible", to follow "Undid: "; "ANI …" stays. */
export function lowerFirst(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

/** At most this many claims of a queue are listed (the unreviewed queue can hold 200,000); words narrow it. */
export const QUEUE_LIMIT = 200;
/** How long typing in a queue's filter pauses before the queue is asked for again. */
const QUEUE_FILTER_DELAY_MS = 150;

/** How many events one page of the activity feed holds. */
export const ACTIVITY_PAGE = 50;

export type ActivityFilters = { user: string; entity: string; day: string };

export class PeopleState {
  readonly #app: AppState;

  counts = $state<QueueCounts | null>(null);
  /** Tracked claims found again in imported articles, across the workspace, newest first. */
  reappearing = $state<Reappearance[] | null>(null);
  /** The queue open in the middle pane and its claims. */
  queueClaims = $state<ClaimInfo[]>([]);
  queueLoaded = $state(false);
  queueError = $state<string | null>(null);
  /** Words that narrow the open queue (statement, claimant, quotes). */
  queueText = $state("");
  /** The words the listed `queueClaims` answer. */
  queueListedText = $state("");

  activity = $state<HistoryEntry[]>([]);
  activityLoaded = $state(false);
  activityLoading = $state(false);
  activityError = $state<string | null>(null);
  /** Whether an older page may exist (the last page was full). */
  activityMore = $state(false);
  filters = $state<ActivityFilters>({ user: "", entity: "", day: "" });

  recent = $state<UndoEntry[]>([]);
  recentLoaded = $state(false);

  /** Outlets with their credibility, by name. */
  outletRatings = $state<OutletInfo[]>([]);
  /** The outlet the credibility dialog edits. */
  editingOutlet = $state<string | null>(null);

  #countsSeq = 0;
  #queueSeq = 0;
  #queueTimer: ReturnType<typeof setTimeout> | null = null;
  #activitySeq = 0;
  #undoing = false;

  constructor(app: AppState) {
    this.#app = app;
  }

  get user(): UserInfo | null {
    return this.#app.workspace?.user ?? null;
  }

  get users(): UserInfo[] {
    return this.#app.workspace?.users ?? [];
  }

  /** A workspace is open and nobody has said who they are: the app asks first. */
  get needsUser(): boolean {
    return this.#app.workspace !== null && this.#app.workspace.user === null;
  }

  /** Forgets what belongs to another workspace. */
  reset(): void {
    this.counts = null;
    this.queueClaims = [];
    this.queueLoaded = false;
    this.queueText = "";
    this.queueListedText = "";
    this.activity = [];
    this.activityLoaded = false;
    this.filters = { user: "", entity: "", day: "" };
    this.recent = [];
    this.recentLoaded = false;
    this.outletRatings = [];
  }

  // ---- users ----

  /** Reads the users and who is active again (after switching, joining a team, a colleague's changes). */
  async reloadUsers(): Promise<void> {
    const users = await api.listUsers();
    const workspace = this.#app.workspace;
    if (!workspace) return;
    this.#app.workspace = { ...workspace, users, user: users.find((u) => u.active) ?? null };
  }

  /** Adds a profile (the first one becomes the active user); rejects with an ApiError for the form. */
  async addUser(name: string, initials: string | null, color: string | null): Promise<UserInfo> {
    const added = await api.addUser(name, initials, color);
    try {
      await this.reloadUsers();
    } catch (error) {
      this.#app.report(error);
    }
    return added;
  }

  /** Makes `id` the active user and reloads what depends on who is working. */
  async switchUser(id: string): Promise<void> {
    if (this.user?.id === id) return;
    try {
      const user = await api.switchUser(id);
      await this.reloadUsers();
      this.#app.notify(`Now working as ${user.name}`);
    } catch (error) {
      this.#app.report(error);
      return;
    }
    this.#app.dataChanged();
    await this.reloadForUser();
  }

  /** What differs from one user to another: the queues ("Assigned to me"), the undo list, a shown queue or feed. */
  async reloadForUser(): Promise<void> {
    const view = this.#app.view;
    await Promise.all([
      this.refreshQueues(),
      this.refreshRecent(),
      view.kind === "queue" ? this.loadQueue(view.queue) : Promise.resolve(),
    ]);
  }

  // ---- queues ----

  /** Asks for the queue counts again (after any change that may move a claim between queues). */
  async refreshQueues(): Promise<void> {
    if (this.#app.workspace === null || this.needsUser) return;
    const seq = ++this.#countsSeq;
    try {
      const [counts, reappearing] = await Promise.all([api.queueCounts(), api.listReappearances(null)]);
      if (seq === this.#countsSeq) {
        this.counts = counts;
        this.reappearing = reappearing;
      }
    } catch (error) {
      if (seq === this.#countsSeq) this.#app.report(error);
    }
    const view = this.#app.view;
    if (view.kind === "queue") void this.loadQueue(view.queue);
  }

  /** Shows a queue's claims in the middle pane. */
  openQueue(queue: Queue): void {
    this.#app.view = { kind: "queue", queue };
    this.queueClaims = [];
    this.queueLoaded = false;
    this.queueText = "";
    this.queueListedText = "";
    void this.loadQueue(queue);
  }

  /** Narrows the open queue to claims with these words, once typing pauses. */
  setQueueText(queue: Queue, text: string): void {
    this.queueText = text;
    if (this.#queueTimer) clearTimeout(this.#queueTimer);
    this.#queueTimer = setTimeout(() => {
      this.#queueTimer = null;
      void this.loadQueue(queue);
    }, QUEUE_FILTER_DELAY_MS);
  }

  async loadQueue(queue: Queue): Promise<void> {
    const seq = ++this.#queueSeq;
    try {
      const text = this.queueText.trim();
      const claims = await api.listClaims(text === "" ? { queue, limit: QUEUE_LIMIT } : { queue, text, limit: QUEUE_LIMIT });
      if (seq !== this.#queueSeq) return;
      this.queueClaims = claims;
      this.queueListedText = text;
      this.queueError = null;
    } catch (error) {
      if (seq === this.#queueSeq) this.queueError = api.toApiError(error).message;
    } finally {
      if (seq === this.#queueSeq) this.queueLoaded = true;
    }
  }

  // ---- activity ----

  /** Shows the activity feed in the middle pane. */
  openActivity(): void {
    this.#app.view = { kind: "activity" };
    void this.loadActivity();
    void this.refreshRecent();
  }

  activityQuery(beforeSeq: HistoryEntry["seq"] | null): ActivityQuery {
    const f = this.filters;
    return {
      user: f.user === "" ? null : f.user,
      entity: f.entity === "" ? null : f.entity,
      day: f.day === "" ? null : f.day,
      before_seq: beforeSeq,
      limit: ACTIVITY_PAGE,
    };
  }

  setFilters(filters: Partial<ActivityFilters>): void {
    this.filters = { ...this.filters, ...filters };
    void this.loadActivity();
  }

  /** The newest page again (filters changed, or something was done). */
  async loadActivity(): Promise<void> {
    const seq = ++this.#activitySeq;
    this.activityLoading = true;
    try {
      const page = await api.activity(this.activityQuery(null));
      if (seq !== this.#activitySeq) return;
      this.activity = page;
      this.activityMore = page.length >= ACTIVITY_PAGE;
      this.activityError = null;
    } catch (error) {
      if (seq === this.#activitySeq) this.activityError = api.toApiError(error).message;
    } finally {
      if (seq === this.#activitySeq) {
        this.activityLoaded = true;
        this.activityLoading = false;
      }
    }
  }

  /** The page before the oldest event shown. */
  async loadOlder(): Promise<void> {
    const last = this.activity[this.activity.length - 1];
    if (!last) return;
    const seq = ++this.#activitySeq;
    this.activityLoading = true;
    try {
      const page = await api.activity(this.activityQuery(last.seq));
      if (seq !== this.#activitySeq) return;
      this.activity = [...this.activity, ...page];
      this.activityMore = page.length >= ACTIVITY_PAGE;
    } catch (error) {
      if (seq === this.#activitySeq) this.#app.report(error);
    } finally {
      if (seq === this.#activitySeq) this.activityLoading = false;
    }
  }

  /** Opens the claim an event is about, the way search results open one. */
  async openEvent(entry: HistoryEntry): Promise<void> {
    const claimId = claimOfEvent(entry);
    if (claimId !== null) await this.#app.claims.show(claimId);
  }

  // ---- undo ----

  async refreshRecent(): Promise<void> {
    if (this.#app.workspace === null || this.needsUser) return;
    try {
      this.recent = await api.recentChanges();
    } catch (error) {
      this.#app.report(error);
    } finally {
      this.recentLoaded = true;
    }
  }

  /** Undoes one of the active user's changes (the newest when `writeId` is null); offers Redo. */
  async undo(writeId: string | null = null): Promise<void> {
    if (this.#undoing || this.needsUser) return;
    this.#undoing = true;
    try {
      const entry = await api.undo(writeId);
      this.#app.notify(`Undid: ${lowerFirst(entry.summary)}`, { label: "Redo", run: () => this.redo() });
    } catch (error) {
      this.#app.report(error);
      return;
    } finally {
      this.#undoing = false;
    }
    await this.reloadShown();
  }

  /** Puts back the newest undone change; offers Undo again. */
  async redo(): Promise<void> {
    if (this.#undoing || this.needsUser) return;
    this.#undoing = true;
    try {
      const entry = await api.redo();
      this.#app.notify(`Redid: ${lowerFirst(entry.summary)}`, { label: "Undo", run: () => this.undo() });
    } catch (error) {
      this.#app.report(error);
      return;
    } finally {
      this.#undoing = false;
    }
    await this.reloadShown();
  }

  /** After an Undo or Redo: everything on screen may be stale. */
  async reloadShown(): Promise<void> {
    const app = this.#app;
    app.dataChanged();
    const view = app.view;
    const pending: Promise<unknown>[] = [
      app.refresh(),
      app.refreshOutlets(),
      app.claims.refresh(),
      app.claims.refreshSuggestions(),
      app.claims.refreshPersons(),
      this.refreshQueues(),
      this.refreshRecent(),
      this.refreshOutletRatings(),
    ];
    const claimId = app.links.claimId;
    if (claimId !== null && app.claims.selectedClaimId === claimId) pending.push(app.links.load(claimId));
    if (app.article) pending.push(app.reloadArticle());
    if (view.kind === "activity") pending.push(this.loadActivity());
    if (view.kind === "storylines") {
      pending.push(app.storylines.refresh());
      if (view.id !== null) pending.push(app.storylines.load(view.id));
    }
    await Promise.all(pending);
  }

  // ---- outlets ----

  async refreshOutletRatings(): Promise<void> {
    if (this.#app.workspace === null) return;
    try {
      this.outletRatings = await api.listOutletRatings();
    } catch (error) {
      this.#app.report(error);
    }
  }

  ratingOf(outlet: string | null): OutletInfo | null {
    if (outlet === null) return null;
    const key = outlet.trim().toLowerCase();
    return this.outletRatings.find((o) => o.name.trim().toLowerCase() === key) ?? null;
  }

  editCredibility(outlet: string): void {
    this.editingOutlet = outlet;
    this.#app.dialog = "credibility";
  }

  /** Rates an outlet; rejects with an ApiError for the form. */
  async setCredibility(outlet: string, credibility: Credibility, note: string | null): Promise<OutletInfo> {
    const saved = await api.setOutletCredibility(outlet, credibility, note);
    this.outletRatings = this.outletRatings.some((o) => o.id === saved.id)
      ? this.outletRatings.map((o) => (o.id === saved.id ? saved : o))
      : [...this.outletRatings, saved];
    void this.refreshRecent();
    return saved;
  }
}
