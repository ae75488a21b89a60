/**
 * The case runner of the plugins that run without a policy (MeshTimeout's and MeshCircuitBreaker's defaults): each
 * `cases/*.yaml` holds an xDS resource set and, typed by hand from the Kuma file and tag its `source` names, whether
 * the plugin runs for the case's Kuma release and the whole resource set after it (compared per type and name).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { features, type KumaMinor, type Release } from "../../src/core/model/versions.js";
import type { PolicyDefinition } from "../../src/core/policies/types.js";
import type { XdsResource } from "../../src/core/xds/resource-set.js";

interface Case {
  source: string;
  version: KumaMinor | Release;
  resources: XdsResource[];
  expect: { enabled: boolean; resources?: XdsResource[] };
}

const key = (r: XdsResource) => `${r.type}/${r.name}`;

/** Runs every case file in `dir` against the definition's plugin. */
export function describeDefaultPluginCases(def: PolicyDefinition, dir: string): void {
  const plugin = def.plugin!;
  const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();
  describe(`${def.kind} cases`, () => {
    it("there is at least one case", () => expect(files.length).toBeGreaterThan(0));
    for (const file of files) {
      it(file.replace(/\.yaml$/, ""), () => {
        const c = parse(readFileSync(join(dir, file), "utf8")) as Case;
        expect(c.source, "a case names the Kuma file and tag it transcribes").toMatch(/^kumahq\/kuma@v?\d+\.\d+\.\d+ \S+/);
        const f = features(c.version);
        expect(plugin.enabled!(f)).toBe(c.expect.enabled);
        if (!c.expect.enabled) return;
        const input = structuredClone(c.resources);
        const out = plugin.apply(c.resources, { features: f, policies: [], dataplane: undefined as never, mesh: undefined as never, transparentProxy: undefined as never });
        expect(c.resources, "the input resource set is never mutated").toEqual(input);
        expect(out.configError).toBeUndefined();
        expect(out.warnings).toEqual([]);
        const want = c.expect.resources ?? [];
        expect(out.resources.map(key)).toEqual(want.map(key));
        const got = new Map(out.resources.map((r) => [key(r), r]));
        for (const w of want) expect(got.get(key(w)), key(w)).toEqual(w);
      });
    }
  });
}
