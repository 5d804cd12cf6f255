// The links of the claim open in the inspector: typed relations to other
// claims, made by picking the other claim through search, removed with an
// Undo that makes the same link again. Part of AppState (`app.links`).

import * as api from "./api";
import type { AppState } from "./app.svelte";
import type { ClaimHit } from "./bindings/ClaimHit";
import type { LinkFields } from "./bindings/LinkFields";
import type { LinkInfo } from "./bindings/LinkInfo";
import type { LinkRelation } from "./bindings/LinkRelation";

/** How many claims the "Link to claim" search offers. */
const PICK_LIMIT = 8;

export class LinksState {
  readonly #app: AppState;

  /** The claim `links` belong to. */
  claimId = $state<string | null>(null);
  links = $state<LinkInfo[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);

  #seq = 0;
  #pickSeq = 0;

  constructor(app: AppState) {
    this.#app = app;
  }

  /** Loads the links of `claimId` (again). */
  async load(claimId: string): Promise<void> {
    if (this.claimId !== claimId) {
      this.claimId = claimId;
      this.links = [];
      this.loaded = false;
      this.error = null;
    }
    const seq = ++this.#seq;
    try {
      const links = await api.listLinks(claimId);
      if (seq !== this.#seq) return;
      this.links = links;
      this.error = null;
    } catch (error) {
      if (seq === this.#seq) this.error = api.toApiError(error).message;
    } finally {
      if (seq === this.#seq) this.loaded = true;
    }
  }

  /**
   * Links the open claim and `otherId`: `outgoing` says the open claim is
   * the `from` side ("this updates that"). Rejects with an ApiError for the form.
   */
  async create(otherId: string, relation: LinkRelation, outgoing: boolean, note: string): Promise<LinkInfo> {
    const claimId = this.claimId;
    if (claimId === null) throw { code: "invalid_input", message: "No claim is open." };
    const fields: LinkFields = {
      from_claim_id: outgoing ? claimId : otherId,
      to_claim_id: outgoing ? otherId : claimId,
      relation,
    };
    if (note.trim() !== "") fields.note = note.trim();
    const created = await api.createLink(fields);
    await this.load(claimId);
    return created;
  }

  /** Removes a link; Undo makes it again with the same relation, direction, note and date. */
  async remove(link: LinkInfo): Promise<void> {
    const claimId = this.claimId;
    try {
      await api.deleteLink(link.id);
    } catch (error) {
      this.#app.report(error);
      return;
    }
    if (claimId !== null) await this.load(claimId);
    this.#app.notify("Link removed", {
      label: "Undo",
      run: async () => {
        const fields: LinkFields = { from_claim_id: link.from_claim_id, to_claim_id: link.to_claim_id, relation: link.relation };
        if (link.note !== null) fields.note = link.note;
        if (link.related_at !== null) fields.related_at = link.related_at;
        try {
          await api.createLink(fields);
        } catch (error) {
          this.#app.report(error);
        }
        if (this.claimId !== null) await this.load(this.claimId);
      },
    });
  }

  /**
   * Claims to link to, for the words typed so far (the search box's claims:
   * stemmed, the last word a prefix). A newer question drops an older answer
   * (`null`); the open claim itself is left out.
   */
  async pick(text: string): Promise<ClaimHit[] | null> {
    const seq = ++this.#pickSeq;
    if (text.trim() === "") return [];
    const results = await api.search({ text: text.trim(), limit: PICK_LIMIT + 1 });
    if (seq !== this.#pickSeq) return null;
    return results.claims.filter((hit) => hit.claim.id !== this.claimId).slice(0, PICK_LIMIT);
  }
}
