/**
 * MeshTLS plugin cases as data: each `cases/*.yaml` holds the Kuma minor, the Dataplane and Mesh (Universal form),
 * the MeshTLS policies that select the dataplane (least specific first) and facts typed by hand from the Kuma file and
 * tag its `source` names. The plugin runs on what the generators produce for that Dataplane and Mesh
 * (`policy.fixtures.ts` `build`, without policies). Each policy goes through Kuma's admission first: a case either
 * lists the violations of the policies admission refuses (those never reach the plugin) or expects none.
 * Facts per listener: each filter chain's match, filter names, whether it terminates Kuma's mTLS and its `tlsParams`,
 * the listener filters, or that the listener is what the generator made. Facts may be partial; each one given is exact.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validatePolicy } from "../../../../test/support/policy.js";
import { isJsonObject, type JsonObject } from "../../json.js";
import type { PolicyResource } from "../../model/policy.js";
import { features, type KumaMinor } from "../../model/versions.js";
import { DataplaneSpecSchema } from "../../snapshot/dataplane.js";
import { MeshSpecSchema, meshModel } from "../../snapshot/mesh.js";
import type { Warning } from "../../warnings.js";
import { findResource, type ResourceSet } from "../../xds/resource-set.js";
import type { MeshTlsSpec } from "./api.js";
import { meshTls } from "./index.js";
import { build, inboundDataplane, meshTls as meshTlsResource } from "./policy.fixtures.js";

interface ChainFact {
  /** The whole `filterChainMatch`, or null when the chain has none. */
  match: unknown;
  /** Network filter names in order. */
  filters: string[];
  /** The chain has a DownstreamTlsContext that requires a client certificate (Kuma's mTLS). */
  mtls: boolean;
  /** `commonTlsContext.tlsParams` of that context, or null when absent. */
  tlsParams?: unknown;
}

interface Case {
  source: string;
  version: KumaMinor;
  dataplane: { name: string; mesh: string; networking: unknown; meshsim?: unknown };
  /** Kuma 3.0: a MeshIdentity selects the proxy. */
  workloadIdentity?: boolean;
  mesh: { name: string } & Record<string, unknown>;
  policies: { name: string; spec: unknown }[];
  expect: {
    /** Admission violations per refused policy (`message` omitted: only the path is compared). */
    violations?: Record<string, { path: string; message?: string }[]>;
    /** Compared when given. */
    warnings?: Warning[];
    listeners?: Record<string, { chains?: ChainFact[]; listenerFilters?: string[] }>;
    /** Listeners left exactly as the generator made them. */
    unchanged?: string[];
  };
}

const dir = join(import.meta.dirname, "cases");
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();

function listenerValue(rs: ResourceSet, name: string): JsonObject {
  const l = findResource(rs, "listener", name);
  if (!l) throw new Error(`no listener ${name}`);
  return l.value;
}

const objects = (v: unknown): JsonObject[] => (Array.isArray(v) ? v.filter(isJsonObject) : []);

/** The facts {@link ChainFact} names, read from one filter chain. */
function chainFact(chain: JsonObject, withParams: boolean): ChainFact {
  const ts = chain["transportSocket"];
  const ctx = isJsonObject(ts) && isJsonObject(ts["typedConfig"]) ? ts["typedConfig"] : undefined;
  const common = ctx && isJsonObject(ctx["commonTlsContext"]) ? ctx["commonTlsContext"] : undefined;
  return {
    match: chain["filterChainMatch"] ?? null,
    filters: objects(chain["filters"]).map((f) => String(f["name"])),
    mtls: ctx?.["@type"] === "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext" && ctx["requireClientCertificate"] === true,
    ...(withParams ? { tlsParams: common?.["tlsParams"] ?? null } : {}),
  };
}

describe("MeshTLS cases", () => {
  it("there is at least one case", () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    it(file.replace(/\.yaml$/, ""), () => {
      const c = parse(readFileSync(join(dir, file), "utf8")) as Case;
      expect(c.source, "a case names the Kuma file and tag (or a line's commit) it transcribes").toMatch(/^kumahq\/kuma@(v?\d+\.\d+\.\d+|[0-9a-f]{10,40}) \S+/);
      const f = features(c.version);
      const e = c.expect;

      const admitted: PolicyResource[] = [];
      for (const p of c.policies) {
        const spec = meshTls.api!.specSchema.parse(p.spec) as MeshTlsSpec;
        const got = validatePolicy(meshTls, spec, { features: f, role: "workload-owner", path: "spec" });
        const want = e.violations?.[p.name] ?? [];
        expect(got.map((v, i) => (want[i]?.message === undefined ? { path: v.path } : v)), p.name).toEqual(want);
        if (got.length === 0) admitted.push(meshTlsResource(p.name, spec, c.dataplane.mesh));
      }
      if (admitted.length === 0) return;

      const { name: meshName, ...meshSpec } = c.mesh;
      const mesh = meshModel(meshName, MeshSpecSchema.parse(meshSpec));
      const dp = inboundDataplane(c.dataplane.name, c.dataplane.mesh, DataplaneSpecSchema.parse({ networking: c.dataplane.networking, ...(c.dataplane.meshsim ? { meshsim: c.dataplane.meshsim } : {}) }));
      const workloadIdentity = c.workloadIdentity ?? false;
      const generated = build(dp, mesh, { minor: c.version, workloadIdentity });
      const before = structuredClone(generated.resources);
      const out = meshTls.plugin!.apply(generated.resources, { features: f, dataplane: dp, mesh, transparentProxy: generated.plan, policies: admitted, workloadIdentity });
      expect(generated.resources, "the input resource set is never mutated").toEqual(before);
      expect(out.configError).toBeUndefined();
      if (e.warnings) expect(out.warnings).toEqual(e.warnings);

      for (const [name, want] of Object.entries(e.listeners ?? {})) {
        const l = listenerValue(out.resources, name);
        if (want.chains) {
          const withParams = want.chains.map((ch) => ch.tlsParams !== undefined);
          expect(objects(l["filterChains"]).map((ch, i) => chainFact(ch, withParams[i] ?? false)), name).toEqual(want.chains);
        }
        if (want.listenerFilters) expect(objects(l["listenerFilters"]).map((x) => String(x["name"])), name).toEqual(want.listenerFilters);
      }
      for (const name of e.unchanged ?? []) expect(listenerValue(out.resources, name), name).toEqual(listenerValue(before, name));
    });
  }
});
