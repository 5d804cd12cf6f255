// A fake of the core's review for UI tests: two users (one active), one
// claim's review state with the core's rules for the moves the UI offers
// (and its words when it refuses), evidence, comment threads and History.
import type { ClaimInfo } from "../lib/bindings/ClaimInfo";
import type { CommentInfo } from "../lib/bindings/CommentInfo";
import type { EvidenceInfo } from "../lib/bindings/EvidenceInfo";
import type { HistoryEntry } from "../lib/bindings/HistoryEntry";
import type { ReviewAction } from "../lib/bindings/ReviewAction";
import type { ReviewInfo } from "../lib/bindings/ReviewInfo";
import type { UserInfo } from "../lib/bindings/UserInfo";
import type { VerdictInfo } from "../lib/bindings/VerdictInfo";
import { verdictLabel } from "../lib/labels";
import { workspace } from "./fixtures";

export const reporter: UserInfo = { id: "u1", name: "Reporter", initials: "R", color: "#3b6ea5", active: true };
export const editor: UserInfo = { id: "u2", name: "Dana Okafor", initials: "DO", color: "#b5523b", active: false };

type Args = Record<string, unknown>;

export function verdict(overrides: Partial<VerdictInfo> = {}): VerdictInfo {
  return {
    id: "v1",
    rating: "false",
    rating_label: "False",
    rationale: "He did not say that.\n\nThe transcript shows otherwise.",
    proposed_by: editor,
    proposed_at: "2025-12-15T11:00:00Z",
    approved_by: null,
    approved_at: null,
    ...overrides,
  };
}

export function review(overrides: Partial<ReviewInfo> = {}): ReviewInfo {
  return {
    claim_id: "c1",
    state: "unreviewed",
    state_label: "Unreviewed",
    assignee: null,
    reopen_reason: null,
    verdict: null,
    verdicts: [],
    evidence: [],
    ...overrides,
  };
}

export function comment(overrides: Partial<CommentInfo> = {}): CommentInfo {
  return {
    id: "m1",
    claim_id: "c1",
    parent_id: null,
    author: editor,
    body: "Looks right to me",
    created_at: "2025-12-15T12:00:00Z",
    edited_at: null,
    mentions: [],
    replies: [],
    ...overrides,
  };
}

export function historyEntry(overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    seq: 1,
    id: "e1",
    write_id: "w1",
    actor: reporter,
    at: "2025-12-15T10:00:00Z",
    entity: "claim",
    entity_id: "c1",
    action: "create",
    summary: "marked the claim “Ukraine would drop its NATO bid”",
    before: null,
    after: { statement: "Ukraine would drop its NATO bid" },
    undoes: null,
    ...overrides,
  };
}

const LABELS: Record<string, string> = {
  unreviewed: "Unreviewed",
  in_review: "In review",
  proposed: "Proposed",
  approved: "Approved",
  reopened: "Reopened",
};

/**
 * Handlers for `fakeBackend`: the review of the claims in `claims` (their
 * `review_state` follows), starting from `start`, with `me` active.
 */
