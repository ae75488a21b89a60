/**
 * MeshPassthrough plugin cases as data: each `cases/*.yaml` holds the Kuma minor, the Dataplane and Mesh (Universal
 * form), the outbound passthrough resources the plugin receives (`policy.fixtures.ts` `fixture`: the listeners and
 * default clusters of Kuma's `plugin/v1alpha1/plugin_test.go` @ v2.14.3), the MeshPassthrough policies that select
 * the dataplane (least specific first), and facts typed by hand from the Kuma file and tag its `source` names:
 * cluster names, chain names in order, filter-chain matches, virtual hosts, listener filters, the generation error.
 * Each policy is validated first, as Kuma's admission would. Facts may be partial, but each one given is exact.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validatePolicy } from "../../../../test/support/policy.js";
import type { PolicyResource } from "../../model/policy.js";
import { planTransparentProxy } from "../../model/transparent-proxy.js";
import { features, type KumaMinor, type Release } from "../../model/versions.js";
import { DataplaneSpecSchema, dataplaneModel } from "../../snapshot/dataplane.js";
import { MeshSpecSchema, meshModel } from "../../snapshot/mesh.js";
import type { Warning } from "../../warnings.js";
import { validateResources } from "../../xds/validate/validate.js";
import { meshPassthrough } from "./index.js";
import { chain, chainNames, cluster, clusterNames, fixture, listener, listenerFilterNames, tcpCluster, vhosts } from "./policy.fixtures.js";

interface ChainFact {
  listener: string;
  name: string;
  /** The chain's whole `filterChainMatch`. */
  match?: unknown;
  /** [name, domains, cluster or "503"] per virtual host of an HTTP chain, in order. */
  vhosts?: [string, string[], string][];
  /** The tcp_proxy cluster of a tcp / tls chain. */
  cluster?: string;
  /** The whole chain (filterChainMatch, filters, name). */
  value?: unknown;
}

interface Case {
  source: string;
  /** A minor (its newest patch) or a release, e.g. `2.9.1`. */
  version: KumaMinor | Release;
  dataplane: { name: string; mesh: string; networking: unknown };
  mesh: { name: string } & Record<string, unknown>;
  /** `fixture()` options: the IPv6 listener (default true), the default ORIGINAL_DST clusters (default true). */
  resources: { ipv6?: boolean; clusters?: boolean };
  policies: { name: string; form?: "universal" | "kubernetes"; spec: unknown }[];
  expect: {
    /** Kuma's error (the whole message, or its "; "-joined parts in any order: Go map iteration decides it). */
    configError?: string;
    configErrorParts?: string[];
    /** Default: none. */
    warnings?: Warning[];
    /** Resources of the plugin's output that Envoy rejects (`type/name`), as xds/validate reports them; default none. */
    rejected?: string[];
    /** Instead of `warnings`: only the codes, in order (for warnings whose wording is meshsim's own). */
    warningCodes?: string[];
    /** The whole resource set is the input's. */
    unchanged?: boolean;
    /** Every cluster name, sorted. */
    clusters?: string[];
    /** Whole values (and origin) of some clusters. */
    clusterValues?: { name: string; origin: string; value: unknown }[];
    /** Per listener: chain names in order ("(catch-all)" for the unnamed chain), listener filter names, or unchanged. */
    listeners?: Record<string, { chains?: string[]; listenerFilters?: string[]; unchanged?: boolean }>;
    chains?: ChainFact[];
  };
}

const dir = join(import.meta.dirname, "cases");
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();
const ERROR_PREFIX = "could not apply policy plugin meshpassthrough: ";

function policy(p: Case["policies"][number], mesh: string, f: ReturnType<typeof features>): PolicyResource {
  const spec = meshPassthrough.api!.specSchema.parse(p.spec);
  expect(validatePolicy(meshPassthrough, spec, { features: f, role: "system", path: "spec" }), `${p.name} passes admission`).toEqual([]);
  const form = p.form ?? "universal";
  return {
    envelope: { kind: "MeshPassthrough", name: p.name, mesh, form, namespace: form === "kubernetes" ? "kuma-system" : undefined, labels: {}, spec, specPath: "spec", path: "", status: undefined },
    spec,
    role: "system",
    whatIf: false,
  };
}

describe("MeshPassthrough cases", () => {
  it("there is at least one case", () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    it(file.replace(/\.yaml$/, ""), () => {
      const c = parse(readFileSync(join(dir, file), "utf8")) as Case;
      expect(c.source, "a case names the Kuma file and tag it transcribes").toMatch(/^kumahq\/kuma@v?\d+\.\d+\.\d+ \S+/);
      const f = features(c.version);
      const { name: meshName, ...meshSpec } = c.mesh;
      const mesh = meshModel(meshName, MeshSpecSchema.parse(meshSpec));
      const dp = dataplaneModel(c.dataplane.name, c.dataplane.mesh, {}, DataplaneSpecSchema.parse({ networking: c.dataplane.networking }));
      const policies = c.policies.map((p) => policy(p, meshName, f));
      const input = fixture(c.resources);
      const before = structuredClone(input);
      const out = meshPassthrough.plugin!.apply(input, { features: f, dataplane: dp, mesh, transparentProxy: planTransparentProxy(dp, mesh, f), policies });
      expect(input, "the input resource set is never mutated").toEqual(before);
      const e = c.expect;

      if (e.configError !== undefined) expect(out.configError?.message).toBe(e.configError);
      else if (e.configErrorParts !== undefined) {
        const msg = out.configError?.message ?? "";
        expect(msg.startsWith(ERROR_PREFIX), msg).toBe(true);
        expect(msg.slice(ERROR_PREFIX.length).split("; ").sort()).toEqual([...e.configErrorParts].sort());
      } else expect(out.configError).toBeUndefined();
      if (e.warningCodes !== undefined) expect(out.warnings.map((w) => w.code)).toEqual(e.warningCodes);
      else expect(out.warnings).toEqual(e.warnings ?? []);
      expect(validateResources(out.resources).map((x) => `${x.type}/${x.name}`)).toEqual(e.rejected ?? []);
      if (e.unchanged) expect(out.resources).toEqual(before);
      if (e.clusters) expect(clusterNames(out.resources)).toEqual(e.clusters);
      for (const want of e.clusterValues ?? []) {
        const got = cluster(out.resources, want.name);
        expect({ origin: got.origin, value: got.value }, want.name).toEqual({ origin: want.origin, value: want.value });
      }
      for (const [name, want] of Object.entries(e.listeners ?? {})) {
        if (want.chains) expect(chainNames(out.resources, name), name).toEqual(want.chains);
        if (want.listenerFilters) expect(listenerFilterNames(out.resources, name), name).toEqual(want.listenerFilters);
        if (want.unchanged) expect(listener(out.resources, name), name).toEqual(listener(before, name));
      }
      for (const want of e.chains ?? []) {
        const got = chain(out.resources, want.listener, want.name);
        const at = `${want.listener} ${want.name}`;
        if (want.match !== undefined) expect(got["filterChainMatch"], at).toEqual(want.match);
        if (want.vhosts) expect(vhosts(got), at).toEqual(want.vhosts);
        if (want.cluster !== undefined) expect(tcpCluster(got), at).toBe(want.cluster);
        if (want.value !== undefined) expect(got, at).toEqual(want.value);
      }
    });
  }
});
