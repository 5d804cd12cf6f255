// The IPC module: command names and argument shapes, and error normalisation.
import { describe, expect, test } from "vitest";
import { mockIPC } from "@tauri-apps/api/mocks";
import * as api from "./api";

function record(answer: (cmd: string) => unknown = () => null) {
  const calls: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    return answer(cmd);
  });
  return calls;
}

describe("commands", () => {
  test("send the names and arguments the shell expects", async () => {
    const calls = record();
    await api.workspaceInfo();
    await api.openWorkspace(true);
    await api.listOutlets();
    await api.getArticle("a1", null);
    await api.revisionDiff("a1", 1, 2);
    await api.importText("text");
    await api.importUrl("https://example.org/");
    await api.importFiles();
    await api.importFolder();
    await api.cancelImport("job-1");
    expect(calls).toEqual([
      ["workspace_info", {}],
      ["open_workspace", { create: true }],
      ["list_outlets", {}],
      ["get_article", { id: "a1", revision: null }],
      ["revision_diff", { id: "a1", from: 1, to: 2 }],
      ["import_text", { text: "text" }],
      ["import_url", { url: "https://example.org/" }],
      ["import_files", {}],
      ["import_folder", {}],
      ["cancel_import", { jobId: "job-1" }],
    ]);
  });
});

describe("claim commands", () => {
  test("send camelCase argument names, as Tauri maps them to the Rust parameters", async () => {
    const calls = record();
    const fields = { statement: "s", claimant: null, condition: null, note: null, tags: [] };
    const appearance = {
      article_id: "a1",
      start: 1,
      end: 2,
      kind: "paraphrase" as const,
      speaker: null,
      stated_at: null,
      venue: null,
      attribution: [],
    };
    const details = { kind: "headline" as const, speaker: null, stated_at: null, venue: null, attribution: [] };
    await api.listClaims({ article_id: "a1", text: "nato" });
    await api.getClaim("c1");
    await api.articleAppearances("a1");
    await api.createClaim(fields, appearance);
    await api.addAppearance("c1", appearance);
    await api.updateClaim("c1", fields);
    await api.updateAppearance("ap1", details);
    await api.deleteAppearance("ap1");
    await api.deleteClaim("c1");
    await api.placeAppearance("ap1", 3, 9);
    await api.suggestClaims("a1");
    await api.appearanceHints("a1", 3, 9);
    await api.dismissSuggestion("a1", "q");
    await api.restoreSuggestion("a1", "q");
    await api.listPersons();
    await api.createPerson("Merz", ["the chancellor"]);
    await api.addAlias("p1", "Zelensky");
    await api.removeAlias("p1", "Zelensky");
    await api.mergePersons("p2", "p1");
    expect(calls).toEqual([
      ["list_claims", { query: { article_id: "a1", text: "nato" } }],
      ["get_claim", { id: "c1" }],
      ["article_appearances", { articleId: "a1" }],
      ["create_claim", { claim: fields, appearance }],
      ["add_appearance", { claimId: "c1", appearance }],
      ["update_claim", { id: "c1", claim: fields }],
      ["update_appearance", { id: "ap1", details }],
      ["delete_appearance", { id: "ap1" }],
      ["delete_claim", { id: "c1" }],
      ["place_appearance", { id: "ap1", start: 3, end: 9 }],
      ["suggest_claims", { articleId: "a1" }],
      ["appearance_hints", { articleId: "a1", start: 3, end: 9 }],
      ["dismiss_suggestion", { articleId: "a1", exact: "q" }],
      ["restore_suggestion", { articleId: "a1", exact: "q" }],
      ["list_persons", {}],
      ["create_person", { name: "Merz", aliases: ["the chancellor"] }],
      ["add_alias", { personId: "p1", alias: "Zelensky" }],
      ["remove_alias", { personId: "p1", alias: "Zelensky" }],
      ["merge_persons", { from: "p2", into: "p1" }],
    ]);
  });
});

describe("errors", () => {
  test("an ApiError from the shell passes through", async () => {
    mockIPC(() => Promise.reject({ code: "not_found", message: "No such article." }));
    await expect(api.getArticle("zz", null)).rejects.toEqual({ code: "not_found", message: "No such article." });
  });

  test.each([
    ["a thrown Error", new Error("boom"), "boom"],
    ["a bare string", "plain failure", "plain failure"],
    ["an unknown code", { code: "weird", message: "odd" }, "[object Object]"],
    ["nothing", undefined, "Something went wrong and the app gave no details."],
  ])("%s becomes an internal ApiError", async (_name, thrown, message) => {
    mockIPC(() => Promise.reject(thrown));
    const error = await api.listOutlets().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "internal" });
    if (message !== "[object Object]") expect(error).toEqual({ code: "internal", message });
  });
});
