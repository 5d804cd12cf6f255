// Imported text comes from strangers: no source file may turn a string into
// markup. This guards the rule for code written later, not only for today's.
import { expect, test } from "vitest";

const sources = import.meta.glob(["/src/**/*.svelte", "/src/**/*.ts", "!/src/**/*.test.ts", "!/src/tests/**"], {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

test("no {@html}, innerHTML, outerHTML, insertAdjacentHTML or document.write in the app", () => {
  expect(Object.keys(sources).length, "the glob finds the app's sources").toBeGreaterThan(10);
  const offenders = Object.entries(sources)
    .filter(([, text]) => /\{@html|innerHTML|outerHTML|insertAdjacentHTML|document\.write/.test(text))
    .map(([path]) => path);
  expect(offenders).toEqual([]);
});

test("only api.ts imports @tauri-apps/api", () => {
  const importers = Object.entries(sources)
    .filter(([, text]) => /from\s+["']@tauri-apps\/api/.test(text))
    .map(([path]) => path);
  expect(importers).toEqual(["/src/lib/api.ts"]);
});
