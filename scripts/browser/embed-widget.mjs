#!/usr/bin/env node
/**
 * Copies src/http/widget/widget.js into src/http/widget/widget-source.ts as a string, so the Worker
 * serves it byte for byte without a bundler rule and the Node tests can import it too.
 * `--check` only compares, and exits 1 when widget-source.ts is stale (npm run test:browser).
 */
import { readFileSync, writeFileSync } from "node:fs";

const dir = new URL("../../src/http/widget/", import.meta.url);
const source = readFileSync(new URL("widget.js", dir), "utf8");
// A template literal keeps the generated file line-for-line diffable with widget.js; only \ ` and ${ need escaping.
const literal = source.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${");
const out = `// GENERATED from widget.js by scripts/browser/embed-widget.mjs. Do not edit: edit widget.js and rerun
// \`node scripts/browser/embed-widget.mjs\` (npm run test:browser fails while this file is stale).

/** The body of GET /widget.js, byte for byte the same as widget.js. */
export const WIDGET_JS: string = \`${literal}\`;
`;
const target = new URL("widget-source.ts", dir);
let current = "";
try {
  current = readFileSync(target, "utf8");
} catch {
  /* first run */
}
if (process.argv.includes("--check")) {
  if (current !== out) {
    console.error("src/http/widget/widget-source.ts is stale: run `node scripts/browser/embed-widget.mjs`");
    process.exit(1);
  }
} else if (current !== out) {
  writeFileSync(target, out);
  console.log("wrote src/http/widget/widget-source.ts");
}
