/**
 * Suite `tp`: transparent-proxy goldens (Kuma's files at the tags their names carry) — the generator's unit-test
 * goldens, the full-pipeline hook-before-pt goldens and e2e config dumps, the k8s API-server bypass hook,
 * and copies of MeshPassthrough plugin goldens.
 */
import { join } from "node:path";
import { planNamedGolden } from "./lib/dispatch.js";
import type { Suite } from "./lib/types.js";

export function tpSuite(root: string, repoRoot: string): Suite {
  return {
    name: "tp",
    dir: "tp",
    title: "transparent proxy (generator, full pipeline, e2e dumps)",
    plan: (file) => planNamedGolden(join(root, "tp", file), file, repoRoot, "tp"),
  };
}
