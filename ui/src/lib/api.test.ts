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
    await api.listArticles({ sort: "imported", text: "kyiv" });
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
      ["list_articles", { query: { sort: "imported", text: "kyiv" } }],
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
