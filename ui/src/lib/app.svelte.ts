// The state of the Claimtrail window: the open workspace, the library list and
// its filters, the article in the reader, batch imports, dialogs and errors.
// Components read it from context and call its methods; only this class and
// the dialogs call `api`.

import { getContext, setContext } from "svelte";

import * as api from "./api";
import type { EmbedOutcome } from "./bindings/EmbedOutcome";
import type { EmbedProgress } from "./bindings/EmbedProgress";
import type { ApiError, ApiErrorCode } from "./api";
import { previousRevision } from "./article";
import { localDateTime } from "./time";
import type { ArticleDetail } from "./bindings/ArticleDetail";
import type { ArticleQuery } from "./bindings/ArticleQuery";
import type { ArticleSort } from "./bindings/ArticleSort";
import type { ImportJob } from "./bindings/ImportJob";
import type { ImportJobSummary } from "./bindings/ImportJobSummary";
import type { ImportOutcome } from "./bindings/ImportOutcome";
import type { ImportProgress } from "./bindings/ImportProgress";
import type { OutletCount } from "./bindings/OutletCount";
import type { RevisionDiff } from "./bindings/RevisionDiff";
import type { WorkspaceInfo } from "./bindings/WorkspaceInfo";
import type { CrashReport } from "./bindings/CrashReport";
import type { TimeBasis } from "./bindings/TimeBasis";
import type { TimelineScope } from "./bindings/TimelineScope";
import { ClaimsState, UNDO_MS } from "./claims.svelte";
import { SearchState } from "./search.svelte";
import { StorylinesState } from "./storylines.svelte";
import { LinksState } from "./links.svelte";
import { FindState } from "./find.svelte";
import { PeopleState } from "./people.svelte";
import type { Queue } from "./bindings/Queue";
import type { ExportScope } from "./bindings/ExportScope";
import type { AnnotationOutcome } from "./bindings/AnnotationOutcome";
import { ReviewState } from "./review.svelte";
import { BundlesState } from "./bundles.svelte";
import { TeamState } from "./team.svelte";
import { LibraryPages, PAGE_SIZE, sameQuery } from "./library.svelte";
import { pageOf } from "./virtual";

/** A button on a notice, such as Undo. */
export type ToastAction = { label: string; run: () => void | Promise<void> };

/**
 * A notice at the top of the window: an error (kept until dismissed) or
 * news of something done, which may offer an action and goes by itself.
 */
export type Toast = { id: number; kind: "error" | "info"; code: ApiErrorCode | null; message: string; action?: ToastAction };

/** A question before something that cannot be undone. */
export type ConfirmRequest = { title: string; message: string; confirmLabel: string; run: () => void | Promise<void> };

export type ActiveJob = {
  jobId: string;
  total: number;
  done: number;
  /** The input handled last, shown as the one being worked through. */
  current: string | null;
  cancelling: boolean;
};

/**
 * What the middle pane shows: the article in the reader (the default), the
 * search results, the storylines (one opened when `id` is set), or a timeline.
 * Opening an article returns to the reader.
 */
export type MainView =
  | { kind: "reader" }
  | { kind: "search" }
  | { kind: "storylines"; id: string | null }
  | { kind: "timeline"; scope: TimelineScope; by?: TimeBasis }
  /** "Find everywhere" for a claim, an appearance or a storyline (`find.svelte.ts`). */
  | { kind: "find" }
  /** A review queue's claims (`people.svelte.ts`). */
  | { kind: "queue"; queue: Queue }
  /** The workspace's activity feed and the active user's recent changes. */
  | { kind: "activity" }
  /** Merge conflicts from bundle imports, to settle (`bundles.svelte.ts`). */
  | { kind: "conflicts" }
  /** Tracked claims found again in imported articles, across the workspace. */
  | { kind: "reappearances" };

export type DialogName =
  | "paste"
  | "url"
  | "shortcuts"
  | "persons"
  | "confirm"
  | "add-person"
  | "credibility"
  | "article-details"
  | "export"
  | "annotations"
  /** What importing the chosen bundle would change (`bundles.svelte.ts`). */
  | "bundle"
  /** The team hub: join, or where this desk stands (`team.svelte.ts`). */
  | "team"
  | "backups"
  /** Help → About Claimtrail. */
  | "about"
  /** The app crashed (last time, or just now): what happened and the log folder. */
  | "crash";

