/**
 * Kuma's Kubernetes API-server bypass hook unit test (`pkg/plugins/bootstrap/k8s/xds/hooks/
 * api_server_bypass_test.go`, goldens `testdata/api-server-bypass{,-unified-naming}.yaml`): the hook
 * `NewApiServerBypass("1.1.1.1", 9090)` applied to an empty resource set, for a Mesh with
 * `networking.outbound.passthrough: false` (plus `meshServices: Exclusive` and a Dataplane advertising
 * feature-unified-resource-naming in the unified case) and an empty Dataplane. meshsim's equivalent is
 * `addApiServerBypass()` (src/core/generate/api-server-bypass.ts) on an empty set, with the naming scheme
 * meshsim derives from the same Dataplane and Mesh. When the hook runs (Kubernetes zone, Mesh flag
 * false) is decided in simulate(), which this unit golden does not exercise.
 */
import { addApiServerBypass } from "../../../src/core/generate/api-server-bypass.js";
import { namingScheme } from "../../../src/core/model/transparent-proxy.js";
import { features, type KumaMinor } from "../../../src/core/model/versions.js";
import { readDeltaYaml } from "../lib/golden.js";
import { dataplane, mesh, resourceSetEntries } from "../lib/meshsim.js";
import type { Plan } from "../lib/types.js";

/** meshsim requires `networking.address`; the test's Dataplane is empty and the hook does not read it. */
const PLACEHOLDER_ADDRESS = "192.0.2.1";

const CASES: Readonly<Record<string, { readonly title: string; readonly mesh: Record<string, unknown>; readonly features: readonly string[] }>> = {
  "api-server-bypass.yaml": {
    title: "Mesh passthrough false, legacy names",
    mesh: { networking: { outbound: { passthrough: false } } },
    features: [],
  },
  "api-server-bypass-unified-naming.yaml": {
    title: "Mesh passthrough false + meshServices Exclusive, DP feature-unified-resource-naming",
    mesh: { networking: { outbound: { passthrough: false } }, meshServices: { mode: "Exclusive" } },
    features: ["feature-unified-resource-naming"],
  },
};

/** `rest` after `<version>__k8s-hooks__`. */
export function apiServerBypassPlan(abs: string, minor: KumaMinor, rest: string): Plan {
  const c = CASES[rest];
  if (!c) return { kind: "not-covered", reason: `no input is known for k8s-hooks golden "${rest}"` };
  return {
    kind: "compare",
    describe: `addApiServerBypass @ ${minor}, api_server_bypass_test (KUBERNETES_SERVICE_HOST 1.1.1.1:9090, ${c.title}) on an empty resource set`,
    run: () => {
      const f = features(minor);
      const dp = dataplane("dp", "default", { networking: { address: PLACEHOLDER_ADDRESS }, meshsim: { features: c.features } });
      const m = mesh("default", c.mesh);
      return { kuma: readDeltaYaml(abs), meshsim: resourceSetEntries(addApiServerBypass([], { address: "1.1.1.1", port: 9090 }, namingScheme(dp, m, f), f)) };
    },
  };
}
