// The one module that talks to Tauri: typed wrappers around every IPC command
// and event of the Claimtrail desktop shell. Components import from here and
// never from `@tauri-apps/api`, so the whole UI can run against a mock.

import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { getCurrentWebview } from "@tauri-apps/api/webview";

import type { Backup } from "./bindings/Backup";
import type { EmbedOutcome } from "./bindings/EmbedOutcome";
import type { EmbedProgress } from "./bindings/EmbedProgress";
import type { RestoredBackup } from "./bindings/RestoredBackup";
import type { ArticleDetail } from "./bindings/ArticleDetail";
import type { ArticlePage } from "./bindings/ArticlePage";
import type { ArticleQuery } from "./bindings/ArticleQuery";
import type { ArticleSummary } from "./bindings/ArticleSummary";
import type { MetadataCorrection } from "./bindings/MetadataCorrection";
import type { TeamView } from "./bindings/TeamView";
import type { Joined } from "./bindings/Joined";
import type { Member } from "./bindings/Member";
import type { SyncReport } from "./bindings/SyncReport";
import type { TeamSignal } from "./bindings/TeamSignal";
import type { ImportJob } from "./bindings/ImportJob";
import type { ImportJobSummary } from "./bindings/ImportJobSummary";
import type { ImportOutcome } from "./bindings/ImportOutcome";
import type { ImportProgress } from "./bindings/ImportProgress";
import type { OutletCount } from "./bindings/OutletCount";
import type { RevisionDiff } from "./bindings/RevisionDiff";
import type { WorkspaceInfo } from "./bindings/WorkspaceInfo";
import type { AppearanceDetails } from "./bindings/AppearanceDetails";
import type { AppearanceFields } from "./bindings/AppearanceFields";
import type { AppearanceHints } from "./bindings/AppearanceHints";
import type { AppearanceInfo } from "./bindings/AppearanceInfo";
import type { ClaimFields } from "./bindings/ClaimFields";
import type { ClaimInfo } from "./bindings/ClaimInfo";
import type { ClaimQuery } from "./bindings/ClaimQuery";
import type { PersonInfo } from "./bindings/PersonInfo";
import type { Reappearance } from "./bindings/Reappearance";
import type { Suggestion } from "./bindings/Suggestion";
import type { Matches } from "./bindings/Matches";
import type { MatchScope } from "./bindings/MatchScope";
import type { Timeline } from "./bindings/Timeline";
import type { TimelineQuery } from "./bindings/TimelineQuery";
import type { LinkFields } from "./bindings/LinkFields";
import type { LinkInfo } from "./bindings/LinkInfo";
import type { LogFolder } from "./bindings/LogFolder";
import type { AboutInfo } from "./bindings/AboutInfo";
import type { CrashReport } from "./bindings/CrashReport";
import type { SavedSearch } from "./bindings/SavedSearch";
import type { SearchQuery } from "./bindings/SearchQuery";
import type { SearchResults } from "./bindings/SearchResults";
import type { StorylineDetail } from "./bindings/StorylineDetail";
import type { StorylineInfo } from "./bindings/StorylineInfo";
import type { ActivityQuery } from "./bindings/ActivityQuery";
import type { CommentInfo } from "./bindings/CommentInfo";
import type { Credibility } from "./bindings/Credibility";
import type { EvidenceFields } from "./bindings/EvidenceFields";
import type { EvidenceInfo } from "./bindings/EvidenceInfo";
import type { HistoryEntry } from "./bindings/HistoryEntry";
import type { OutletInfo } from "./bindings/OutletInfo";
import type { QueueCounts } from "./bindings/QueueCounts";
import type { ReviewAction } from "./bindings/ReviewAction";
import type { ReviewInfo } from "./bindings/ReviewInfo";
import type { UndoEntry } from "./bindings/UndoEntry";
import type { UserInfo } from "./bindings/UserInfo";
import type { AnnotationOutcome } from "./bindings/AnnotationOutcome";
import type { ExportPreview } from "./bindings/ExportPreview";
import type { ExportRequest } from "./bindings/ExportRequest";
import type { BundlePreview } from "./bindings/BundlePreview";
import type { BundleSummary } from "./bindings/BundleSummary";
import type { ConflictInfo } from "./bindings/ConflictInfo";
import type { Settle } from "./bindings/Settle";
import type { Organisation } from "./bindings/Organisation";