/** The window's own setting (this computer's, not the workspace's): Getting started was dismissed. */
const GETTING_STARTED_DISMISSED = "claimtrail.getting-started.dismissed";

function readFlag(key: string): boolean {
  try {
    return globalThis.localStorage?.getItem(key) === "1";
  } catch {
    return false;
  }
}

function writeFlag(key: string, on: boolean): void {
  try {
    if (on) globalThis.localStorage?.setItem(key, "1");
    else globalThis.localStorage?.removeItem(key);
  } catch {
    // No storage (a locked-down webview): the card comes back next time.
  }
}

/** How long the filter waits for typing to pause before asking for the list. */
export const FILTER_DELAY_MS = 150;
/** How often, at most, a running batch import refreshes the library. */
const IMPORT_REFRESH_MS = 500;

export class AppState {
  workspace = $state<WorkspaceInfo | null>(null);
  /** Why no workspace is open (the start workspace could not be opened). */
  workspaceError = $state<string | null>(null);

  /** The library list, fetched a page at a time (`library.svelte.ts`). */
  readonly library: LibraryPages = new LibraryPages();
  outlets = $state<OutletCount[]>([]);
  /** Whether the library list has been answered at least once. */
  listed = $state(false);
  /** Why the last attempt to list the library failed, until one succeeds. */
  listError = $state<string | null>(null);
  filterText = $state("");
  sort = $state<ArticleSort>("published");
  outlet = $state<string | null>(null);
  /** The filter text and outlet that the current `articles` answer. */
  listedText = $state("");
  listedOutlet = $state<string | null>(null);

  /** The highlighted row of the library. */
  selectedId = $state<string | null>(null);
  /** Where the highlighted row is in the list, when known (its page may still be loading). */
  cursor = $state<number | null>(null);
  /** The article open in the reader. */
  article = $state<ArticleDetail | null>(null);
  articleLoading = $state(false);
  showChanges = $state(false);
  diff = $state<RevisionDiff | null>(null);
  diffLoading = $state(false);

  jobs = $state<ActiveJob[]>([]);
  /** The background embedding for matching by meaning, while it runs. */
  embedding = $state<EmbedProgress | null>(null);
  results = $state<ImportJobSummary | null>(null);

  toasts = $state<Toast[]>([]);
  dialog = $state<DialogName | null>(null);
  /** What the "confirm" dialog asks. */
  confirmation = $state<ConfirmRequest | null>(null);
  /** The scope the Export dialog opens with (a claim or storyline it was opened from); null = the whole workspace. */
  exportScope = $state<ExportScope | null>(null);
  /** What the last "Import annotations…" did, for the "annotations" dialog. */
  annotationResults = $state<AnnotationOutcome[] | null>(null);
  /** An annotation file is being imported. */
  importingAnnotations = $state(false);
  /** The claims of the article in the reader, the popover and the persons. */
  readonly claims: ClaimsState = new ClaimsState(this);
  dragging = $state(false);
  /** The crash being told (`"crash"` dialog). */
  crash = $state<CrashReport | null>(null);
  /** A change waits for another program (a script, another window) saving to the workspace. */
  waiting = $state(false);
  inspectorOpen = $state(true);
  /** What the middle pane shows. */
  view = $state<MainView>({ kind: "reader" });
  /** The search box and its results (`search.svelte.ts`). */
  readonly search: SearchState = new SearchState(this);
  /** The storylines list and the open storyline (`storylines.svelte.ts`). */
  readonly storylines: StorylinesState = new StorylinesState(this);
  /** The links of the claim open in the inspector (`links.svelte.ts`). */
  readonly links: LinksState = new LinksState(this);
  /** "Find everywhere" and its answer (`find.svelte.ts`). */
  readonly find: FindState = new FindState(this);
  /** Users, review queues, the activity feed, Undo and outlets' credibility (`people.svelte.ts`). */
  readonly people: PeopleState = new PeopleState(this);
  /**
   * Goes up whenever data may have changed behind what is shown (Undo, Redo,
   * another user became active): a component that loaded something itself
   * reads it in an `$effect` to load it again.
   */
  dataVersion = $state(0);
  /** The review, comments and History of the claim in the inspector (`review.svelte.ts`). */
  readonly review: ReviewState = new ReviewState(this);
  /** Workspace bundles and their merge conflicts (`bundles.svelte.ts`). */
  readonly bundles: BundlesState = new BundlesState(this);
  readonly team: TeamState = new TeamState(this);

