/**
 * The case runner of the legacy inbound HTTP policies (FaultInjection, RateLimit): each `cases/*.yaml` holds the Kuma
 * release, a Universal-form snapshot (Mesh, Dataplane, the legacy policies) and facts typed by hand from the Kuma file
 * and tag its `source` names: the admission violations of refused resources (paths only), or per inbound listener
 * the HTTP connection manager's `httpFilters` and the first virtual host's `routes`, exact, in every filter chain
 * that has one. The whole pipeline runs (snapshot, generators, every plugin in order), so MeshTLS and the others see
 * what the legacy policies wrote.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { isJsonObject, type JsonObject } from "../../src/core/json.js";
import { features, type KumaMinor, type Release } from "../../src/core/model/versions.js";
import { POLICIES } from "../../src/core/policies/registry.js";
import type { PolicyDefinition } from "../../src/core/policies/types.js";
import { buildProxy } from "../../src/core/simulate/proxy.js";
import { buildSnapshot } from "../../src/core/snapshot/snapshot.js";
import { FILTER } from "../../src/core/xds/names.js";
import { findResource } from "../../src/core/xds/resource-set.js";

interface Case {
  source: string;
  version: KumaMinor | Release;
  dataplane: string;
  resources: unknown[];
  expect: {
    violations?: { path: string }[];
    listeners?: Record<string, { httpFilters: unknown[]; routes: unknown[] }>;
    /** Provenance: the write sources recorded for each listener, sorted. */
    writes?: Record<string, string[]>;
    configError?: boolean;
  };
}

const objects = (v: unknown): JsonObject[] => (Array.isArray(v) ? v.filter(isJsonObject) : []);

/** Runs every case file in `dir`; `def` is the policy the folder defines (its kind must be in each case). */
export function describeLegacyHttpCases(def: PolicyDefinition, dir: string): void {
  const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();
  describe(`${def.kind} cases`, () => {
    it("there is at least one case", () => expect(files.length).toBeGreaterThan(0));
    for (const file of files) {
      it(file.replace(/\.yaml$/, ""), () => {
        const c = parse(readFileSync(join(dir, file), "utf8")) as Case;
        expect(c.source, "a case names the Kuma file and tag it transcribes").toMatch(/^kumahq\/kuma@v?\d+\.\d+\.\d+ \S+/);
        expect(JSON.stringify(c.resources)).toContain(`"${def.kind}"`);
        const f = features(c.version);
        const input = structuredClone(c.resources);
        const snap = buildSnapshot(c.resources, undefined, f, POLICIES);
        expect(c.resources, "the input is never mutated").toEqual(input);
        if (c.expect.violations) {
          expect("errors" in snap).toBe(true);
          if ("errors" in snap) expect(snap.errors.map((e) => e.path).sort()).toEqual(c.expect.violations.map((v) => v.path).sort());
          return;
        }
        if ("errors" in snap) throw new Error(JSON.stringify(snap.errors));
        const dp = snap.snapshot.dataplanes.find((d) => d.name === c.dataplane)!;
        const mesh = snap.snapshot.meshes.get(dp.mesh)!;
        const proxy = buildProxy(snap.snapshot, f, dp, mesh, { environment: "universal", apiServer: undefined });
        expect(proxy.configError !== undefined).toBe(c.expect.configError ?? false);
        if (c.expect.configError) return;
        for (const [name, want] of Object.entries(c.expect.listeners ?? {})) {
          const l = findResource(proxy.resources, "listener", name);
          expect(l, name).toBeDefined();
          const hcms = objects(l!.value["filterChains"]).flatMap((ch) => objects(ch["filters"]).filter((x) => x["name"] === FILTER.httpConnectionManager));
          expect(hcms.length, `${name} has an HTTP connection manager`).toBeGreaterThan(0);
          for (const h of hcms) {
            const tc = h["typedConfig"] as JsonObject;
            expect(tc["httpFilters"], `${name} httpFilters`).toEqual(want.httpFilters);
            const rc = tc["routeConfig"] as JsonObject;
            expect(objects(rc["virtualHosts"])[0]!["routes"], `${name} routes`).toEqual(want.routes);
          }
        }
        for (const [name, want] of Object.entries(c.expect.writes ?? {})) {
          const got = [...(proxy.writes.get(`listener/${name}`) ?? [])].map((w) => `${w.pointer} ${w.source}`).sort();
          expect(got, `writes on ${name}`).toEqual([...want].sort());
        }
      });
    }
  });
}