export type { UnlistenFn };

import type { ApiError } from "./bindings/ApiError";
import type { ErrorCode as ApiErrorCode } from "./bindings/ErrorCode";

/** The one error shape every command rejects with (generated from Rust). */
export type { ApiError, ApiErrorCode };

// Every code the shell sends, checked against the generated type: a code
// added in Rust fails the type check here until it is listed.
const KNOWN_CODES: Record<ApiErrorCode, true> = {
  not_found: true,
  invalid_input: true,
  conflict: true,
  not_allowed: true,
  workspace: true,
  hub: true,
  import: true,
  internal: true,
};
const CODES = Object.keys(KNOWN_CODES) as ApiErrorCode[];

export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.message === "string" && CODES.includes(v.code as ApiErrorCode);
}

/**
 * Turns anything a command or the IPC layer may throw into an `ApiError`, so
 * callers can always show `message` and switch on `code`.
 */
export function toApiError(error: unknown): ApiError {
  if (isApiError(error)) return error.field ? { code: error.code, message: error.message, field: error.field } : { code: error.code, message: error.message };
  if (error instanceof Error) return { code: "internal", message: error.message || String(error) };
  if (typeof error === "string" && error.length > 0) return { code: "internal", message: error };
  return { code: "internal", message: "Something went wrong and the app gave no details." };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toApiError(error);
  }
}

export function workspaceInfo(): Promise<WorkspaceInfo> {
  return call("workspace_info");
}

/** The workspace's backups, newest first (also when it could not be opened). */
export function listBackups(): Promise<Backup[]> {
  return call("list_backups");
}

/** A backup now, checked before it counts. */
export function createBackup(): Promise<Backup> {
  return call("create_backup");
}

/** Puts backup `file` in the workspace's place (the current file is kept aside) and opens it. */
export function restoreBackup(file: string): Promise<RestoredBackup> {
  return call("restore_backup", { file });
}

/** Shows the native open (or, with `create`, save) dialog; `null` when cancelled. */
export function openWorkspace(create: boolean): Promise<WorkspaceInfo | null> {
  return call("open_workspace", { create });
}

/** Opens the example workspace, making it the first time, and switches to it. */
export function openExampleWorkspace(): Promise<WorkspaceInfo> {
  return call("open_example_workspace");
}

/** Switches back to the workspace the app started on. */
export function openStartWorkspace(): Promise<WorkspaceInfo> {
  return call("open_start_workspace");
}

/**
 * One page of the library: `limit` articles from `offset` in the list's
 * order, and `total`, the length of the whole filtered list (the library
 * shows 100,000 articles a page at a time).
 */
export function listArticlesPage(query: ArticleQuery, offset: number, limit: number): Promise<ArticlePage> {
  return call("list_articles_page", { query, offset, limit });
}

export function listOutlets(): Promise<OutletCount[]> {
  return call("list_outlets");
}

/** The article with the text of `revision`, or of the current revision when `null`. */
export function getArticle(id: string, revision: number | null): Promise<ArticleDetail> {
  return call("get_article", { id, revision });
}

/** Corrects what extraction got wrong in an article's title, byline, time, dateline or outlet. */
export function correctArticle(id: string, correction: MetadataCorrection): Promise<ArticleSummary> {
  return call("correct_article", { id, correction });
}

export function revisionDiff(id: string, from: number, to: number): Promise<RevisionDiff> {
  return call("revision_diff", { id, from, to });
}

export function importText(text: string): Promise<ImportOutcome> {
  return call("import_text", { text });
}

export function importUrl(url: string): Promise<ImportOutcome> {
  return call("import_url", { url });
}