  /** The library filter input, registered by the library so shortcuts can focus it. */
  filterInput: HTMLInputElement | null = null;
  /** The library list, registered so j/k can hand it the focus. */
  listElement: HTMLElement | null = null;

  #listSeq = 0;
  #articleSeq = 0;
  #diffSeq = 0;
  #toastSeq = 0;
  #filterTimer: ReturnType<typeof setTimeout> | null = null;
  /** The next listing starts at the top (another workspace was opened). */
  #rewind = true;
  #importRefreshTimer: ReturnType<typeof setTimeout> | null = null;

  /** The library holds no article at all (not merely none matching a filter). */
  get libraryEmpty(): boolean {
    return (
      this.listed &&
      this.listError === null &&
      this.library.total === 0 &&
      this.listedText === "" &&
      this.listedOutlet === null
    );
  }

  /** The list is filtered and nothing matches. */
  get noMatches(): boolean {
    return this.listed && this.listError === null && this.library.total === 0 && !this.libraryEmpty;
  }

  get filtering(): boolean {
    return this.filterText.trim() !== "" || this.outlet !== null;
  }

  /**
   * Loads the workspace and the library and subscribes to the events of the
   * shell. Returns the function that unsubscribes.
   */
  init(): () => void {
    let closed = false;
    const unlisteners: api.UnlistenFn[] = [];
    const keep = (pending: Promise<api.UnlistenFn>) => {
      pending.then(
        (unlisten) => (closed ? unsubscribe(unlisten) : unlisteners.push(unlisten)),
        (error) => this.report(error),
      );
    };
    keep(api.onImportStarted((job) => this.jobStarted(job)));
    keep(api.onImportProgress((progress) => this.jobProgressed(progress)));
    keep(api.onImportFinished((summary) => this.jobFinished(summary)));
    keep(api.onEmbeddingProgress((progress) => (this.embedding = progress.done < progress.total ? progress : null)));
    keep(api.onEmbeddingFinished((outcome) => this.embeddingFinished(outcome)));
    keep(api.onWorkspaceChanged((workspace) => this.applyWorkspace(workspace)));
    keep(
      api.onWorkspaceDamaged((message) => {
        // Closed by the shell: the window shows why, with Backups… to restore.
        this.workspace = null;
        this.workspaceError = message;
        this.dialog = null;
      }),
    );
    keep(api.onWorkspaceWaiting((waiting) => (this.waiting = waiting)));
    keep(api.onAppCrashed((report) => this.tellCrash(report)));
    api.takeCrashReport().then(
      (report) => {
        if (report) this.tellCrash(report);
      },
      (error) => this.report(error),
    );
    keep(api.onDragDrop((drag) => (this.dragging = drag === "over")));
    for (const subscription of this.team.subscriptions()) keep(subscription);

    api.workspaceInfo().then(
      (workspace) => {
        this.workspace = workspace;
        void this.people.reloadForUser();
        void this.people.refreshOutletRatings();
        void this.team.refresh();
      },
      (error) => this.report(error),
    );
    void this.refresh();
    void this.refreshOutlets();

    return () => {
      closed = true;
      for (const unlisten of unlisteners.splice(0)) unsubscribe(unlisten);
      if (this.#filterTimer) clearTimeout(this.#filterTimer);
      if (this.#importRefreshTimer) clearTimeout(this.#importRefreshTimer);
    };
  }

  // ---- errors ----

  /** Shows an error to the user; nothing fails silently. */
  report(error: unknown): ApiError {
    const e = api.toApiError(error);
    if (e.code === "workspace" && this.workspace === null) {
      // No workspace at all is a state of the window, shown in its middle
      // with the ways out, not a passing notice (nor one per failed call).
      this.workspaceError = e.message;
      return e;
    }
    if (!this.toasts.some((t) => t.message === e.message)) {
      this.toasts.push({ id: ++this.#toastSeq, kind: "error", code: e.code, message: e.message });
    }
    return e;
  }

  /** Says something was done, optionally with an action (Undo); goes by itself. */
  notify(message: string, action?: ToastAction): void {
    const id = ++this.#toastSeq;
    // One piece of news at a time: the newest replaces older ones.
    this.toasts = [...this.toasts.filter((t) => t.kind === "error"), { id, kind: "info", code: null, message, action }];
    setTimeout(() => this.dismissToast(id), UNDO_MS);
  }

  dismissToast(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  /** Takes away the news of things done (not the errors). */
  dismissNews(): void {
    this.toasts = this.toasts.filter((t) => t.kind === "error");
  }

  /** Asks before `run`, in the confirm dialog. */
  confirm(request: ConfirmRequest): void {
    this.confirmation = request;
    this.dialog = "confirm";
  }

  // ---- workspace ----

  async openWorkspace(create: boolean): Promise<void> {
    try {
      const workspace = await api.openWorkspace(create);
      if (workspace) this.applyWorkspace(workspace);
    } catch (error) {
      this.report(error);
    }
  }

  /** Says the app crashed, with where its log is. */
  tellCrash(report: CrashReport): void {
    this.crash = report;
    this.dialog = "crash";
  }

  /** Opens the example workspace (made the first time) in place of this one. */
  async openExample(): Promise<void> {
    try {
      // The library's note says it is the example, and leads back.
      this.applyWorkspace(await api.openExampleWorkspace(), true);
    } catch (error) {
      this.report(error);
    }
  }

  /** Back from the example to the workspace the app started on. */
  async leaveExample(): Promise<void> {
    try {
      this.applyWorkspace(await api.openStartWorkspace(), true);
    } catch (error) {
      this.report(error);
    }
  }

  /** Whether the open workspace is the example (`openExample`). */
  get inExample(): boolean {
    return this.workspace !== null && /(^|[\\/])example-workspace\.db$/.test(this.workspace.path);
  }

  // ---- getting started ----

  /** Whether Getting started is wanted: until dismissed, and again from Help. */
  gettingStarted = $state(!readFlag(GETTING_STARTED_DISMISSED));
  /** Asked for from Help: shown even above an open article. */
  #gettingStartedAsked = $state(false);

  /** Whether the Getting started card shows now: where no article is open, or anywhere once asked for. */
  get showsGettingStarted(): boolean {
    return this.gettingStarted && (this.#gettingStartedAsked || this.article === null);
  }

  dismissGettingStarted(): void {
    this.gettingStarted = false;
    this.#gettingStartedAsked = false;
    writeFlag(GETTING_STARTED_DISMISSED, true);
  }

  showGettingStarted(): void {
    this.gettingStarted = true;
    this.#gettingStartedAsked = true;
    writeFlag(GETTING_STARTED_DISMISSED, false);
    this.dialog = null;
  }

  /** Opens the Backups dialog (it works without an open workspace too). */
  openBackups(): void {
    this.dialog = "backups";
  }

  /** Puts a backup in the workspace's place, after the person confirmed. */
  async restoreBackup(file: string): Promise<void> {
    try {
      const restored = await api.restoreBackup(file);
      this.applyWorkspace(await api.workspaceInfo(), true);
      this.notify(
        `Restored the backup of ${localDateTime(restored.from.created_at)}. The workspace as it was is kept in the backups folder; restore it from Backups to undo this.`,
      );
    } catch (error) {
      this.report(error);
    }
  }

  /** Shows `workspace`; `reset` starts over as if another file were opened (after a restore). */
  applyWorkspace(workspace: WorkspaceInfo, reset = false): void {
    const switched = reset || this.workspace?.path !== workspace.path;
    this.workspace = workspace;
    this.workspaceError = null;
    if (switched) {
      this.#articleSeq++;
      this.selectedId = null;
      this.cursor = null;
      this.#rewind = true;
      this.article = null;
      this.diff = null;
      this.showChanges = false;
      this.filterText = "";
      this.outlet = null;
      this.results = null;
      this.claims.clear();
      this.view = { kind: "reader" };
      this.search.reset();
      this.storylines.reset();
      this.people.reset();
      this.bundles.reset();
      this.team.signal = null;
      void this.team.refresh();
    }
    void this.refresh();
    void this.refreshOutlets();
    void this.people.reloadForUser();
    void this.people.refreshOutletRatings();
  }

  /** Data changed behind what is shown: see `dataVersion`. */
  dataChanged(): void {
    this.dataVersion++;
  }

  /**
   * Asks for the review queues' counts again. Call it after anything that may
   * move a claim between queues (claim and review changes, imports, Undo).
   */
  /** Opens the Export dialog, on `scope` when given (the claim or storyline it is opened from). */
  openExport(scope: ExportScope | null = null): void {
    this.exportScope = scope;
    this.dialog = "export";
  }

  /**
   * Asks for an annotation file (Rust shows the open dialog), imports it and
   * shows what became of each annotation; nothing when cancelled.
   */
  async importAnnotations(): Promise<void> {
    if (this.importingAnnotations) return;
    this.importingAnnotations = true;
    try {
      const results = await api.importAnnotations();
      if (results === null) return;
      this.annotationResults = results;
      this.dialog = "annotations";
      if (results.some((r) => r.status === "imported")) {
        // New appearances (and perhaps new claims and persons): reload what shows them, queues too.
        void this.people.reloadShown();
      }
    } catch (error) {
      this.report(error);
    } finally {
      this.importingAnnotations = false;
    }
  }

  refreshQueues(): Promise<void> {
    return this.people.refreshQueues();
  }

  // ---- library ----

  query(): ArticleQuery {
    const query: ArticleQuery = { sort: this.sort };
    const text = this.filterText.trim();
    if (text !== "") query.text = text;
    if (this.outlet !== null) query.outlet = this.outlet;
    return query;
  }

  async refresh(): Promise<void> {
    const seq = ++this.#listSeq;
    const query = this.query();
    // The same list again (data changed behind it): reload the pages on screen and stay there.
    const same = !this.#rewind && this.listed && sameQuery(query, this.library.query);
    this.#rewind = false;
    try {
      const current = await this.library.reset(query, same ? this.library.shown : []);
      if (seq !== this.#listSeq || !current) return;
      this.listedText = query.text ?? "";
      this.listedOutlet = query.outlet ?? null;
      this.listed = true;
      this.listError = null;
      const index = this.library.indexOf(this.selectedId, this.cursor);
      if (index >= 0) {
        this.cursor = index;
      } else if (this.selectedId !== null) {
        // Not in the pages on screen: the open article stays marked wherever it is; any other highlight goes.
        // (No id but a cursor is a row whose page is on its way: it stays.)
        this.cursor = null;
        if (this.selectedId !== this.article?.id) this.selectedId = null;
      }
    } catch (error) {
      if (seq !== this.#listSeq) return;
      this.listed = true;
      this.listError = this.report(error).message;
    }
  }

  async refreshOutlets(): Promise<void> {
    try {
      this.outlets = await api.listOutlets();
      if (this.outlet !== null && !this.outlets.some((o) => o.name === this.outlet)) {
        this.setOutlet(null);
      }
    } catch (error) {
      this.report(error);
    }
  }

  /** Called as the user types; asks for the list once typing pauses. */
  setFilter(text: string): void {
    this.filterText = text;
    if (this.#filterTimer) clearTimeout(this.#filterTimer);
    this.#filterTimer = setTimeout(() => {
      this.#filterTimer = null;
      void this.refresh();
    }, FILTER_DELAY_MS);
  }

  /** Clears the typed filter text (Esc in the filter), keeping the outlet. */
  clearText(): void {
    if (this.#filterTimer) clearTimeout(this.#filterTimer);
    this.#filterTimer = null;
    if (this.filterText === "" && this.listedText === "") return;
    this.filterText = "";
    void this.refresh();
  }

  /** Clears the text and the outlet ("Clear filter" when nothing matches). */
  clearFilter(): void {
    if (this.#filterTimer) clearTimeout(this.#filterTimer);
    this.#filterTimer = null;
    const changed = this.filterText !== "" || this.outlet !== null;
    this.filterText = "";
    this.outlet = null;
    if (changed) void this.refresh();
  }

  setSort(sort: ArticleSort): void {
    if (this.sort === sort) return;
    this.sort = sort;
    void this.refresh();
  }

  setOutlet(outlet: string | null): void {
    this.outlet = outlet;
    void this.refresh();
  }

  focusFilter(): void {
    this.filterInput?.focus();
    this.filterInput?.select();
  }

  /** Moves the highlight by `delta` rows (j/k, arrow keys). */
  moveSelection(delta: number): void {
    const total = this.library.total;
    if (total === 0) return;
    const index = this.selectedIndex;
    const next = index === -1 ? (delta > 0 ? 0 : total - 1) : index + delta;
    this.selectIndex(Math.max(0, Math.min(total - 1, next)));
  }

  selectEdge(last: boolean): void {
    const total = this.library.total;
    if (total === 0) return;
    this.selectIndex(last ? total - 1 : 0);
  }

  /** Where the highlight is in the list; -1 when nothing is highlighted or its row is not loaded. */
  get selectedIndex(): number {
    if (this.selectedId === null) return this.cursor ?? -1;
    return this.library.indexOf(this.selectedId, this.cursor);
  }

  /** Highlights the row at `index`, fetching its page first when it is not loaded. */
  selectIndex(index: number): void {
    this.cursor = index;
    const row = this.library.at(index);
    this.selectedId = row?.id ?? null;
    if (row) return;
    this.library.load(pageOf(index, PAGE_SIZE)).then(
      () => {
        if (this.cursor === index && this.selectedId === null) this.selectedId = this.library.at(index)?.id ?? null;
      },
      (error) => this.report(error),
    );
  }

  // ---- reader ----

  openSelected(): void {
    if (this.selectedId !== null) void this.open(this.selectedId);
  }

  /** Opens an article in the reader, at `revision` or its current revision. */
  async open(id: string, revision: number | null = null): Promise<void> {
    const seq = ++this.#articleSeq;
    const sameArticle = this.article?.id === id;
    const index = this.library.indexOf(id, this.cursor);
    this.selectedId = id;
    this.cursor = index >= 0 ? index : null;
    this.articleLoading = true;
    this.view = { kind: "reader" };
    try {
      const article = await api.getArticle(id, revision);
      if (seq !== this.#articleSeq) return;
      this.article = article;
      this.claims.articleOpened(article.id);
      if (!sameArticle) this.showChanges = false;
      this.diff = null;
      if (this.showChanges) await this.loadDiff();
    } catch (error) {
      if (seq === this.#articleSeq) this.report(error);
    } finally {
      if (seq === this.#articleSeq) this.articleLoading = false;
    }
  }

  /**
   * Reads the open article again (its details may have changed: a
   * correction, its Undo), on the revision shown. An article that is gone
   * (an undone import) is left to the library's refresh.
   */
  async reloadArticle(): Promise<void> {
    const shown = this.article;
    if (!shown) return;
    const revision = shown.shown_revision === shown.revision ? null : shown.shown_revision;
    try {
      const article = await api.getArticle(shown.id, revision);
      if (this.article?.id === article.id) this.article = article;
    } catch (error) {
      if (api.toApiError(error).code !== "not_found") this.report(error);
    }
  }

  /** Opens an article with the Suggestions tab, where its tracked claims wait. */
  async openReappearances(id: string): Promise<void> {
    await this.open(id);
    this.claims.tab = "suggestions";
    this.inspectorOpen = true;
  }

  showRevision(revision: number): Promise<void> {
    if (!this.article) return Promise.resolve();
    return this.open(this.article.id, revision);
  }

  async setShowChanges(on: boolean): Promise<void> {
    this.showChanges = on;
    if (on) await this.loadDiff();
    else this.diff = null;
  }

  async loadDiff(): Promise<void> {
    const article = this.article;
    const previous = article ? previousRevision(article) : undefined;
    const seq = ++this.#diffSeq;
    if (!article || !previous) {
      this.diff = null;
      return;
    }
    this.diffLoading = true;
    try {
      const diff = await api.revisionDiff(article.id, previous.number, article.shown_revision);
      if (seq === this.#diffSeq) this.diff = diff;
    } catch (error) {
      if (seq === this.#diffSeq) {
        this.showChanges = false;
        this.report(error);
      }
    } finally {
      if (seq === this.#diffSeq) this.diffLoading = false;
    }
  }

  // ---- single imports (the dialogs show the outcome and any error) ----

  /** Imports pasted text; rejects with an `ApiError`. */
  async importText(text: string): Promise<ImportOutcome> {
    return this.afterSingleImport(await api.importText(text));
  }

  /** Imports one URL; rejects with an `ApiError`. */
  async importUrl(url: string): Promise<ImportOutcome> {
    return this.afterSingleImport(await api.importUrl(url));
  }

  private async afterSingleImport(outcome: ImportOutcome): Promise<ImportOutcome> {
    if (outcome.status !== "rejected") {
      await Promise.all([this.refresh(), this.refreshOutlets()]);
      void this.refreshQueues();
      void this.people.refreshOutletRatings();
      if (outcome.article) void this.open(outcome.article.id);
    }
    return outcome;
  }

  // ---- batch imports ----

  async importFiles(): Promise<void> {
    try {
      const job = await api.importFiles();
      if (job) this.jobStarted(job);
    } catch (error) {
      this.report(error);
    }
  }

  async importFolder(): Promise<void> {
    try {
      const job = await api.importFolder();
      if (job) this.jobStarted(job);
    } catch (error) {
      this.report(error);
    }
  }

  async cancelImport(jobId: string): Promise<void> {
    const job = this.jobs.find((j) => j.jobId === jobId);
    if (job) job.cancelling = true;
    try {
      await api.cancelImport(jobId);
    } catch (error) {
      if (job) job.cancelling = false;
      this.report(error);
    }
  }

  /** Jobs that have finished: a small job can finish before the command
   * that started it answers, and must not then reappear as running. */
  #finishedJobs = new Set<string>();

  /** The job may be announced twice (by the event and by the command's answer). */
  jobStarted(job: ImportJob): void {
    if (this.#finishedJobs.has(job.job_id)) return;
    if (this.jobs.some((j) => j.jobId === job.job_id)) return;
    this.jobs.push({ jobId: job.job_id, total: job.total, done: 0, current: null, cancelling: false });
  }

  jobProgressed(progress: ImportProgress): void {
    if (this.#finishedJobs.has(progress.job_id)) return;
    let job = this.jobs.find((j) => j.jobId === progress.job_id);
    if (!job) {
      this.jobStarted({ job_id: progress.job_id, total: progress.total });
      job = this.jobs.find((j) => j.jobId === progress.job_id)!;
    }
    job.done = Math.max(job.done, progress.done);
    job.total = progress.total;
    job.current = progress.next ?? progress.outcome.input;
    if (progress.outcome.status === "imported" || progress.outcome.status === "revised") {
      this.scheduleImportRefresh();
    }
  }

  /** The background reading is done; tracked claims it found said again in other words wait in New appearances. */
  embeddingFinished(outcome: EmbedOutcome): void {
    this.embedding = null;
    if (outcome.reappearing === 0) return;
    void this.refresh();
    void this.refreshQueues();
    const where = outcome.reappearing === 1 ? "1 article" : `${outcome.reappearing} articles`;
    this.notify(`Tracked claims are said again in other words in ${where}`, {
      label: "Show",
      run: () => {
        this.view = { kind: "reappearances" };
      },
    });
  }

  jobFinished(summary: ImportJobSummary): void {
    this.#finishedJobs.add(summary.job_id);
    this.jobs = this.jobs.filter((j) => j.jobId !== summary.job_id);
    this.results = summary;
    if (this.#importRefreshTimer) clearTimeout(this.#importRefreshTimer);
    this.#importRefreshTimer = null;
    void this.refresh();
    void this.refreshOutlets();
    void this.refreshQueues();
    void this.people.refreshOutletRatings();
    // A new revision of the article being read: show the new text.
    const open = this.article;
    if (open && summary.outcomes.some((o) => o.status === "revised" && o.article?.id === open.id)) {
      void this.open(open.id);
    }
  }

  dismissResults(): void {
    this.results = null;
  }

  private scheduleImportRefresh(): void {
    if (this.#importRefreshTimer) return;
    this.#importRefreshTimer = setTimeout(() => {
      this.#importRefreshTimer = null;
      void this.refresh();
      void this.refreshOutlets();
    }, IMPORT_REFRESH_MS);
  }
}

/**
 * Unsubscribes from a shell event. This runs as the window goes away, when
 * there is no one left to show a failure to, so it is only logged.
 */
function unsubscribe(unlisten: api.UnlistenFn): void {
  try {
    void Promise.resolve(unlisten()).catch((error: unknown) => console.warn("Could not unsubscribe:", error));
  } catch (error) {
    console.warn("Could not unsubscribe:", error);
  }
}

const KEY = Symbol("claimtrail-app");

export function setAppState(state: AppState): AppState {
  return setContext(KEY, state);
}

export function getAppState(): AppState {
  const state = getContext<AppState | undefined>(KEY);
  if (!state) throw new Error("AppState is missing from the component context");
  return state;
}

/** The context map that lets a test mount any component against a given state. */
export function appContext(state: AppState): Map<symbol, AppState> {
  return new Map([[KEY, state]]);
}
