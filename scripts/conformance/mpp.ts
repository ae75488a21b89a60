/**
 * Suite `mpp`: Kuma goldens collected for MeshProxyPatch — the baseline passthrough resources a
 * MeshProxyPatch starts from (transparent-proxy generator goldens @ v2.9.13 and v2.14.3), MeshPassthrough
 * plugin goldens, and HEAD-only MeshProxyPatch plugin/e2e goldens (skipped).
 */
import { join } from "node:path";
import { planNamedGolden } from "./lib/dispatch.js";
import type { Suite } from "./lib/types.js";

export function mppSuite(root: string, repoRoot: string): Suite {
  return {
    name: "mpp",
    dir: "mpp",
    title: "MeshProxyPatch baselines",
    plan: (file) => planNamedGolden(join(root, "mpp", file), file, repoRoot, "mpp"),
  };
}
