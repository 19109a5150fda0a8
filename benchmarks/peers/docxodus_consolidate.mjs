// Docxodus Consolidate (npm `docxodus`, .NET compiled to WebAssembly) on one base and N answers.
//
//   node docxodus_consolidate.mjs NODE_PREFIX OUT.docx BASE.docx AUTHOR=ANSWER.docx ... [--warm]
//
// NODE_PREFIX is the `npm install --prefix` folder holding node_modules/docxodus: the package
// is imported from there by path because ES modules ignore NODE_PATH. Conflicting edits are
// stacked (ConflictResolution.StackAll), the policy closest to Concord's (every agency's version
// kept for the coordinator). Prints one JSON line: initialisation, the first (cold) call and,
// with --warm, a second call in the same process (the WebAssembly code then compiled).
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
const warm = args.includes("--warm");
const [prefix, out, basePath, ...pairs] = args.filter((a) => a !== "--warm");
if (!prefix || !out || !basePath || pairs.length === 0) {
  console.error("usage: NODE_PREFIX OUT.docx BASE.docx AUTHOR=ANSWER.docx ... [--warm]");
  process.exit(2);
}

const core = await import(
  pathToFileURL(join(prefix, "node_modules", "docxodus", "dist", "core.js")).href
);
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

let t0 = process.hrtime.bigint();
await core.initialize();
const initMs = ms(t0);

const base = new Uint8Array(await readFile(basePath));
const reviewers = [];
for (const pair of pairs) {
  const cut = pair.lastIndexOf("=");
  reviewers.push({
    author: pair.slice(0, cut),
    document: new Uint8Array(await readFile(pair.slice(cut + 1))),
  });
}
const settings = { conflictResolution: core.ConflictResolution.StackAll };

t0 = process.hrtime.bigint();
const merged = await core.docxDiffConsolidate(base, reviewers, settings);
const coldMs = ms(t0);
let warmMs = null;
if (warm) {
  t0 = process.hrtime.bigint();
  await core.docxDiffConsolidate(base, reviewers, settings);
  warmMs = ms(t0);
}
await writeFile(out, merged);
console.log(JSON.stringify({ version: core.getVersion(), initMs, coldMs, warmMs }));
