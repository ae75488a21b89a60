/**
 * Node loader hooks for `import text from "./file?raw"` (the file's contents as a string), the
 * convention src/http/widget/index.ts uses to serve widget.js. Vite (both vitest projects) and
 * wrangler (the Text rule in wrangler.toml) already understand it; plain Node does not, so scripts
 * that load the app under tsx (npm run bench) start with `--import ./scripts/raw-import.mjs`.
 */
import { readFile } from "node:fs/promises";
import { register } from "node:module";
import { isMainThread } from "node:worker_threads";

// This file is both the `--import` entry (main thread: registers itself) and the hooks module
// (loaded again by Node in its hooks thread).
if (isMainThread) register(import.meta.url);

/** Loads `file:…?raw` URLs as a module whose default export is the file's text. */
export async function load(url, context, nextLoad) {
  const parsed = new URL(url);
  if (parsed.protocol !== "file:" || parsed.search !== "?raw") return nextLoad(url, context);
  parsed.search = "";
  const text = await readFile(parsed, "utf8");
  return { format: "module", source: `export default ${JSON.stringify(text)};`, shortCircuit: true };
}
