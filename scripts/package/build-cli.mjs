/**
 * `npm pack`'s prepack step: bundles the CLI (src/cli/main.ts and everything it imports, the runtime
 * dependencies included) into one ES module, dist/meshsim.mjs, so an installed tarball runs on plain Node
 * without tsx (a devDependency) and without resolving any package at run time.
 */
import { build } from "esbuild";

await build({
  entryPoints: ["src/cli/main.ts"],
  outfile: "dist/meshsim.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  legalComments: "inline",
  // CommonJS parts of the dependencies (yaml's) call require() for Node built-ins; an ES module has none.
  banner: { js: 'import { createRequire as __meshsimRequire } from "node:module"; const require = __meshsimRequire(import.meta.url);' },
  logLevel: "warning",
});
