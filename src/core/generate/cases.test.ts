/**
 * Generator cases as data: each `cases/*.yaml` holds a Kuma release (a patch release where a backport decides), a
 * Dataplane and Mesh (Universal form, with meshsim's `meshsim.features` for the kuma-dp features), and facts typed
 * by hand from the Kuma file and tag its `source` names: listener and cluster fields (whole, or at a JSON pointer), the
 * exact resource names, and whether the listener Kuma sends is one Envoy rejects. The runner generates the
 * transparent-proxy resources with the strict-inbound-ports rewrite (TransparentProxyGenerator) and the inbound
 * listeners and clusters in the Mesh's mTLS mode (InboundProxyGenerator).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { applyStrictInboundPorts, generateInbound } from "./inbound.js";
import { generateTransparentProxy } from "./transparent-proxy.js";
import { features, type KumaMinor, type Release } from "../model/versions.js";
import { DataplaneSpecSchema, dataplaneModel } from "../snapshot/dataplane.js";
import { MeshSpecSchema, meshModel } from "../snapshot/mesh.js";
import { findResource, type ResourceSet } from "../xds/resource-set.js";
import { validateResources } from "../xds/validate/validate.js";

interface Case {
  source: string;
  version: KumaMinor | Release;
  dataplane: { name: string; mesh: string; spec: unknown };
  mesh: { name: string } & Record<string, unknown>;
  expect: {
    /** Per listener: fields by name (whole values), or by JSON pointer (keys starting with `/`). */
    listeners?: Record<string, Record<string, unknown>>;
    clusters?: Record<string, Record<string, unknown>>;
    /** The exact names of every inbound listener and cluster (origin `inbound`), sorted. */
    inboundNames?: { listeners: string[]; clusters: string[] };
    /** Whether Envoy rejects the inbound passthrough listener Kuma sends (default false). */
    envoyNack?: boolean;
  };
}

const dir = join(import.meta.dirname, "cases");

/** A field by name, or the value at a JSON pointer (`/filterChains/0/filters/1/typedConfig/statPrefix`). */
function at(value: unknown, key: string): unknown {
  if (!key.startsWith("/")) return (value as Record<string, unknown>)[key];
  return key
    .slice(1)
    .split("/")
    .reduce<unknown>((v, k) => (v === undefined || v === null ? undefined : (v as Record<string, unknown>)[k.replace(/~1/g, "/").replace(/~0/g, "~")]), value);
}
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();

describe("generator cases", () => {
  it("there is at least one case", () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    it(file.replace(/\.yaml$/, ""), () => {
      const c = parse(readFileSync(join(dir, file), "utf8")) as Case;
      expect(c.source, "a case names the Kuma file and tag it transcribes").toMatch(/^kumahq\/kuma@v?\d+\.\d+\.\d+ \S+/);
      const f = features(c.version);
      const { name: meshName, ...meshSpec } = c.mesh;
      const mesh = meshModel(meshName, MeshSpecSchema.parse(meshSpec));
      const dp = dataplaneModel(c.dataplane.name, c.dataplane.mesh, {}, DataplaneSpecSchema.parse(c.dataplane.spec));
      const tp = generateTransparentProxy(dp, mesh, f);
      const out = applyStrictInboundPorts(tp.resources, dp, mesh, f, tp.plan);
      const inbound = generateInbound(dp, mesh, f, mesh.mtls).resources;
      const all: ResourceSet = [...out.resources, ...inbound];
      for (const type of ["listener", "cluster"] as const) {
        for (const [name, want] of Object.entries((type === "listener" ? c.expect.listeners : c.expect.clusters) ?? {})) {
          const got = findResource(all, type, name);
          expect(got, `${type} ${name}`).toBeDefined();
          for (const [key, value] of Object.entries(want)) expect(at(got!.value, key) ?? null, `${type} ${name} ${key} (null: absent)`).toEqual(value);
        }
      }
      if (c.expect.inboundNames) {
        const names = (t: string) => inbound.filter((r) => r.type === t).map((r) => r.name).sort();
        expect({ listeners: names("listener"), clusters: names("cluster") }).toEqual(c.expect.inboundNames);
      }
      // Envoy's acceptance (xds/validate) of what the generators produced: a duplicate chain or an empty listener is a NACK.
      const rejected = validateResources(all);
      expect(rejected.length > 0, rejected.map((x) => x.message).join("; ") || "no envoy-nack").toBe(c.expect.envoyNack ?? false);
    });
  }
});
