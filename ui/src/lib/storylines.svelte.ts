// Storylines: named, ordered groups of claims. The list, the storyline open
// in the middle pane, and the changes to both, each removal with an Undo.
// Part of AppState (`app.storylines`).

import * as api from "./api";
import type { AppState } from "./app.svelte";
import type { StorylineDetail } from "./bindings/StorylineDetail";
import type { StorylineInfo } from "./bindings/StorylineInfo";
import { truncate } from "./marking";

export class StorylinesState {
  readonly #app: AppState;

  list = $state<StorylineInfo[]>([]);
  /** Whether the list has been answered at least once. */
  loaded = $state(false);
  /** Why the list could not be had, until it can. */
  listError = $state<string | null>(null);
  /** The storyline open in the middle pane, once loaded. */
  detail = $state<StorylineDetail | null>(null);
  detailLoading = $state(false);

  #listSeq = 0;
  #detailSeq = 0;

  constructor(app: AppState) {
    this.#app = app;
  }

  /** The id of the storyline the middle pane shows, if any. */
  get openId(): string | null {
    const view = this.#app.view;
    return view.kind === "storylines" ? view.id : null;
  }

  /** The storylines `claimId` belongs to, in list order. */
  of(claimId: string): StorylineInfo[] {
    return this.list.filter((s) => s.claim_ids.includes(claimId));
  }

