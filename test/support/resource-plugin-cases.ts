/**
 * The case runner of the policy plugins that configure existing resources (MeshTimeout, MeshCircuitBreaker): each
 * `cases/*.yaml` holds the Kuma release, the proxy's Dataplane and Mesh (Universal form; the Mesh decides whether Kuma's
 * default policies exist), the policies of the kind in its mesh, the xDS resources the plugin gets (hand-built, as
 * Kuma's plugin tests build them) with what the generator says each outbound stands for, and, typed by hand from the
 * Kuma file and tag its `source` names, the resources after the plugin (compared whole, per type and name), optionally
 * the write sources per resource (the provenance of limits) and patterns the assumptions must match.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { OutboundTarget } from "../../src/core/model/outbound-target.js";
import type { PolicyResource } from "../../src/core/model/policy.js";
import { planTransparentProxy } from "../../src/core/model/transparent-proxy.js";
import { features, type KumaMinor, type Release } from "../../src/core/model/versions.js";
import { effectiveTargetRef, sortPolicies } from "../../src/core/policies/target-ref.js";
import type { PolicyDefinition } from "../../src/core/policies/types.js";
import { dataplaneModel, DataplaneSpecSchema } from "../../src/core/snapshot/dataplane.js";
import { meshModel, MeshSpecSchema } from "../../src/core/snapshot/mesh.js";
import type { XdsResource } from "../../src/core/xds/resource-set.js";
import { validatePolicy } from "./policy.js";

interface Case {
  source: string;
  version: KumaMinor | Release;
  dataplane: { name: string; mesh?: string; networking: unknown; meshsim?: unknown };
  mesh?: Record<string, unknown>;
  environment?: "universal" | "kubernetes";
  policies?: { name: string; spec: unknown }[];
  targets?: OutboundTarget[];
  resources: XdsResource[];
  expect: {
    resources: XdsResource[];
    /** Per resource key (`cluster/<name>`), the sorted `<pointer> <source>` of its writes. */
    writes?: Record<string, string[]>;
    /** Each pattern must match one assumption. */
    assumptions?: string[];
  };
}

const key = (r: Pick<XdsResource, "type" | "name">) => `${r.type}/${r.name}`;

/** Runs every case file in `dir` against the definition's plugin. */
export function describeResourcePluginCases(def: PolicyDefinition, dir: string): void {
  const plugin = def.plugin!;
  const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();
  describe(`${def.kind} cases`, () => {
    it("there is at least one case", () => expect(files.length).toBeGreaterThan(0));
    for (const file of files) {
      it(file.replace(/\.yaml$/, ""), () => {
        const c = parse(readFileSync(join(dir, file), "utf8")) as Case;
        expect(c.source, "a case names the Kuma file and tag it transcribes").toMatch(/^kumahq\/kuma@v?\d+\.\d+\.\d+ \S+|^kumahq\/kuma@[0-9a-f]{10} \S+/);
        const f = features(c.version);
        const meshName = c.dataplane.mesh ?? "default";
        const dp = dataplaneModel(c.dataplane.name, meshName, {}, DataplaneSpecSchema.parse({ networking: c.dataplane.networking, ...(c.dataplane.meshsim ? { meshsim: c.dataplane.meshsim } : {}) }), f);
        const mesh = meshModel(meshName, MeshSpecSchema.parse(c.mesh ?? {}));
        const policies: PolicyResource[] = (c.policies ?? []).map((p) => {
          const spec = def.api!.specSchema.parse(p.spec);
          expect(validatePolicy(def, spec, { features: f, role: "workload-owner", path: "spec" }), `${p.name} passes Kuma's admission`).toEqual([]);
          return { envelope: { kind: def.kind, name: p.name, mesh: meshName, form: "universal", namespace: undefined, labels: {}, specPath: "spec", spec, path: p.name, status: undefined }, spec, role: "workload-owner", whatIf: false };
        });
        const sorted = sortPolicies(policies, (p) => effectiveTargetRef(def.api!.targetRef(p.spec)));
        const input = structuredClone(c.resources);
        const out = plugin.apply(c.resources, {
          features: f,
          dataplane: dp,
          mesh,
          transparentProxy: planTransparentProxy(dp, mesh, f),
          policies: sorted,
          meshPolicies: sorted.map((p) => ({ ...p, kind: def.kind })),
          outboundTargets: c.targets ?? [],
          environment: c.environment ?? "universal",
        });
        expect(c.resources, "the input resource set is never mutated").toEqual(input);
        expect(out.configError).toBeUndefined();
        expect(out.warnings).toEqual([]);
        expect(out.resources.map(key)).toEqual(c.expect.resources.map(key));
        const got = new Map(out.resources.map((r) => [key(r), r]));
        for (const w of c.expect.resources) expect(got.get(key(w)), key(w)).toEqual(w);
        for (const [k, want] of Object.entries(c.expect.writes ?? {}))
          expect((out.writes ?? []).filter((w) => w.resource === k).map((w) => `${w.pointer} ${w.source}`).sort(), `writes on ${k}`).toEqual([...want].sort());
        for (const pattern of c.expect.assumptions ?? []) expect(out.assumptions ?? [], pattern).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(pattern))]));
      });
    }
  });
}
