/**
 * The runner of the permission cases (TrafficPermission and MeshTrafficPermission `cases/*.yaml`): each case holds
 * the Kuma minor or release, the Dataplane and Mesh (Universal form), the permission policies of the mesh, and facts
 * typed by hand from the Kuma file and tag its `source` names. The generators run for that Dataplane and Mesh, then
 * the TrafficPermission plugin (the generator's RBAC) and the MeshTrafficPermission plugin, as the pipeline orders
 * them. Facts per listener: for each filter chain, the `rules` (and `shadowRules`) of its network RBAC filter and of
 * its HTTP RBAC filter (null when absent); per case, the assumption about Kuma's default policies (or none).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { parse } from "yaml";
import { validatePolicy } from "../../../../test/support/policy.js";
import { isJsonObject, type JsonObject } from "../../json.js";
import type { PolicyResource } from "../../model/policy.js";
import { features } from "../../model/versions.js";
import { DataplaneSpecSchema } from "../../snapshot/dataplane.js";
import { MeshSpecSchema, meshModel } from "../../snapshot/mesh.js";
import { FILTER, INBOUND_FILTER } from "../../xds/names.js";
import { findResource, type ResourceSet } from "../../xds/resource-set.js";
import { build, inboundDataplane } from "../meshtls/policy.fixtures.js";
import { meshTrafficPermission } from "../meshtrafficpermission/index.js";
import { effectiveTargetRef, selectsDataplane, sortPolicies } from "../target-ref.js";
import type { PolicyDefinition } from "../types.js";
import { trafficPermission } from "./index.js";

interface ChainFact {
  network: unknown;
  http: unknown;
  shadow?: unknown;
}

interface Case {
  source: string;
  version: string;
  dataplane: { name: string; mesh: string; networking: unknown };
  mesh: { name: string } & Record<string, unknown>;
  policies: { kind: "TrafficPermission" | "MeshTrafficPermission"; name: string; spec: unknown }[];
  expect: {
    violations?: Record<string, { path: string; message?: string }[]>;
    listeners?: Record<string, { chains: ChainFact[] }>;
    /** A regular expression the one assumption matches, or null for none. */
    assumption?: string | null;
    warnings?: string[];
  };
}

const DEFS: Record<string, PolicyDefinition> = { TrafficPermission: trafficPermission, MeshTrafficPermission: meshTrafficPermission };
const objects = (v: unknown): JsonObject[] => (Array.isArray(v) ? v.filter(isJsonObject) : []);

function chainFact(chain: JsonObject, withShadow: boolean): ChainFact {
  const filters = objects(chain["filters"]);
  const net = filters.find((f) => f["name"] === INBOUND_FILTER.rbac);
  const hcm = filters.find((f) => f["name"] === FILTER.httpConnectionManager);
  const http = hcm && isJsonObject(hcm["typedConfig"]) ? objects(hcm["typedConfig"]["httpFilters"]).find((f) => f["name"] === INBOUND_FILTER.httpRbac) : undefined;
  const tc = (f: JsonObject | undefined) => (f && isJsonObject(f["typedConfig"]) ? f["typedConfig"] : undefined);
  const fact: ChainFact = { network: tc(net)?.["rules"] ?? null, http: tc(http)?.["rules"] ?? null };
  if (withShadow) fact.shadow = tc(net)?.["shadowRules"] ?? tc(http)?.["shadowRules"] ?? null;
  return fact;
}

function resource(kind: string, name: string, mesh: string, spec: unknown): PolicyResource & { kind: string } {
  return {
    kind,
    envelope: { kind, name, mesh, form: "universal", namespace: undefined, labels: {}, specPath: "spec", spec, path: "resources", status: undefined },
    spec,
    role: "system",
    whatIf: false,
  };
}

/** Registers one vitest case per file of `dir`. */
export function permissionCases(dir: string): void {
  const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();
  it("there is at least one case", () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    it(file.replace(/\.yaml$/, ""), () => {
      const c = parse(readFileSync(join(dir, file), "utf8")) as Case;
      expect(c.source, "a case names the Kuma file and tag it transcribes").toMatch(/^kumahq\/kuma@v?\d+\.\d+\.\d+ \S+/);
      const f = features(c.version as never);
      const e = c.expect;
      const admitted: (PolicyResource & { kind: string })[] = [];
      for (const p of c.policies) {
        const def = DEFS[p.kind]!;
        const spec = def.api!.specSchema.parse(p.spec);
        const got = validatePolicy(def, spec, { features: f, role: "system", path: "spec" });
        const want = e.violations?.[p.name] ?? [];
        expect(got.map((v, i) => (want[i]?.message === undefined ? { path: v.path } : v)), p.name).toEqual(want);
        if (got.length === 0) admitted.push(resource(p.kind, p.name, c.dataplane.mesh, spec));
      }
      if (!e.listeners) return;
      const { name: meshName, ...meshSpec } = c.mesh;
      const mesh = meshModel(meshName, MeshSpecSchema.parse(meshSpec));
      const dp = inboundDataplane(c.dataplane.name, c.dataplane.mesh, DataplaneSpecSchema.parse({ networking: c.dataplane.networking }));
      const generated = build(dp, mesh, { minor: f.minor });
      const before = structuredClone(generated.resources);
      let rs: ResourceSet = generated.resources;
      const assumptions: string[] = [];
      const warnings: string[] = [];
      for (const def of [trafficPermission, meshTrafficPermission]) {
        const refOf = (spec: unknown) => effectiveTargetRef(def.api!.targetRef(spec));
        const selected = sortPolicies(
          admitted.filter((p) => p.kind === def.kind && selectsDataplane(refOf(p.spec), dp, undefined, p.role)),
          (p) => refOf(p.spec),
        );
        const out = def.plugin!.apply(rs, { features: f, dataplane: dp, mesh, transparentProxy: generated.plan, policies: selected, meshPolicies: admitted });
        rs = out.resources;
        assumptions.push(...(out.assumptions ?? []));
        warnings.push(...out.warnings.map((w) => w.code));
      }
      expect(generated.resources, "the input resource set is never mutated").toEqual(before);
      for (const [name, want] of Object.entries(e.listeners)) {
        const l = findResource(rs, "listener", name);
        expect(l, name).toBeDefined();
        const shadow = want.chains.map((ch) => ch.shadow !== undefined);
        expect(objects(l!.value["filterChains"]).map((ch, i) => chainFact(ch, shadow[i] ?? false)), name).toEqual(want.chains);
      }
      if (e.assumption === null) expect(assumptions).toEqual([]);
      else if (e.assumption !== undefined) {
        expect(assumptions).toHaveLength(1);
        expect(assumptions[0]).toMatch(new RegExp(e.assumption));
      }
      if (e.warnings) expect(warnings).toEqual(e.warnings);
    });
  }
}
