// The claims of the article in the reader: its appearances (highlighted in
// the text), its claims, the suggestions for it, the claim open in the
// inspector, the Mark-claim popover and the persons list. Part of AppState
// (`app.claims`); like it, the only place besides dialogs that calls `api`.

import * as api from "./api";
import type { AppState } from "./app.svelte";
import type { AppearanceDetails } from "./bindings/AppearanceDetails";
import type { AppearanceFields } from "./bindings/AppearanceFields";
import type { AppearanceHints } from "./bindings/AppearanceHints";
import type { AppearanceInfo } from "./bindings/AppearanceInfo";
import type { ClaimFields } from "./bindings/ClaimFields";
import type { ClaimInfo } from "./bindings/ClaimInfo";
import type { PersonInfo } from "./bindings/PersonInfo";
import type { Reappearance } from "./bindings/Reappearance";
import type { Suggestion } from "./bindings/Suggestion";
import { suggestionPayload } from "./marking";
import type { TextSpan } from "./selection";

export type InspectorTab = "article" | "claims" | "suggestions";

/** Where on screen a popover or hover card anchors (viewport pixels). */
export type Anchor = { top: number; bottom: number; left: number; right: number };

/** A span of the reader's text about to be marked (the popover is open). */
export type MarkDraft = TextSpan & {
  articleId: string;
  /** The revision the offsets count in; the core refuses them if a newer one arrived. */
  revision: number;
  anchor: Anchor;
  /** The suggestion being edited, when the popover was opened from one. */
  suggestion: Suggestion | null;
  hints: AppearanceHints | null;
  /** Why no hints could be had; the fields then start empty. */
  hintsError: string | null;
  hintsLoading: boolean;
};

/** A span with a dashed outline in the reader: a suggestion or a candidate place. */
export type Preview = { start: number; end: number };

/** How long an Undo stays offered. */
export const UNDO_MS = 10_000;

export class ClaimsState {
  readonly #app: AppState;

  /** The article the lists below belong to. */
  articleId = $state<string | null>(null);
  appearances = $state<AppearanceInfo[]>([]);
  claims = $state<ClaimInfo[]>([]);
  loaded = $state(false);

  suggestions = $state<Suggestion[]>([]);
  suggestionsLoaded = $state(false);
  suggestionsError = $state<string | null>(null);
  /** Tracked claims found again in this article at import, waiting for a person. */
  reappearances = $state<Reappearance[]>([]);

  tab = $state<InspectorTab>("article");
  selectedClaimId = $state<string | null>(null);

  /** The text selected in the reader, which M or the Mark claim button marks. */
  selection = $state<(TextSpan & { anchor: Anchor }) | null>(null);
  draft = $state<MarkDraft | null>(null);
  preview = $state<Preview | null>(null);
  /** The appearance just jumped to, briefly emphasised. */
  flash = $state<string | null>(null);

  persons = $state<PersonInfo[]>([]);

