// "Find everywhere": where else a claim's words appear and which claims may
// be the same, shown in the middle pane (`app.view.kind === "find"`). Nothing
// is added or linked by itself: each hit becomes an appearance, and each
// related claim a link, only when a person says so, and each can be undone.
// Part of AppState (`app.find`); like it, it calls `api`.

import * as api from "./api";
import type { AppState } from "./app.svelte";
import type { AppearanceFields } from "./bindings/AppearanceFields";
import type { LinkRelation } from "./bindings/LinkRelation";
import type { MatchHit } from "./bindings/MatchHit";
import type { MatchKind } from "./bindings/MatchKind";
import type { Matches } from "./bindings/Matches";
import type { MatchScope } from "./bindings/MatchScope";
import type { RelatedClaim } from "./bindings/RelatedClaim";
import { truncate } from "./marking";

/** What was searched for, as the panel names it. */
export type FindSubject = {
  scope: MatchScope;
  /** The claim related claims are linked to (none for a storyline: each hit names its own claim). */
  claimId: string | null;
  /** "Ukraine would drop its NATO bid…", or the wording of one appearance. */
  label: string;
};

/** The hits of one article, in the order the core ranked them. */
export type HitGroup = { articleId: string; title: string; outlet: string | null; publishedAt: string | null; hits: MatchHit[] };

/** One hit's identity: the same article span is the same hit. */
// The core cuts the context either side of a hit at 60 characters
// (shorter only at the start or end of the text): start and end a cut one
// on whole words, with an ellipsis where it was cut.
const CONTEXT = 60;
const wasCut = (text: string) => [...text].length >= CONTEXT;

/** The text before a hit, from a whole word, "…" where it was cut. */
export function contextBefore(text: string): string {
  if (!wasCut(text)) return text;
  const cut = text.search(/\s/);
  return cut >= 0 && cut < text.length - 1 ? `…${text.slice(cut).trimStart()}` : `…${text}`;
}

/** The text after a hit, to a whole word, "…" where it was cut. */
export function contextAfter(text: string): string {
  if (!wasCut(text)) return text;
  const cut = text.search(/\s\S*$/);
  return cut > 0 ? `${text.slice(0, cut)}…` : `${text}…`;
}

export function hitKey(hit: Pick<MatchHit, "article_id" | "start" | "end">): string {
  return `${hit.article_id}:${hit.start}:${hit.end}`;
}

/** The fields `add_appearance` takes for a hit: its span, and what the text around it says. */
export function hitFields(hit: MatchHit): AppearanceFields {
  return {
    article_id: hit.article_id,
    revision: hit.revision,
    start: hit.start,
    end: hit.end,
    kind: hit.hints.kind,
    speaker: hit.hints.speaker,
    stated_at: hit.hints.stated_at,
    venue: hit.hints.venue,
    attribution: hit.hints.attribution,
  };
}

export function groupHits(hits: readonly MatchHit[]): HitGroup[] {
  const groups = new Map<string, HitGroup>();
  for (const hit of hits) {
    let group = groups.get(hit.article_id);
    if (!group) {
      group = { articleId: hit.article_id, title: hit.article_title, outlet: hit.outlet, publishedAt: hit.published_at, hits: [] };
      groups.set(hit.article_id, group);
    }
    group.hits.push(hit);
  }
  return [...groups.values()];
}

/** Whether the words were found, not only the meaning. */
export function isWords(kind: MatchKind): boolean {
  return kind === "verbatim" || kind === "near" || kind === "partial";
}

/** How hits matched, in the order Find everywhere lists them. */
export const MATCH_ORDER: readonly MatchKind[] = ["verbatim", "near", "partial", "paraphrase", "translation"];

/** The hits of each kind (in `MATCH_ORDER`, kinds without hits left out), each grouped by article. */
export function sectionHits(hits: readonly MatchHit[]): { kind: MatchKind; groups: HitGroup[]; count: number }[] {
  return MATCH_ORDER.map((kind) => {
    const of = hits.filter((h) => h.match === kind);
    return { kind, groups: groupHits(of), count: of.length };
  }).filter((s) => s.count > 0);
}

/** The relations a person can pick when linking a related claim, the likeliest first. */
export const RELATIONS: readonly [LinkRelation, string][] = [
  ["same_as", "Same claim restated"],
  ["supports", "Supports"],
  ["contradicts", "Contradicts"],
  ["updates", "Updates / supersedes"],
  ["retracts", "Retracts"],
  ["clarifies", "Clarifies"],
  ["responds_to", "Responds to"],
];

export class FindState {
  readonly #app: AppState;

  subject = $state<FindSubject | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  matches = $state<Matches | null>(null);
  /** Appearance id of each hit added here (by `hitKey`), for Undo. */
  added = $state<Record<string, string>>({});
  /** Hits being added or undone right now. */
  busy = $state<Record<string, boolean>>({});
  /** "Add all" running: how many are done of how many. */
  addingAll = $state<{ done: number; total: number } | null>(null);
  /** Links made here (by other claim id): the relation and the link's id, for Undo. */
  linked = $state<Record<string, { relation: LinkRelation; linkId: string }>>({});

  #seq = 0;

