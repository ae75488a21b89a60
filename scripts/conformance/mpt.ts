/**
 * Suite `mpt`: MeshPassthrough goldens (Kuma's files @ v2.14.3 and HEAD), laid out as `<version>/<group>/<file>`:
 * `plugin/` (the plugin unit test) and `validator/` (admission messages), both compared through meshsim's
 * MeshPassthrough module once it exists; `order/` (internal matcher order); `related/` (the TP generator's
 * 02 golden, the InboundProxyGenerator goldens 6 and 7 (cases/inbound.ts, with their Dataplane inputs),
 * the REST schema). `HEAD/` holds plugin goldens flat; each recorded as Kuma's file at the 3.0 line's commit
 * (lib/golden.ts HEAD_GOLDENS) is compared at the 3.0 profile.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { generatorPlan } from "./cases/generator.js";
import { inboundProxyPlan } from "./cases/inbound.js";
import { meshPassthroughPlan } from "./cases/meshpassthrough.js";
import { validatorPlan } from "./cases/validator.js";
import { resolveGoldenVersion } from "./lib/golden.js";
import type { Plan, Suite } from "./lib/types.js";

/** Where Kuma keeps the MeshPassthrough plugin goldens. */
const MPT_PLUGIN_TESTDATA = "pkg/plugins/policies/meshpassthrough/plugin/v1alpha1/testdata/";

async function plan(root: string, repoRoot: string, file: string): Promise<Plan> {
  const [version, group, ...rest] = file.split("/");
  const name = rest.join("/");
  const v = resolveGoldenVersion(version ?? "", { file: `mpt/${file}`, abs: join(root, "mpt", file) });
  if ("skip" in v) return { kind: "skip", reason: v.skip };
  // HEAD/ holds MeshPassthrough plugin goldens flat (no group): the Kuma file each one is decides the case.
  if (v.kumaPath?.startsWith(MPT_PLUGIN_TESTDATA)) return meshPassthroughPlan(join(root, "mpt", file), v.kumaPath.slice(MPT_PLUGIN_TESTDATA.length), repoRoot, v.release);
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
      const input = /^inbound-proxy-(\d+)-dataplane\.input\.yaml$/.exec(name);
      if (input) return { kind: "skip", reason: `Dataplane input of the inbound-proxy-${input[1]} golden, read by its case` };
      const inbound = /^inbound-proxy-(\d+)-([a-z]+)\.envoy-config\.golden\.yaml$/.exec(name);
      if (inbound) {
        if (v.minor !== "2.14") return { kind: "not-covered", reason: `InboundProxyGenerator goldens are wired for v2.14.3 only, not ${version}` };
        const inputAbs = join(root, "mpt", version!, group, `inbound-proxy-${inbound[1]}-dataplane.input.yaml`);
        if (!existsSync(inputAbs)) return { kind: "not-covered", reason: `no inbound-proxy-${inbound[1]}-dataplane.input.yaml next to it` };
        return inboundProxyPlan(abs, inputAbs, inbound[1]!, inbound[2]!);
      }
      if (name === "meshpassthrough.rest.yaml") return { kind: "not-covered", reason: "MeshPassthrough REST OpenAPI schema, not Envoy config: outside this resource comparison" };
      return { kind: "not-covered", reason: `no case for related file "${name}"` };
    }
  }
  return { kind: "not-covered", reason: `no case for group "${group}"` };
}

export function mptSuite(root: string, repoRoot: string): Suite {
  return { name: "mpt", dir: "mpt", title: "MeshPassthrough", plan: (file) => plan(root, repoRoot, file) };
}
