// The review of the claim open in the inspector: its state, verdicts and
// evidence, its comment threads and its History. Part of AppState
// (`app.review`); like it, only this class and the dialogs call `api` here.
// Moves the core refuses reject with an ApiError, for the form to show.

import * as api from "./api";
import type { AppState } from "./app.svelte";
import type { CommentInfo } from "./bindings/CommentInfo";
import type { EvidenceFields } from "./bindings/EvidenceFields";
import type { EvidenceInfo } from "./bindings/EvidenceInfo";
import type { HistoryEntry } from "./bindings/HistoryEntry";
import type { ReviewAction } from "./bindings/ReviewAction";
import type { ReviewInfo } from "./bindings/ReviewInfo";
import type { UserInfo } from "./bindings/UserInfo";

/** The tabs of the claim inspector. */
export type ClaimTab = "details" | "review" | "comments" | "history";

export class ReviewState {
  readonly #app: AppState;

  /** The claim everything below belongs to. */
  claimId = $state<string | null>(null);
  info = $state<ReviewInfo | null>(null);
  error = $state<string | null>(null);

  comments = $state<CommentInfo[]>([]);
  commentsLoaded = $state(false);

  history = $state<HistoryEntry[]>([]);
  historyLoaded = $state(false);
  historyError = $state<string | null>(null);

  /** The claim inspector's tab (kept while moving between claims). */
  tab = $state<ClaimTab>("details");

  /** Profiles read here, when the workspace did not list them. */
  #users = $state<UserInfo[]>([]);
  #seq = 0;
  #historySeq = 0;

  constructor(app: AppState) {
    this.#app = app;
  }

  /** Every user profile (for assigning, mentions and avatars). */
  get users(): UserInfo[] {
    const listed = this.#app.workspace?.users ?? [];
    return listed.length > 0 ? listed : this.#users;
  }

  /** The active user: who acts now. */
  get me(): UserInfo | null {
    return this.#app.workspace?.user ?? this.users.find((u) => u.active) ?? null;
  }

  /** Loads the review and comments of `claimId` (again); the History too once it has been shown. */
  async load(claimId: string): Promise<void> {
    if (this.claimId !== claimId) {
      this.claimId = claimId;
      this.info = null;
      this.error = null;
      this.comments = [];
      this.commentsLoaded = false;
      this.history = [];
      this.historyLoaded = false;
      this.historyError = null;
    }
    const seq = ++this.#seq;
    if (this.users.length === 0) {
      api.listUsers().then(
        (users) => (this.#users = users),
        () => {},
      );
    }
    try {
      const [info, comments] = await Promise.all([api.getReview(claimId), api.listComments(claimId)]);
      if (seq !== this.#seq) return;
      this.info = info;
      this.comments = comments;
      this.commentsLoaded = true;
      this.error = null;
    } catch (error) {
      if (seq === this.#seq) this.error = api.toApiError(error).message;
    }
    if (this.historyLoaded || this.tab === "history") await this.loadHistory();
  }

  /** Reads everything shown again (after an Undo, a user switch, an edit). */
  async reload(): Promise<void> {
    if (this.claimId !== null) await this.load(this.claimId);
  }

  async loadHistory(): Promise<void> {
    const claimId = this.claimId;
    if (claimId === null) return;
    const seq = ++this.#historySeq;
    try {
      const history = await api.claimHistory(claimId);
      if (seq !== this.#historySeq || claimId !== this.claimId) return;
      this.history = history;
      this.historyError = null;
    } catch (error) {
      if (seq === this.#historySeq) this.historyError = api.toApiError(error).message;
    } finally {
      if (seq === this.#historySeq) this.historyLoaded = true;
    }
  }

  // ---- the review (each rejects with the core's ApiError) ----

  async act(action: ReviewAction): Promise<ReviewInfo> {
    const claimId = this.#need();
    const info = await api.reviewClaim(claimId, action);
    if (claimId === this.claimId) this.info = info;
    this.#changed();
    return info;
  }

  async addEvidence(fields: EvidenceFields): Promise<EvidenceInfo> {
    const claimId = this.#need();
    const added = await api.addEvidence(claimId, fields);
    await this.#refreshReview(claimId);
    this.#changed();
    return added;
  }

  /** Removes an evidence item; Undo adds the same item again. */
  async removeEvidence(item: EvidenceInfo): Promise<void> {
    const claimId = item.claim_id;
    try {
      await api.removeEvidence(item.id);
    } catch (error) {
      this.#app.report(error);
      return;
    }
    await this.#refreshReview(claimId);
    this.#changed();
    this.#app.notify("Evidence removed", {
      label: "Undo",
      run: async () => {
        try {
          await api.addEvidence(claimId, evidenceFieldsOf(item));
        } catch (error) {
          this.#app.report(error);
        }
        await this.#refreshReview(claimId);
        this.#changed();
      },
    });
  }

  // ---- comments (each rejects with the core's ApiError) ----

  async addComment(parentId: string | null, body: string): Promise<CommentInfo> {
    const claimId = this.#need();
    const added = await api.addComment(claimId, parentId, body);
    await this.#refreshComments(claimId);
    this.#changed();
    return added;
  }

  async editComment(id: string, body: string): Promise<void> {
    const claimId = this.#need();
    await api.editComment(id, body);
    await this.#refreshComments(claimId);
    this.#changed();
  }

  async deleteComment(id: string): Promise<void> {
    const claimId = this.#need();
    await api.deleteComment(id);
    await this.#refreshComments(claimId);
    this.#changed();
  }

  /** Comments in all threads. */
  get commentCount(): number {
    return this.comments.reduce((n, c) => n + 1 + c.replies.length, 0);
  }

  // ---- internals ----

  #need(): string {
    if (this.claimId === null) throw { code: "invalid_input", message: "No claim is open." };
    return this.claimId;
  }

  async #refreshReview(claimId: string): Promise<void> {
    try {
      const info = await api.getReview(claimId);
      if (claimId === this.claimId) this.info = info;
    } catch (error) {
      this.#app.report(error);
    }
  }

  async #refreshComments(claimId: string): Promise<void> {
    try {
      const comments = await api.listComments(claimId);
      if (claimId === this.claimId) this.comments = comments;
    } catch (error) {
      this.#app.report(error);
    }
  }

  /** After any change: the claims list (state and verdict chips), the History, the queues. */
  #changed(): void {
    void this.#app.claims.refresh();
    if (this.historyLoaded) void this.loadHistory();
    void this.#app.refreshQueues();
  }
}

/** The fields that add `item` again (Undo of a removal). */
export function evidenceFieldsOf(item: EvidenceInfo): EvidenceFields {
  const target = { article: item.article_id, appearance: item.appearance_id, url: item.url, file: item.path, note: "" }[item.kind];
  return { kind: item.kind, target: target ?? "", note: item.note };
}