/** Opens a multi-file dialog and starts a batch job; `null` when cancelled. */
export function importFiles(): Promise<ImportJob | null> {
  return call("import_files");
}

/** Opens a folder dialog and starts a batch job; `null` when cancelled. */
export function importFolder(): Promise<ImportJob | null> {
  return call("import_folder");
}

export function cancelImport(jobId: string): Promise<void> {
  return call("cancel_import", { jobId });
}

// ---- claims, appearances and persons (offsets are code points) ----

export function listClaims(query: ClaimQuery): Promise<ClaimInfo[]> {
  return call("list_claims", { query });
}

export function getClaim(id: string): Promise<ClaimInfo> {
  return call("get_claim", { id });
}

/** Every appearance in an article, on any of its revisions. */
export function articleAppearances(articleId: string): Promise<AppearanceInfo[]> {
  return call("article_appearances", { articleId });
}

export function createClaim(claim: ClaimFields, appearance: AppearanceFields | null): Promise<ClaimInfo> {
  return call("create_claim", { claim, appearance });
}

export function addAppearance(claimId: string, appearance: AppearanceFields): Promise<ClaimInfo> {
  return call("add_appearance", { claimId, appearance });
}

export function updateClaim(id: string, claim: ClaimFields): Promise<ClaimInfo> {
  return call("update_claim", { id, claim });
}

export function updateAppearance(id: string, details: AppearanceDetails): Promise<ClaimInfo> {
  return call("update_appearance", { id, details });
}

/** Deletes one appearance; answers the claim as it is left. */
export function deleteAppearance(id: string): Promise<ClaimInfo> {
  return call("delete_appearance", { id });
}

export function deleteClaim(id: string): Promise<void> {
  return call("delete_claim", { id });
}

/** Puts an appearance on `[start, end)` of its article's current revision. */
export function placeAppearance(id: string, start: number, end: number): Promise<ClaimInfo> {
  return call("place_appearance", { id, start, end });
}

/** Candidate claims found in the article's current text, best first. */
export function suggestClaims(articleId: string): Promise<Suggestion[]> {
  return call("suggest_claims", { articleId });
}

/** What the text suggests for the fields of an appearance on `[start, end)`. */
export function appearanceHints(articleId: string, start: number, end: number): Promise<AppearanceHints> {
  return call("appearance_hints", { articleId, start, end });
}

/** Hides a suggestion of this article for good. */
export function dismissSuggestion(articleId: string, exact: string): Promise<void> {
  return call("dismiss_suggestion", { articleId, exact });
}

/** Shows a dismissed suggestion again (Undo of a dismissal). */
export function restoreSuggestion(articleId: string, exact: string): Promise<void> {
  return call("restore_suggestion", { articleId, exact });
}

/** Tracked claims found again in imported articles: in one article, or everywhere. */
export function listReappearances(articleId: string | null): Promise<Reappearance[]> {
  return call("list_reappearances", { articleId });
}

/** Makes a candidate reappearance an appearance of its claim. */
export function acceptReappearance(id: string): Promise<ClaimInfo> {
  return call("accept_reappearance", { id });
}

/** "Not the same": the candidate is never offered again. */
export function dismissReappearance(id: string): Promise<void> {
  return call("dismiss_reappearance", { id });
}

/** Offers a dismissed candidate again (Undo of Not the same). */
export function restoreReappearance(articleId: string, claimId: string, exact: string): Promise<void> {
  return call("restore_reappearance", { articleId, claimId, exact });
}

export function listPersons(): Promise<PersonInfo[]> {
  return call("list_persons");
}

export function createPerson(name: string, aliases: string[]): Promise<PersonInfo> {
  return call("create_person", { name, aliases });
}

export function addAlias(personId: string, alias: string): Promise<PersonInfo> {
  return call("add_alias", { personId, alias });
}

export function removeAlias(personId: string, alias: string): Promise<PersonInfo> {
  return call("remove_alias", { personId, alias });
}

/** Merges `from` into `into`; answers the person that remains. */
export function mergePersons(from: string, into: string): Promise<PersonInfo> {
  return call("merge_persons", { from, into });
}

