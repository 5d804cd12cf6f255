// Wording for what happened to imported inputs, shared by the paste and URL
// dialogs and the batch results panel.

import type { ImportOutcome } from "./bindings/ImportOutcome";
import type { ImportStatus } from "./bindings/ImportStatus";
import { plural } from "./article";

export const STATUS_LABEL: Record<ImportStatus, string> = {
  imported: "Imported",
  duplicate: "Duplicate",
  revised: "New revision",
  rejected: "Rejected",
};

/** "12 imported, 2 duplicates, 1 new revision, 1 rejected" (zero counts left out). */
export function countsText(outcomes: readonly ImportOutcome[]): string {
  const count = (status: ImportStatus) => outcomes.filter((o) => o.status === status).length;
  const parts = [
    count("imported") > 0 ? `${count("imported")} imported` : "",
    count("duplicate") > 0 ? plural(count("duplicate"), "duplicate", "duplicates") : "",
    count("revised") > 0 ? plural(count("revised"), "new revision", "new revisions") : "",
    count("rejected") > 0 ? `${count("rejected")} rejected` : "",
  ].filter((p) => p !== "");
  return parts.length > 0 ? parts.join(", ") : "Nothing imported";
}

/** "3 tracked claims reappear here". */
export function reappearingText(n: number): string {
  return n === 1 ? "1 tracked claim reappears here" : `${n} tracked claims reappear here`;
}

/** One sentence for the outcome of importing a single text or URL. */
export function outcomeSentence(outcome: ImportOutcome): string {
  const title = outcome.article?.title;
  switch (outcome.status) {
    case "imported":
      return title ? `Imported “${title}”.` : "Imported.";
    case "duplicate":
      return title ? `Already in the library: duplicate of “${title}”.` : "Already in the library.";
    case "revised":
      return title
        ? `Saved as revision ${outcome.article!.revision} of “${title}”; the earlier text is kept.`
        : "Saved as a new revision; the earlier text is kept.";
    case "rejected":
      return `Not imported: ${outcome.reason ?? "no reason was given."}`;
  }
}
