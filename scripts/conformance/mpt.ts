/**
 * Suite `mpt`: MeshPassthrough goldens (kuma-meshpassthrough.md §11), laid out as `<version>/<group>/<file>`:
 * `plugin/` (the plugin unit test) and `validator/` (admission messages), both compared through meshsim's
 * MeshPassthrough module once it exists; `order/` (internal matcher order); `related/` (the TP generator's
 * 02 golden, inbound-proxy generator goldens and their inputs, the REST schema). `HEAD/` is skipped.
 */
import { join } from "node:path";
import { generatorPlan } from "./cases/generator.js";
import { meshPassthroughPlan } from "./cases/meshpassthrough.js";
import { validatorPlan } from "./cases/validator.js";
import { resolveGoldenVersion } from "./lib/golden.js";
import type { Plan, Suite } from "./lib/types.js";

async function plan(root: string, repoRoot: string, file: string): Promise<Plan> {
  const [version, group, ...rest] = file.split("/");
  const name = rest.join("/");
  const v = resolveGoldenVersion(version ?? "");
  if ("skip" in v) return { kind: "skip", reason: v.skip };
  if (!group || !name) return { kind: "not-covered", reason: "not in <version>/<group>/<file> layout: no case for it" };
  const abs = join(root, "mpt", file);
  switch (group) {
    case "plugin":
      if (v.minor !== "2.14") return { kind: "not-covered", reason: `MeshPassthrough plugin fixtures are transcribed for v2.14.3 only, not ${version}` };
      return meshPassthroughPlan(abs, name, repoRoot);
    case "order":
      return { kind: "not-covered", reason: "GetOrderedMatchers output (Kuma's internal matcher list, not Envoy resources); its Go test inputs are not transcribed" };
    case "validator":
      if (v.minor !== "2.14") return { kind: "not-covered", reason: `MeshPassthrough validator goldens are wired for v2.14.3 only, not ${version}` };
      return validatorPlan(join(root, "mpt", version!, "validator"), name, repoRoot);
    case "related": {
      if (name === "transparent-proxy-02.envoy.golden.yaml") return generatorPlan(abs, v.minor, "02.envoy.golden.yaml");
      if (/^inbound-proxy-\d+-dataplane\.input\.yaml$/.test(name)) return { kind: "not-covered", reason: "input of an InboundProxyGenerator golden, not a golden" };
      if (/^inbound-proxy-.*\.golden\.yaml$/.test(name))
        return { kind: "not-covered", reason: "InboundProxyGenerator golden (inbound mesh listeners and local clusters by mTLS mode): meshsim generates no inbound mesh listeners" };
      if (name === "meshpassthrough.rest.yaml") return { kind: "not-covered", reason: "MeshPassthrough REST OpenAPI schema, not Envoy config: outside this resource comparison" };
      return { kind: "not-covered", reason: `no case for related file "${name}"` };
    }
  }
  return { kind: "not-covered", reason: `no case for group "${group}"` };
}

export function mptSuite(root: string, repoRoot: string): Suite {
  return { name: "mpt", dir: "mpt", title: "MeshPassthrough", plan: (file) => plan(root, repoRoot, file) };
}
