#!/usr/bin/env node
/**
 * `meshsim`. In a clone (src/ is there) it loads the TypeScript CLI through tsx, so `npx meshsim` runs the
 * sources as they are after `npm ci`. From a packed tarball (`npm pack` bundles the CLI into
 * dist/meshsim.mjs and ships no src/) it runs the bundle on plain Node: no tsx, no build at install.
 */
import { existsSync } from "node:fs";

const source = new URL("../src/cli/main.ts", import.meta.url);
let main;
if (existsSync(source)) {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import(source.href));
} else {
  ({ main } = await import(new URL("../dist/meshsim.mjs", import.meta.url).href));
}
process.exitCode = await main(process.argv.slice(2));
