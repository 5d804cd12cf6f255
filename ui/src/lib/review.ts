// Pure helpers of the review UI: the verdict scale's order, the parts of a
// comment (text and @mentions, found by the core's rule), the "@" being
// typed for the mention picker, and what a history event changed.

import type { HistoryEntry } from "./bindings/HistoryEntry";
import type { Rating } from "./bindings/Rating";
import type { UserInfo } from "./bindings/UserInfo";
import { VERDICTS, reviewLabel, verdictLabel } from "./labels";

/** The ratings in scale order (True … False, then the two off the scale). */
export const RATINGS = VERDICTS as readonly [Rating, string][];

/** The ordered part of the scale (5..0); off-scale ratings answer `null`. */
export function scalePosition(rating: string): number | null {
  const i = RATINGS.findIndex(([r]) => r === rating);
  return i >= 0 && i < 6 ? i : null;
}

/** A rationale as paragraphs: blank lines (or single line breaks) separate them. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n|\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

// ---- mentions ----

export type CommentPart = { text: string; mention: UserInfo | null };

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/**
 * The user an "@" at `at` mentions, and how many chars after the "@" name
 * them: the core's rule (src/comments.rs `mentioned`), a name (the longest
 * that fits, any case) or the initials, not preceded or followed by a letter
 * or digit.
 */
function mentionAt(body: string, at: number, byLength: UserInfo[]): { user: UserInfo; length: number } | null {
  if (isWordChar(body[at - 1])) return null; // an e-mail address
  const rest = body.slice(at + 1).toLowerCase();
  for (const user of byLength) {
    for (const key of [user.name.toLowerCase(), user.initials.toLowerCase()]) {
      if (key !== "" && rest.startsWith(key) && !isWordChar(rest[key.length])) return { user, length: key.length };
    }
  }
  return null;
}

/** Splits a comment into plain text and mentions, to render as text and spans. */
export function mentionParts(body: string, users: readonly UserInfo[]): CommentPart[] {
  const byLength = [...users].sort((a, b) => [...b.name].length - [...a.name].length);
  const parts: CommentPart[] = [];
  let from = 0;
  for (let at = body.indexOf("@"); at >= 0; at = body.indexOf("@", at + 1)) {
    const hit = mentionAt(body, at, byLength);
    if (!hit) continue;
    if (at > from) parts.push({ text: body.slice(from, at), mention: null });
    const end = at + 1 + hit.length;
    parts.push({ text: body.slice(at, end), mention: hit.user });
    from = end;
    at = end - 1;
  }
  if (from < body.length) parts.push({ text: body.slice(from), mention: null });
  return parts;
}

/** The "@word" being typed just before the caret, for the mention picker. */
export function typedMention(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at < 0 || isWordChar(before[at - 1])) return null;
  const query = before.slice(at + 1);
  // A name has at most one space in it while typing ("@Dana Ok"); a line break ends it.
  if (/\n/.test(query) || (query.match(/\s/g) ?? []).length > 1 || query.length > 40) return null;
  return { start: at, query };
}

/** Users whose name (any word of it) or initials start with `query`. */
export function mentionCandidates(query: string, users: readonly UserInfo[]): UserInfo[] {
  const q = query.toLowerCase().trim();
  return users.filter(
    (u) =>
      q === "" ||
      u.name.toLowerCase().startsWith(q) ||
      u.name.toLowerCase().split(/\s+/).some((w) => w.startsWith(q)) ||
      u.initials.toLowerCase().startsWith(q),
  );
}

/** Puts "@Name " in place of the "@query" being typed; answers the text and the caret. */
export function insertMention(text: string, start: number, caret: number, user: UserInfo): { text: string; caret: number } {
  const inserted = `@${user.name} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret).replace(/^ /, ""), caret: start + inserted.length };
}

// ---- history ----

/** Events of one change (the same write), shown as one entry. */
export type HistoryGroup = { key: string; entries: HistoryEntry[]; undo: "undo" | "redo" | null };

/** Groups consecutive events that share a `write_id`. */
export function groupHistory(entries: readonly HistoryEntry[]): HistoryGroup[] {
  const groups: HistoryGroup[] = [];
  for (const entry of entries) {
    const last = groups[groups.length - 1];
    if (last && entry.write_id !== null && last.entries[0].write_id === entry.write_id) {
      last.entries.push(entry);
    } else {
      groups.push({ key: entry.id, entries: [entry], undo: null });
    }
  }
  for (const g of groups) {
    // The claim's own event says best what the change was ("proposed the verdict False").
    g.entries.sort((a, b) => Number(b.entity === "claim") - Number(a.entity === "claim"));
    const action = g.entries[0].action;
    g.undo = action.startsWith("undo_") ? "undo" : action.startsWith("redo_") ? "redo" : null;
  }
  return groups;
}

export type FieldChange = { field: string; before: string; after: string };

/** Fields that only tie rows together, not worth showing a person. */
const HIDDEN = new Set(["id", "claim_id", "write_id", "seq", "created_at", "updated_at", "added_at", "created_by", "added_by"]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function shown(value: unknown, users: readonly UserInfo[], key = ""): string {
  if (typeof value === "string" && key === "rating") return verdictLabel(value);
  if (typeof value === "string" && (key === "review_state" || key === "state")) return reviewLabel(value);
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return users.find((u) => u.id === value)?.name ?? value;
  if (Array.isArray(value)) return value.length === 0 ? "—" : value.map((v) => shown(v, users)).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The fields an event changed, before → after, as text (ids of users as their names). */
export function fieldChanges(before: unknown, after: unknown, users: readonly UserInfo[] = []): FieldChange[] {
  const b = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !HIDDEN.has(k));
  return keys
    .filter((k) => !k.endsWith("_at"))
    .map((k) => ({ field: k.replace(/_id$/, "").replace(/_/g, " "), before: shown(b[k], users, k), after: shown(a[k], users, k) }))
    // Ids nobody reads (a verdict's, an article's) are left out; users' ids read as names.
    .filter((c) => c.before !== c.after && !UUID.test(c.before) && !UUID.test(c.after));
}
