// A fake Claimtrail shell for UI tests: answers IPC commands through Tauri's
// own mock layer, records every call, and lets tests emit shell events.
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import type { ArticleSummary } from "../lib/bindings/ArticleSummary";
import { detail, workspace } from "./fixtures";

type Args = Record<string, unknown>;
type Handler = (args: Args) => unknown;

export type Call = { cmd: string; args: Args };

export function fakeBackend(articles: ArticleSummary[], handlers: Record<string, Handler> = {}) {
  const calls: Call[] = [];
  const defaults: Record<string, Handler> = {
    workspace_info: () => workspace,
    // Not a command: the articles the library holds for a query, which
    // list_articles_page cuts its pages from (a test may answer per query).
    library: () => articles,
    // The library's pages, cut from what `library` answers (a test's own
    // handler for it included, which is recorded too: tests may count library
    // reloads by either name).
    list_articles_page: async (args) => {
      const all = (await answer("library", { query: args.query })) as ArticleSummary[];
      const offset = args.offset as number;
      return { total: all.length, offset, items: all.slice(offset, offset + (args.limit as number)) };
    },
    list_outlets: () => {
      const counts = new Map<string, number>();
      for (const a of articles) if (a.outlet) counts.set(a.outlet, (counts.get(a.outlet) ?? 0) + 1);
      return [...counts].map(([name, n]) => ({ name, articles: n }));
    },
    // Claims: none yet, and nothing to suggest, unless a test says otherwise.
    article_appearances: () => [],
    list_claims: () => [],
    suggest_claims: () => [],
    list_reappearances: () => [],
    list_persons: () => [],
    list_saved_searches: () => [],
    appearance_hints: () => ({
      kind: "paraphrase",
      speaker: null,
      speaker_id: null,
      stated_at: null,
      stated_cue: null,
      venue: null,
      relay: null,
      attribution: [],
    }),
    // People, queues, activity, undo and outlets: one user, nothing waiting, nothing done yet.
    list_users: () => workspace.users,
    queue_counts: () => ({ assigned_to_me: 0, needs_approval: 0, needs_reanchoring: 0, unreviewed: 0, merge_conflicts: 0 }),
    activity: () => [],
    recent_changes: () => [],
    list_outlet_ratings: () => [],
    // Review (issue 5): an unreviewed claim with nothing said about it yet.
    get_review: (args) => ({
      claim_id: args.claimId,
      state: "unreviewed",
      state_label: "Unreviewed",
      assignee: null,
      reopen_reason: null,
      verdict: null,
      verdicts: [],
      evidence: [],
    }),
    list_comments: () => [],
    claim_history: () => [],
    // Exports (issue 6): a small preview of whatever is asked for, no organisation yet.
    export_preview: (args) => {
      const request = args.request as { format: string };
      return {
        content: `preview of ${request.format}`,
        truncated: false,
        claims: 1,
        appearances: 2,
        file_name: `claimtrail.${request.format}`,
        notes: [],
      };
    },
    get_organisation: () => ({ name: null, url: null }),
    // Bundles (issue 6): every dialog cancelled, no conflicts recorded.
    export_bundle: () => null,
    choose_bundle: () => null,
    discard_bundle: () => null,
    merge_conflicts: () => [],
    list_storylines: () => [],
    // The team hub (issue 19): not joined.
    team_status: () => ({ hub: null, signal: null }),
    // The example workspace, and back: the fixture workspace under either name.
    open_example_workspace: () => ({ ...workspace, path: "/home/dana/.local/share/claimtrail/example-workspace.db" }),
    open_start_workspace: () => workspace,
    // The last run ended normally.
    take_crash_report: () => null,
    // Help → About: this version, the fixture workspace, two components.
    about: () => ({
      version: "0.1.0",
      licence: "AGPL-3.0-or-later",
      workspace: workspace.path,
      backups: "/home/dana/.local/share/claimtrail/workspace-backups",
      keys: "/home/dana/.local/share/claimtrail/workspace-keys",
      log_folder: "/home/dana/.local/share/claimtrail/logs",
      components: [
        { name: "tauri", version: "2.12.5", licence: "Apache-2.0 OR MIT", kind: "rust" },
        { name: "svelte", version: "5.57.3", licence: "MIT", kind: "npm" },
      ],
    }),
    get_article: (args) => {
      const found = articles.find((a) => a.id === args.id);
      if (!found) throw { code: "not_found", message: `No article ${String(args.id)}` };
      return detail(found);
    },
    // Corrections (issue 20): the fields given replace the article's, and say so.
    correct_article: (args) => {
      const found = articles.find((a) => a.id === args.id);
      if (!found) throw { code: "not_found", message: `No article ${String(args.id)}` };
      const correction = args.correction as Record<string, string | null | string[]>;
      for (const field of ["title", "byline", "published_at", "dateline", "outlet"] as const) {
        const value = correction[field];
        if (typeof value === "string") {
          (found as Record<string, unknown>)[field] = value === "" ? null : value;
          if (!found.corrected.includes(field)) found.corrected = [...found.corrected, field];
        }
      }
      return found;
    },
  };
  function answer(cmd: string, args: Args): unknown {
    calls.push({ cmd, args });
    const handler = handlers[cmd] ?? defaults[cmd];
    if (!handler) throw { code: "internal", message: `The fake backend has no command ${cmd}` };
    return handler(args);
  }
  mockWindows("main");
  mockIPC((cmd, payload) => answer(cmd, (payload ?? {}) as Args), { shouldMockEvents: true });
  return {
    calls,
    callsTo: (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args),
    lastCallTo: (cmd: string) => calls.filter((c) => c.cmd === cmd).pop()?.args,
    emit: (event: string, payload: unknown) => emit(event, payload),
  };
}