export function reviewBackend(opts: { start?: Partial<ReviewInfo>; comments?: CommentInfo[]; history?: HistoryEntry[]; me?: UserInfo; claims?: ClaimInfo[] } = {}) {
  const users = [reporter, editor];
  let me = opts.me ?? reporter;
  let info = review(opts.start);
  let comments = structuredClone(opts.comments ?? []);
  const history = opts.history ?? [];
  let seq = 0;
  const claims = opts.claims ?? [];
  const refuse = (message: string) => {
    throw { code: "invalid_input", message };
  };
  const set = (state: ReviewInfo["state"], extra: Partial<ReviewInfo> = {}) => {
    info = { ...info, state, state_label: LABELS[state], ...extra };
    for (const c of claims) c.review_state = state;
  };
  const byId = (id: string) => users.find((u) => u.id === id || u.name === id)!;
  const workspaceNow = () => ({
    ...workspace,
    user: { ...me, active: true },
    users: users.map((u) => ({ ...u, active: u.id === me.id })),
  });

  const handlers: Record<string, (args: Args) => unknown> = {
    workspace_info: workspaceNow,
    list_users: () => workspaceNow().users,
    switch_user: (a) => {
      me = byId(a.id as string);
      return { ...me, active: true };
    },
    get_review: () => info,
    review_claim: (a) => {
      const action = a.action as ReviewAction;
      switch (action.action) {
        case "assign":
          if (info.state === "proposed" || info.state === "approved") refuse("The claim is approved: reopen it with a reason before assigning it again.");
          set("in_review", { assignee: byId(action.user) });
          break;
        case "propose": {
          if (action.rationale.trim() === "") refuse(`A verdict needs a rationale: say why the claim is rated “${verdictLabel(action.rating)}”.`);
          const v = verdict({ id: `v${++seq}`, rating: action.rating, rating_label: verdictLabel(action.rating), rationale: action.rationale, proposed_by: me });
          set("proposed", { verdict: v, verdicts: [v, ...info.verdicts], assignee: me, reopen_reason: null });
          for (const c of claims) c.verdict = action.rating;
          break;
        }
        case "approve":
          if (info.state !== "proposed") refuse("There is no proposed verdict to approve: a reviewer must first propose a rating with a rationale.");
          if (info.verdict?.proposed_by.id === me.id)
            refuse("You proposed this verdict: a different person must approve it. Switch user, or ask a colleague to review it.");
          {
            const v = { ...info.verdict!, approved_by: me, approved_at: "2025-12-15T13:00:00Z" };
            set("approved", { verdict: v, verdicts: [v, ...info.verdicts.slice(1)] });
          }
          break;
        case "reopen":
          set("reopened", { reopen_reason: action.reason });
          break;
        case "unassign":
          set("unreviewed", { assignee: null });
          break;
      }
      return info;
    },
    add_evidence: (a) => {
      const f = a.fields as { kind: EvidenceInfo["kind"]; target: string; note: string | null };
      const item: EvidenceInfo = {
        id: `ev${++seq}`,
        claim_id: a.claimId as string,
        kind: f.kind,
        article_id: f.kind === "article" ? f.target : null,
        appearance_id: f.kind === "appearance" ? f.target : null,
        url: f.kind === "url" ? f.target : null,
        path: f.kind === "file" ? f.target : null,
        note: f.note,
        title: f.kind === "article" ? "Zelenskyy says Ukraine could drop NATO bid" : null,
        added_by: me,
        added_at: "2025-12-15T12:30:00Z",
      };
      info = { ...info, evidence: [...info.evidence, item] };
      return item;
    },
    remove_evidence: (a) => {
      info = { ...info, evidence: info.evidence.filter((e) => e.id !== a.id) };
      return null;
    },
    list_comments: () => comments,
    add_comment: (a) => {
      const c = comment({ id: `m${++seq}`, parent_id: (a.parentId as string | null) ?? null, author: me, body: a.body as string });
      if (c.parent_id) comments = comments.map((t) => (t.id === c.parent_id ? { ...t, replies: [...t.replies, c] } : t));
      else comments = [...comments, c];
      return c;
    },
    edit_comment: (a) => {
      const edit = (c: CommentInfo): CommentInfo =>
        c.id === a.id ? { ...c, body: a.body as string, edited_at: "2025-12-15T14:00:00Z" } : { ...c, replies: c.replies.map(edit) };
      comments = comments.map(edit);
      return null;
    },
    delete_comment: (a) => {
      comments = comments.filter((c) => c.id !== a.id).map((c) => ({ ...c, replies: c.replies.filter((r) => r.id !== a.id) }));
      return null;
    },
    claim_history: () => history,
  };
  return {
    handlers,
    /** Makes another user active, as the top bar's switcher does in the core. */
    become: (user: UserInfo) => (me = user),
    get info() {
      return info;
    },
    /** Puts the review in another state directly (as a core-side change would). */
    set,
  };
}