// ---- search, links between claims, storylines ----

/** Articles, claims, appearances and persons matching the words and filters. */
export function search(query: SearchQuery): Promise<SearchResults> {
  return call("search", { query });
}

/** Shows the app's log folder in the file manager; answers where it is. */
export function openLogFolder(): Promise<LogFolder> {
  return call("open_log_folder");
}

/** How the last run stopped, if it crashed (answered once). */
export function takeCrashReport(): Promise<CrashReport | null> {
  return call("take_crash_report");
}

/** Something went wrong inside the app just now (a panic it survived). */
export function onAppCrashed(cb: (report: CrashReport) => void): Promise<UnlistenFn> {
  return subscribe("app-crashed", cb);
}

/** Help → About: the version, where things are kept, and the components' licences. */
export function about(): Promise<AboutInfo> {
  return call("about");
}

/** The saved searches, by name. */
export function listSavedSearches(): Promise<SavedSearch[]> {
  return call("list_saved_searches");
}

/** Keeps `query` under `name`, replacing a search saved under that name. */
export function saveSearch(name: string, query: SearchQuery): Promise<SavedSearch> {
  return call("save_search", { name, query });
}

/** Deletes a saved search (Ctrl+Z puts it back). */
export function deleteSavedSearch(id: string): Promise<void> {
  return call("delete_saved_search", { id });
}

/** The links of a claim, each seen from its side (`outgoing`). */
export function listLinks(claimId: string): Promise<LinkInfo[]> {
  return call("list_links", { claimId });
}

export function createLink(fields: LinkFields): Promise<LinkInfo> {
  return call("create_link", { fields });
}

export function deleteLink(id: string): Promise<void> {
  return call("delete_link", { id });
}

export function listStorylines(): Promise<StorylineInfo[]> {
  return call("list_storylines");
}

export function getStoryline(id: string): Promise<StorylineDetail> {
  return call("get_storyline", { id });
}

export function createStoryline(name: string, description: string | null): Promise<StorylineInfo> {
  return call("create_storyline", { name, description });
}

export function updateStoryline(id: string, name: string, description: string | null): Promise<StorylineInfo> {
  return call("update_storyline", { id, name, description });
}

export function deleteStoryline(id: string): Promise<void> {
  return call("delete_storyline", { id });
}

export function addToStoryline(storylineId: string, claimId: string): Promise<StorylineDetail> {
  return call("add_to_storyline", { storylineId, claimId });
}

export function removeFromStoryline(storylineId: string, claimId: string): Promise<StorylineDetail> {
  return call("remove_from_storyline", { storylineId, claimId });
}

/** Puts the storyline's claims in this order (all of its claims' ids). */
export function reorderStoryline(storylineId: string, claimIds: string[]): Promise<StorylineDetail> {
  return call("reorder_storyline", { storylineId, claimIds });
}

// ---- find everywhere and timelines ----

/** Where else a claim's words appear (not yet marked), and claims that may be the same. */
export function findMatches(scope: MatchScope): Promise<Matches> {
  return call("find_matches", { scope });
}

/** The appearances of a claim, a person or a storyline in time order, with their links. */
export function timeline(query: TimelineQuery): Promise<Timeline> {
  return call("timeline", { query });
}

async function subscribe<T>(event: string, cb: (payload: T) => void): Promise<UnlistenFn> {
  try {
    return await listen<T>(event, (e) => cb(e.payload));
  } catch (error) {
    throw toApiError(error);
  }
}

// ---- Users, review, comments, history, undo, outlets (issue 5) ----

export function listUsers(): Promise<UserInfo[]> {
  return call("list_users");
}

/** Adds a profile; the first one of a workspace becomes the active user. */
export function addUser(name: string, initials: string | null, color: string | null): Promise<UserInfo> {
  return call("add_user", { name, initials, color });
}

/** Makes another profile the active user. */
export function switchUser(id: string): Promise<UserInfo> {
  return call("switch_user", { id });
}

