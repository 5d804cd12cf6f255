// What the reader shows of an article: its paragraphs and the revision in view.

import type { ArticleDetail } from "./bindings/ArticleDetail";
import type { RevisionInfo } from "./bindings/RevisionInfo";

/** The paragraphs of a normalised body, which separates them with a blank line. */
export function paragraphs(body: string): string[] {
  return body
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** The revisions of an article, oldest first. */
export function sortedRevisions(article: ArticleDetail): RevisionInfo[] {
  return [...article.revisions].sort((a, b) => a.number - b.number);
}

export function shownRevision(article: ArticleDetail): RevisionInfo | undefined {
  return article.revisions.find((r) => r.number === article.shown_revision);
}

/** The revision before the one shown, which "Show changes" compares against. */
export function previousRevision(article: ArticleDetail): RevisionInfo | undefined {
  const revisions = sortedRevisions(article);
  const index = revisions.findIndex((r) => r.number === article.shown_revision);
  return index > 0 ? revisions[index - 1] : undefined;
}

export function latestRevisionNumber(article: ArticleDetail): number {
  return article.revisions.reduce((max, r) => Math.max(max, r.number), article.revision);
}

/** The last component of a file path or URL path, for compact display. */
export function baseName(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, "");
  const name = trimmed.split(/[\\/]/).pop();
  return name && name.length > 0 ? name : path;
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
