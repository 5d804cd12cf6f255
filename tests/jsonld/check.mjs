// Expands Claimtrail's JSON-LD exports with jsonld.js (ui/node_modules) in
// safe mode: a term no context defines, or any other loss in expansion,
// is an error. Contexts are never fetched: the schema.org and Web
// Annotation contexts are served from the files beside this script (see
// README.md here). Prints the expanded document; tests/export.rs checks
// the properties in it.
//
//   node tests/jsonld/check.mjs FILE

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(new URL("../../ui/package.json", import.meta.url));
const jsonld = require("jsonld");

const here = (name) => JSON.parse(readFileSync(new URL(name, import.meta.url), "utf8"));
const contexts = new Map([
  ["https://schema.org", "schema.org.jsonld"],
  ["https://schema.org/", "schema.org.jsonld"],
  ["http://schema.org", "schema.org.jsonld"],
  ["http://schema.org/", "schema.org.jsonld"],
  ["http://www.w3.org/ns/anno.jsonld", "anno.jsonld"],
]);

async function documentLoader(url) {
  const file = contexts.get(url);
  if (!file) throw new Error(`refusing to fetch ${url}: only vendored contexts are known`);
  return { contextUrl: null, documentUrl: url, document: here(file) };
}

const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
try {
  const expanded = await jsonld.expand(input, { documentLoader, safe: true });
  process.stdout.write(JSON.stringify(expanded));
} catch (error) {
  console.error(`not valid JSON-LD: ${error.message}`);
  if (error.details) console.error(JSON.stringify(error.details, null, 2).slice(0, 2000));
  process.exit(1);
}