export function getReview(claimId: string): Promise<ReviewInfo> {
  return call("get_review", { claimId });
}

/** Assign, unassign, propose, approve or reopen; a refused move rejects with `invalid_input` and the reason. */
export function reviewClaim(claimId: string, action: ReviewAction): Promise<ReviewInfo> {
  return call("review_claim", { claimId, action });
}

export function addEvidence(claimId: string, fields: EvidenceFields): Promise<EvidenceInfo> {
  return call("add_evidence", { claimId, fields });
}

export function removeEvidence(id: string): Promise<void> {
  return call("remove_evidence", { id });
}

/** Comment threads, oldest first, each with its replies. */
export function listComments(claimId: string): Promise<CommentInfo[]> {
  return call("list_comments", { claimId });
}

export function addComment(claimId: string, parentId: string | null, body: string): Promise<CommentInfo> {
  return call("add_comment", { claimId, parentId, body });
}

export function editComment(id: string, body: string): Promise<CommentInfo> {
  return call("edit_comment", { id, body });
}

export function deleteComment(id: string): Promise<void> {
  return call("delete_comment", { id });
}

export function queueCounts(): Promise<QueueCounts> {
  return call("queue_counts");
}

/** Every audit event about a claim, oldest first. */
export function claimHistory(claimId: string): Promise<HistoryEntry[]> {
  return call("claim_history", { claimId });
}

/** The workspace's events, newest first. */
export function activity(query: ActivityQuery): Promise<HistoryEntry[]> {
  return call("activity", { query });
}

/** The active user's recent changes still in effect, newest first. */
export function recentChanges(): Promise<UndoEntry[]> {
  return call("recent_changes");
}

/** Undoes one change, or the newest one when `writeId` is null; answers what was undone. */
export function undo(writeId: string | null): Promise<UndoEntry> {
  return call("undo", { writeId });
}

/** Puts back the newest undone change. */
export function redo(): Promise<UndoEntry> {
  return call("redo");
}

export function listOutletRatings(): Promise<OutletInfo[]> {
  return call("list_outlet_ratings");
}

export function setOutletCredibility(
  outlet: string,
  credibility: Credibility,
  note: string | null,
): Promise<OutletInfo> {
  return call("set_outlet_credibility", { outlet, credibility, note });
}

// ---- Exports and annotation imports (issue 6) ----

/** What an export will hold: its text (cut when long), counts and a file name to suggest. */
export function exportPreview(request: ExportRequest): Promise<ExportPreview> {
  return call("export_preview", { request });
}

/** Shows the native save dialog (Rust opens it) and writes the export; the path, or `null` when cancelled. */
export function exportToFile(request: ExportRequest, fileName: string): Promise<string | null> {
  return call("export_to_file", { request, fileName });
}

/** Shows the native open dialog for a Hypothesis or W3C annotation file and imports it; `null` when cancelled. */
export function importAnnotations(): Promise<AnnotationOutcome[] | null> {
  return call("import_annotations");
}

export function getOrganisation(): Promise<Organisation> {
  return call("get_organisation");
}

export function setOrganisation(name: string, url: string | null): Promise<Organisation> {
  return call("set_organisation", { name, url });
}

// ---- Workspace bundles and merge conflicts ----

/**
 * Asks where to save (suggesting `fileName`) and writes the whole workspace
 * as one bundle file; the path written, or null when cancelled.
 */
export function exportBundle(fileName: string): Promise<string | null> {
  return call("export_bundle", { fileName });
}

/**
 * Asks for a colleague's bundle and answers what importing it would change,
 * changing nothing yet; null when cancelled. Follow with `importBundle()`
 * or `discardBundle()`.
 */
export function chooseBundle(): Promise<BundlePreview | null> {
  return call("choose_bundle");
}

/** Merges the bundle chosen with `chooseBundle()` (all or nothing). */
export function importBundle(): Promise<BundleSummary> {
  return call("import_bundle");
}

/** Forgets the bundle chosen with `chooseBundle()`. */
export function discardBundle(): Promise<void> {
  return call("discard_bundle");
}