  constructor(app: AppState) {
    this.#app = app;
  }

  get groups(): HitGroup[] {
    return groupHits(this.matches?.hits ?? []);
  }

  /** The hits by how they matched, each kind grouped by article. */
  get sections(): { kind: MatchKind; groups: HitGroup[]; count: number }[] {
    return sectionHits(this.matches?.hits ?? []);
  }

  /** Word matches not yet added, which "Add all" would add (a statement of the same meaning waits for a person to read it). */
  get pending(): MatchHit[] {
    return (this.matches?.hits ?? []).filter((h) => isWords(h.match) && !(hitKey(h) in this.added));
  }

  /** Shows the panel and asks the core; a newer search makes an older answer moot. */
  async run(subject: FindSubject): Promise<void> {
    const seq = ++this.#seq;
    this.subject = subject;
    this.matches = null;
    this.error = null;
    this.added = {};
    this.linked = {};
    this.busy = {};
    this.addingAll = null;
    this.loading = true;
    this.#app.view = { kind: "find" };
    try {
      const matches = await api.findMatches(subject.scope);
      if (seq === this.#seq) this.matches = matches;
    } catch (error) {
      if (seq === this.#seq) this.error = api.toApiError(error).message;
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }

  /** Runs the same search again (after an error). */
  retry(): void {
    if (this.subject) void this.run(this.subject);
  }

  close(): void {
    this.#seq++;
    this.loading = false;
    if (this.#app.view.kind === "find") this.#app.view = { kind: "reader" };
  }

  /** Makes the hit an appearance of its claim; answers whether it was added. */
  async add(hit: MatchHit, notify = true): Promise<boolean> {
    const key = hitKey(hit);
    if (key in this.added || this.busy[key]) return false;
    this.busy[key] = true;
    try {
      const claim = await api.addAppearance(hit.claim_id, hitFields(hit));
      // The new appearance is the one on the hit's span (or, should the core
      // have adjusted the span, the one overlapping it in that article).
      const inArticle = claim.appearances.filter((a) => a.article_id === hit.article_id);
      const appearance =
        inArticle.find((a) => a.start === hit.start && a.end === hit.end) ?? inArticle.find((a) => a.start < hit.end && hit.start < a.end);
      if (appearance) this.added[key] = appearance.id;
      if (notify) {
        this.#app.notify(`Added as an appearance in “${truncate(hit.article_title, 60)}”`, {
          label: "Undo",
          run: () => this.undo(hit),
        });
      }
      return true;
    } catch (error) {
      this.#app.report(error);
      return false;
    } finally {
      delete this.busy[key];
      void this.#app.claims.refresh();
    }
  }

  /** Adds every hit not added yet, one after the other, with progress; one Undo for all. */
  async addAll(): Promise<void> {
    const hits = this.pending;
    if (hits.length === 0 || this.addingAll) return;
    this.addingAll = { done: 0, total: hits.length };
    const done: MatchHit[] = [];
    for (const hit of hits) {
      if (await this.add(hit, false)) done.push(hit);
      if (this.addingAll) this.addingAll.done++;
    }
    this.addingAll = null;
    if (done.length > 0) {
      this.#app.notify(done.length === 1 ? "1 appearance added" : `${done.length} appearances added`, {
        label: "Undo",
        run: async () => {
          for (const hit of done) await this.undo(hit);
        },
      });
    }
  }

  /** Deletes the appearance a hit became. */
  async undo(hit: MatchHit): Promise<void> {
    const key = hitKey(hit);
    const id = this.added[key];
    if (!id) return;
    this.busy[key] = true;
    try {
      await api.deleteAppearance(id);
      delete this.added[key];
    } catch (error) {
      this.#app.report(error);
    } finally {
      delete this.busy[key];
      void this.#app.claims.refresh();
    }
  }

  /** Links the searched claim to a related one, as `relation` says; offers Undo. */
  async link(related: RelatedClaim, relation: LinkRelation): Promise<void> {
    // For a storyline, the link is made from the claim it resembles most.
    const from = this.subject?.claimId ?? related.related_to;
    if (!from) return;
    try {
      const link = await api.createLink({ from_claim_id: from, to_claim_id: related.claim_id, relation });
      this.linked[related.claim_id] = { relation, linkId: link.id };
      this.#refreshLinks();
      this.#app.notify(`Linked to “${truncate(related.claim.statement, 60)}”`, {
        label: "Undo",
        run: () => this.unlink(related),
      });
    } catch (error) {
      this.#app.report(error);
    }
  }

  async unlink(related: RelatedClaim): Promise<void> {
    const made = this.linked[related.claim_id];
    if (!made) return;
    try {
      await api.deleteLink(made.linkId);
      delete this.linked[related.claim_id];
      this.#refreshLinks();
    } catch (error) {
      this.#app.report(error);
    }
  }

  /** The inspector's Links section shows the new link if it shows that claim. */
  #refreshLinks(): void {
    const from = this.subject?.claimId;
    if (from && this.#app.links.claimId === from) void this.#app.links.load(from);
  }

  /** Opens a related claim beside an article it appears in. */
  open(claimId: string): Promise<void> {
    return this.#app.claims.show(claimId);
  }
}