  #seq = 0;
  /** Suggestions are asked for separately: an older answer must not overwrite a newer one. */
  #suggestionsSeq = 0;
  #hintsSeq = 0;
  #flashTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(app: AppState) {
    this.#app = app;
  }

  get selectedClaim(): ClaimInfo | null {
    return this.claims.find((c) => c.id === this.selectedClaimId) ?? null;
  }

  /** Appearances placed on `revision`, which the reader highlights. */
  placedOn(revision: number): AppearanceInfo[] {
    return this.appearances.filter((a) => a.revision === revision);
  }

  /** Appearances a person must look at after a new revision. */
  get needingReview(): AppearanceInfo[] {
    return this.appearances.filter((a) => a.anchor === "needs_review" || a.anchor === "orphaned");
  }

  claimOf(appearance: AppearanceInfo): ClaimInfo | undefined {
    return this.claims.find((c) => c.id === appearance.claim_id);
  }

  // ---- loading ----

  /** Called whenever the reader shows an article (again). */
  articleOpened(articleId: string): void {
    if (this.articleId !== articleId) {
      this.articleId = articleId;
      this.appearances = [];
      this.claims = [];
      this.suggestions = [];
      this.reappearances = [];
      this.loaded = false;
      this.suggestionsLoaded = false;
      this.suggestionsError = null;
      this.selectedClaimId = null;
      this.selection = null;
      this.draft = null;
      this.preview = null;
    }
    void this.refresh();
    void this.refreshSuggestions();
  }

  /** Forgets the article (another workspace was opened). */
  clear(): void {
    this.#seq++;
    this.#suggestionsSeq++;
    this.articleId = null;
    this.appearances = [];
    this.claims = [];
    this.suggestions = [];
    this.reappearances = [];
    this.loaded = false;
    this.selectedClaimId = null;
    this.selection = null;
    this.draft = null;
    this.preview = null;
  }

  async refresh(): Promise<void> {
    const articleId = this.articleId;
    if (articleId === null) return;
    const seq = ++this.#seq;
    try {
      const [appearances, claims] = await Promise.all([
        api.articleAppearances(articleId),
        api.listClaims({ article_id: articleId }),
      ]);
      if (seq !== this.#seq) return;
      this.appearances = appearances;
      this.claims = claims;
      this.loaded = true;
      // Claims were marked, edited or removed: they may have moved between review queues.
      void this.#app.refreshQueues();
      if (this.selectedClaimId !== null && !claims.some((c) => c.id === this.selectedClaimId)) {
        this.selectedClaimId = null;
      }
    } catch (error) {
      if (seq === this.#seq) this.#app.report(error);
    }
  }

  async refreshSuggestions(): Promise<void> {
    const articleId = this.articleId;
    if (articleId === null) return;
    const seq = ++this.#suggestionsSeq;
    const current = () => seq === this.#suggestionsSeq && articleId === this.articleId;
    try {
      const [suggestions, reappearances] = await Promise.all([api.suggestClaims(articleId), api.listReappearances(articleId)]);
      if (!current()) return;
      this.suggestions = suggestions;
      this.reappearances = reappearances;
      this.suggestionsError = null;
    } catch (error) {
      // Shown in the Suggestions tab, not as a toast: marking by hand still works.
      if (current()) this.suggestionsError = api.toApiError(error).message;
    } finally {
      if (current()) this.suggestionsLoaded = true;
    }
  }

  // ---- the inspector ----

  openClaim(id: string): void {
    this.selectedClaimId = id;
    this.tab = "claims";
    this.#app.inspectorOpen = true;
  }

  closeClaim(): void {
    this.selectedClaimId = null;
  }

  /**
   * Opens any claim of the workspace (from search, a storyline or a link):
   * the reader shows an article it appears in (the one `appearanceId` is
   * in, else the open article if it is there, else its first appearance's)
   * with that appearance flashed, and the inspector shows the claim.
   */
  async show(claimId: string, appearanceId: string | null = null): Promise<void> {
    let claim: ClaimInfo;
    try {
      claim = await api.getClaim(claimId);
    } catch (error) {
      this.#app.report(error);
      return;
    }
    const openId = this.#app.article?.id;
    const target =
      claim.appearances.find((a) => a.id === appearanceId) ??
      claim.appearances.find((a) => a.article_id === openId) ??
      claim.appearances[0];
    if (!target) {
      this.#app.report({
        code: "not_found",
        message: `“${claim.statement}” has no appearance in any article, so it cannot be shown beside one. Mark its words in an article (Mark claim › Add to existing) to give it one.`,
      });
      return;
    }
    this.#app.view = { kind: "reader" };
    await this.jumpTo(target);
    this.openClaim(claimId);
  }

  /** Shows an appearance in the reader: its revision, scrolled to and flashed. */
  async jumpTo(appearance: AppearanceInfo): Promise<void> {
    const article = this.#app.article;
    if (!article || article.id !== appearance.article_id) {
      await this.#app.open(appearance.article_id, appearance.revision);
    } else if (article.shown_revision !== appearance.revision) {
      await this.#app.showRevision(appearance.revision);
    }
    this.flash = appearance.id;
    if (this.#flashTimer) clearTimeout(this.#flashTimer);
    this.#flashTimer = setTimeout(() => (this.flash = null), 1600);
  }

  // ---- marking ----

  /** Opens the Mark-claim popover on the reader's selection. */
  markSelection(): boolean {
    const selection = this.selection;
    const article = this.#app.article;
    if (!selection || !article) return false;
    if (article.shown_revision !== article.revision) {
      this.#app.report({
        code: "invalid_input",
        message: `Claims are marked on the latest revision. Switch to revision ${article.revision} and select the text there.`,
      });
      return false;
    }
    this.openDraft({ ...selection, articleId: article.id, revision: article.shown_revision, suggestion: null });
    return true;
  }

  /** Opens the popover prefilled from a suggestion (its Edit button). */
  editSuggestion(s: Suggestion, anchor: Anchor): void {
    const article = this.#app.article;
    if (!article) return;
    this.draft = {
      start: s.start,
      end: s.end,
      exact: s.exact,
      articleId: article.id,
      revision: article.revision,
      anchor,
      suggestion: s,
      hints: s.hints,
      hintsError: null,
      hintsLoading: false,
    };
  }

  openDraft(d: TextSpan & { articleId: string; revision: number; anchor: Anchor; suggestion: null }): void {
    const seq = ++this.#hintsSeq;
    this.draft = { ...d, hints: null, hintsError: null, hintsLoading: true };
    api.appearanceHints(d.articleId, d.start, d.end).then(
      (hints) => {
        if (seq === this.#hintsSeq && this.draft) this.draft = { ...this.draft, hints, hintsLoading: false };
      },
      (error: unknown) => {
        if (seq === this.#hintsSeq && this.draft) {
          this.draft = { ...this.draft, hintsError: api.toApiError(error).message, hintsLoading: false };
        }
      },
    );
  }

  closeDraft(): void {
    this.#hintsSeq++;
    this.draft = null;
  }

  /** Creates a claim with the draft's span as its first appearance; offers Undo. */
  async createClaim(claim: ClaimFields, appearance: AppearanceFields): Promise<ClaimInfo> {
    const created = await api.createClaim(claim, appearance);
    this.afterMark(created, "Claim marked", () => api.deleteClaim(created.id));
    return created;
  }

  /** Adds the draft's span to an existing claim; offers Undo. */
  async addToClaim(claim: ClaimInfo, appearance: AppearanceFields): Promise<ClaimInfo> {
    const before = new Set(claim.appearances.map((a) => a.id));
    const updated = await api.addAppearance(claim.id, appearance);
    const added = updated.appearances.find((a) => !before.has(a.id));
    this.afterMark(updated, "Appearance added", async () => {
      if (added) await api.deleteAppearance(added.id);
    });
    return updated;
  }

  private afterMark(claim: ClaimInfo, message: string, undo: () => Promise<unknown>): void {
    if (this.draft?.suggestion) this.dropSuggestion(this.draft.suggestion);
    this.closeDraft();
    this.selection = null;
    this.selectedClaimId = claim.id;
    if (this.tab === "article") this.tab = "claims";
    void this.refresh();
    // The core leaves marked text out of the suggestions.
    void this.refreshSuggestions();
    void this.refreshPersons();
    this.#app.notify(message, {
      label: "Undo",
      run: async () => {
        try {
          await undo();
        } catch (error) {
          this.#app.report(error);
        }
        await this.refresh();
        void this.refreshSuggestions();
      },
    });
  }

  // ---- suggestions ----

  async acceptSuggestion(s: Suggestion): Promise<void> {
    const articleId = this.articleId;
    const revision = this.#app.article?.revision;
    if (articleId === null || revision === undefined) return;
    const { claim, appearance } = suggestionPayload(articleId, revision, s);
    try {
      const created = await api.createClaim(claim, appearance);
      this.dropSuggestion(s);
      this.afterMark(created, "Claim marked", () => api.deleteClaim(created.id));
    } catch (error) {
      this.#app.report(error);
    }
  }

  /** Makes a tracked claim's candidate place here an appearance of it. */
  async acceptReappearance(r: Reappearance): Promise<void> {
    try {
      const claim = await api.acceptReappearance(r.id);
      this.reappearances = this.reappearances.filter((x) => x.id !== r.id);
      this.preview = null;
      this.selectedClaimId = claim.id;
      this.tab = "claims";
      void this.refresh();
      void this.refreshSuggestions();
      void this.#app.refresh();
      this.#app.notify("Appearance added to the tracked claim", {
        label: "Undo",
        run: async () => {
          const added = claim.appearances.find((a) => a.article_id === r.article_id && a.start === r.start && a.end === r.end);
          try {
            if (added) await api.deleteAppearance(added.id);
          } catch (error) {
            this.#app.report(error);
          }
          await this.refresh();
          void this.refreshSuggestions();
        },
      });
    } catch (error) {
      this.#app.report(error);
    }
  }

  /** "Not the same": the candidate goes for good (Undo offers it again). */
  async dismissReappearance(r: Reappearance): Promise<void> {
    try {
      await api.dismissReappearance(r.id);
      this.reappearances = this.reappearances.filter((x) => x.id !== r.id);
      this.preview = null;
      void this.#app.refresh();
      void this.#app.refreshQueues();
      this.#app.notify("Not the same: it will not be offered again", {
        label: "Undo",
        run: async () => {
          try {
            await api.restoreReappearance(r.article_id, r.claim_id, r.exact);
          } catch (error) {
            this.#app.report(error);
          }
          await this.refreshSuggestions();
          void this.#app.refresh();
          void this.#app.refreshQueues();
        },
      });
    } catch (error) {
      this.#app.report(error);
    }
  }

  async dismissSuggestion(s: Suggestion): Promise<void> {
    const articleId = this.articleId;
    if (articleId === null) return;
    try {
      await api.dismissSuggestion(articleId, s.exact);
      this.dropSuggestion(s);
      this.#app.notify("Suggestion dismissed", {
        label: "Undo",
        run: async () => {
          try {
            await api.restoreSuggestion(articleId, s.exact);
          } catch (error) {
            this.#app.report(error);
          }
          if (articleId === this.articleId) await this.refreshSuggestions();
        },
      });
    } catch (error) {
      this.#app.report(error);
    }
  }

  private dropSuggestion(s: Suggestion): void {
    this.suggestions = this.suggestions.filter((x) => !(x.start === s.start && x.end === s.end && x.exact === s.exact));
    if (this.preview && this.preview.start === s.start && this.preview.end === s.end) this.preview = null;
  }

  // ---- editing (each rejects with an ApiError for the form to show) ----

  async updateClaim(id: string, fields: ClaimFields): Promise<void> {
    await api.updateClaim(id, fields);
    await this.refresh();
    void this.refreshPersons();
  }

  async updateAppearance(id: string, details: AppearanceDetails): Promise<void> {
    await api.updateAppearance(id, details);
    await this.refresh();
  }

  async deleteAppearance(id: string): Promise<void> {
    try {
      await api.deleteAppearance(id);
    } catch (error) {
      this.#app.report(error);
    }
    await this.refresh();
    void this.refreshSuggestions();
  }

  async deleteClaim(id: string): Promise<void> {
    try {
      await api.deleteClaim(id);
      if (this.selectedClaimId === id) this.selectedClaimId = null;
    } catch (error) {
      this.#app.report(error);
    }
    await this.refresh();
    void this.refreshSuggestions();
  }

  /** Accepts a re-anchoring candidate (or any new place) for an appearance. */
  async place(appearance: AppearanceInfo, start: number, end: number): Promise<void> {
    try {
      await api.placeAppearance(appearance.id, start, end);
      this.preview = null;
    } catch (error) {
      this.#app.report(error);
    }
    await this.refresh();
    void this.refreshSuggestions();
  }

  /** Searches all claims of the workspace (Add to existing claim). */
  search(text: string): Promise<ClaimInfo[]> {
    return api.listClaims({ text, limit: 20 });
  }

  // ---- persons ----

  async refreshPersons(): Promise<void> {
    try {
      this.persons = await api.listPersons();
    } catch (error) {
      this.#app.report(error);
    }
  }

  async createPerson(name: string): Promise<void> {
    await api.createPerson(name, []);
    await this.refreshPersons();
  }

  async addAlias(personId: string, alias: string): Promise<void> {
    await api.addAlias(personId, alias);
    await this.refreshPersons();
  }

  async removeAlias(personId: string, alias: string): Promise<void> {
    await api.removeAlias(personId, alias);
    await this.refreshPersons();
  }

  async mergePersons(from: string, into: string): Promise<void> {
    await api.mergePersons(from, into);
    await this.refreshPersons();
    await this.refresh();
  }
}