/** Merge conflicts waiting for a person; with `settled`, the settled ones too. */
export function mergeConflicts(settled: boolean): Promise<ConflictInfo[]> {
  return call("merge_conflicts", { settled });
}

/** Keeps the merged value (`kept`) or takes the one set aside (`other`). */
export function settleConflict(id: string, choice: Settle): Promise<ConflictInfo> {
  return call("settle_conflict", { id, choice });
}

/** A batch job started, from an import button or from files dropped on the window. */
export function onImportStarted(cb: (job: ImportJob) => void): Promise<UnlistenFn> {
  return subscribe("import-started", cb);
}

/** One input of a batch job has been handled. */
export function onImportProgress(cb: (progress: ImportProgress) => void): Promise<UnlistenFn> {
  return subscribe("import-progress", cb);
}

/** The background embedding (matching by meaning) got this far. */
export function onEmbeddingProgress(cb: (progress: EmbedProgress) => void): Promise<UnlistenFn> {
  return subscribe("embedding-progress", cb);
}

/** The background embedding ran out of waiting articles. */
export function onEmbeddingFinished(cb: (outcome: EmbedOutcome) => void): Promise<UnlistenFn> {
  return subscribe("embedding-finished", cb);
}

/** A batch job ended, completely or by cancellation. */
export function onImportFinished(cb: (summary: ImportJobSummary) => void): Promise<UnlistenFn> {
  return subscribe("import-finished", cb);
}

// ---- The team hub (issue 19) ----

/** Where the open workspace stands with its team hub (`hub` null when it has not joined one) and the background sync's latest word. */
export function teamStatus(): Promise<TeamView> {
  return call("team_status");
}

/** "Test connection": signs in and says who the login is on the team. */
export function teamCheck(address: string, login: string, password: string): Promise<Member> {
  return call("team_check", { address, login, password });
}

/** Joins the open workspace to the team and syncs it (the first time brings the team's work). */
export function teamJoin(address: string, login: string, password: string): Promise<Joined> {
  return call("team_join", { address, login, password });
}

/** Sends this desk's changes and reads the team's now. */
export function teamSync(): Promise<SyncReport> {
  return call("team_sync");
}

/** Unlinks the open workspace from its hub; it keeps everything it has. */
export function teamLeave(): Promise<void> {
  return call("team_leave");
}

/** The background sync's state, for the top bar. */
export function onTeamStatus(cb: (signal: TeamSignal) => void): Promise<UnlistenFn> {
  return subscribe("team-status", cb);
}

/** The team's changes were merged (or one of ours refused): what is shown must be read again. */
export function onTeamChanged(cb: (report: SyncReport) => void): Promise<UnlistenFn> {
  return subscribe("team-changed", cb);
}

export function onWorkspaceChanged(cb: (workspace: WorkspaceInfo) => void): Promise<UnlistenFn> {
  return subscribe("workspace-changed", cb);
}

/** The open workspace failed SQLite's check and was closed: the message says why and names the newest good backup. */
export function onWorkspaceDamaged(cb: (message: string) => void): Promise<UnlistenFn> {
  return subscribe("workspace-damaged", cb);
}

/** A write waits (true) for another program saving to the workspace, or no longer waits (false). */
export function onWorkspaceWaiting(cb: (waiting: boolean) => void): Promise<UnlistenFn> {
  return subscribe("workspace-waiting", cb);
}

/** Where a native file drag is, as far as the drop overlay cares. */
export type DragState = "over" | "left" | "dropped";

/**
 * Reports native file drags over the window, only to show or hide the drop
 * overlay: Rust imports the dropped files itself and announces the job with
 * "import-started".
 */
export async function onDragDrop(cb: (state: DragState) => void): Promise<UnlistenFn> {
  try {
    return await getCurrentWebview().onDragDropEvent((event) => {
      const kind = event.payload.type;
      cb(kind === "enter" || kind === "over" ? "over" : kind === "drop" ? "dropped" : "left");
    });
  } catch (error) {
    throw toApiError(error);
  }
}