  async refresh(): Promise<void> {
    const seq = ++this.#listSeq;
    try {
      const list = await api.listStorylines();
      if (seq !== this.#listSeq) return;
      this.list = list;
      this.listError = null;
    } catch (error) {
      if (seq === this.#listSeq) this.listError = this.#app.report(error).message;
    } finally {
      if (seq === this.#listSeq) this.loaded = true;
    }
  }

  /** Shows the list of storylines in the middle pane. */
  showList(): void {
    this.#app.view = { kind: "storylines", id: null };
    void this.refresh();
  }

  /** Shows one storyline's page in the middle pane. */
  async open(id: string): Promise<void> {
    this.#app.view = { kind: "storylines", id };
    if (this.detail?.id !== id) this.detail = null;
    await this.load(id);
  }

  async load(id: string): Promise<void> {
    const seq = ++this.#detailSeq;
    this.detailLoading = true;
    try {
      const detail = await api.getStoryline(id);
      if (seq === this.#detailSeq) this.detail = detail;
    } catch (error) {
      if (seq === this.#detailSeq) {
        this.#app.report(error);
        if (this.openId === id) this.#app.view = { kind: "storylines", id: null };
      }
    } finally {
      if (seq === this.#detailSeq) this.detailLoading = false;
    }
  }

  /** Takes a changed storyline the core answered with. */
  #applied(detail: StorylineDetail): void {
    if (this.openId === detail.id || this.detail?.id === detail.id) {
      this.#detailSeq++;
      this.detail = detail;
      this.detailLoading = false;
    }
    const info: StorylineInfo = {
      id: detail.id,
      name: detail.name,
      description: detail.description,
      claim_ids: detail.claim_ids,
      created_at: detail.created_at,
    };
    const i = this.list.findIndex((s) => s.id === detail.id);
    if (i === -1) this.list = [...this.list, info];
    else this.list[i] = info;
  }

  // ---- changes; create and rename reject with an ApiError for their forms ----

  async create(name: string, description: string | null): Promise<StorylineInfo> {
    const created = await api.createStoryline(name.trim(), blankToNull(description));
    await this.refresh();
    return created;
  }

  async rename(id: string, name: string, description: string | null): Promise<void> {
    await api.updateStoryline(id, name.trim(), blankToNull(description));
    await this.refresh();
    if (this.detail?.id === id) await this.load(id);
  }

  /** Asks, deletes, and offers Undo (the same name, description and claims, in order). */
  remove(storyline: StorylineInfo): void {
    const n = storyline.claim_ids.length;
    this.#app.confirm({
      title: "Delete this storyline?",
      message: `“${truncate(storyline.name, 80)}” will be deleted. Its ${n === 1 ? "claim stays" : `${n} claims stay`} in the workspace.`,
      confirmLabel: "Delete storyline",
      run: async () => {
        try {
          await api.deleteStoryline(storyline.id);
        } catch (error) {
          this.#app.report(error);
          return;
        }
        if (this.openId === storyline.id) this.#app.view = { kind: "storylines", id: null };
        if (this.detail?.id === storyline.id) this.detail = null;
        await this.refresh();
        this.#app.notify("Storyline deleted", { label: "Undo", run: () => this.#recreate(storyline) });
      },
    });
  }

  async #recreate(storyline: StorylineInfo): Promise<void> {
    try {
      const again = await api.createStoryline(storyline.name, storyline.description);
      let detail: StorylineDetail | null = null;
      for (const claimId of storyline.claim_ids) detail = await api.addToStoryline(again.id, claimId);
      if (detail) this.#applied(detail);
      await this.refresh();
      if (this.#app.view.kind === "storylines" && this.openId === null) await this.open(again.id);
    } catch (error) {
      this.#app.report(error);
      await this.refresh();
    }
  }

  async addClaim(storylineId: string, claimId: string): Promise<boolean> {
    try {
      this.#applied(await api.addToStoryline(storylineId, claimId));
      return true;
    } catch (error) {
      this.#app.report(error);
      return false;
    }
  }

  /** Takes a claim out of a storyline; Undo puts it back in its place. */
  async removeClaim(storylineId: string, claimId: string): Promise<void> {
    const before = this.list.find((s) => s.id === storylineId)?.claim_ids ?? this.detail?.claim_ids ?? [];
    try {
      this.#applied(await api.removeFromStoryline(storylineId, claimId));
    } catch (error) {
      this.#app.report(error);
      return;
    }
    this.#app.notify("Claim removed from the storyline", {
      label: "Undo",
      run: async () => {
        try {
          const back = await api.addToStoryline(storylineId, claimId);
          // Back in its old place, unless the storyline changed meanwhile.
          const order = before.filter((id) => back.claim_ids.includes(id));
          const rest = back.claim_ids.filter((id) => !order.includes(id));
          const wanted = [...order, ...rest];
          this.#applied(
            wanted.join() === back.claim_ids.join() ? back : await api.reorderStoryline(storylineId, wanted),
          );
        } catch (error) {
          this.#app.report(error);
        }
      },
    });
  }

  /** Moves a claim `delta` places up (negative) or down in its storyline. */
  async move(storylineId: string, claimId: string, delta: number): Promise<void> {
    const ids = this.detail?.id === storylineId ? this.detail.claim_ids : this.list.find((s) => s.id === storylineId)?.claim_ids;
    if (!ids) return;
    const from = ids.indexOf(claimId);
    const to = from + delta;
    if (from === -1 || to < 0 || to >= ids.length) return;
    const order = [...ids];
    order.splice(from, 1);
    order.splice(to, 0, claimId);
    // Shown at once; the core's answer (or a reload on failure) settles it.
    if (this.detail?.id === storylineId) {
      const claims = [...this.detail.claims];
      const [moved] = claims.splice(from, 1);
      claims.splice(to, 0, moved);
      this.detail = { ...this.detail, claim_ids: order, claims };
    }
    try {
      this.#applied(await api.reorderStoryline(storylineId, order));
    } catch (error) {
      this.#app.report(error);
      await this.load(storylineId);
    }
  }

  /** Forgets everything (another workspace was opened). */
  reset(): void {
    this.#listSeq++;
    this.#detailSeq++;
    this.list = [];
    this.loaded = false;
    this.listError = null;
    this.detail = null;
    this.detailLoading = false;
  }
}

function blankToNull(text: string | null): string | null {
  return text === null || text.trim() === "" ? null : text.trim();
}
