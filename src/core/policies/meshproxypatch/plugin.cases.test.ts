/**
 * MeshProxyPatch semantics as data: each `cases/*.yaml` holds an xDS resource set, one or more
 * policies, and the expected result written by hand from Kuma's tests (each file cites the Kuma
 * test or source file it transcribes, e.g. pkg/plugins/policies/meshproxypatch/plugin/v1alpha1/*_mod_test.go
 * @ v2.14.3). Each policy is validated first, as Kuma's admission would.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validatePolicy } from "../../../../test/support/policy.js";
import { parse } from "yaml";
import { meshProxyPatch } from "./index.js";
import type { PolicyResource } from "../../model/policy.js";
import { features, type KumaMinor } from "../../model/versions.js";
import type { XdsResource } from "../../xds/resource-set.js";
import { acceptedConfig } from "../../xds/validate/index.js";
import { markRejected } from "../../model/rejected-modifications.js";

interface Case {
  version?: KumaMinor;
  resources: XdsResource[];
  policies: { name: string; spec: unknown }[];
  expect: {
    /** The whole resource set after the plugin, compared per (type, name). */
    resources?: XdsResource[];
    modifications?: Record<string, unknown>[];
    configError?: string;
    warningCodes?: string[];
    hintsContaining?: { index: number; text: string }[];
    /**
     * What Envoy (v1.38.2, the Envoy of Kuma v2.14.x) does with the patched config, the input being the config it
     * accepted before: the resources it rejects with its message, what it keeps, and the modification statuses once
     * rejections are taken into account. Absent: not checked (Kuma's tests do not run Envoy).
     */
    envoy?: {
      rejections: { type: string; name: string; rule: string; message: string }[];
      kept: { type: string; name: string; keptFrom: string }[];
      modifications: Record<string, unknown>[];
    };
  };
}

const dir = join(import.meta.dirname, "cases");
const key = (r: XdsResource) => `${r.type}/${r.name}`;

describe("MeshProxyPatch cases", () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort()) {
    it(file.replace(/\.yaml$/, ""), () => {
      const c = parse(readFileSync(join(dir, file), "utf8")) as Case;
      const f = features(c.version ?? "2.14");
      const policies: PolicyResource[] = c.policies.map((p) => {
        const spec = meshProxyPatch.api!.specSchema.parse(p.spec);
        expect(validatePolicy(meshProxyPatch, spec, { features: f, role: "system", path: "spec" })).toEqual([]);
        return { envelope: { kind: "MeshProxyPatch", name: p.name, mesh: "default", form: "universal", namespace: undefined, labels: {}, spec, specPath: "spec", path: "", status: undefined }, spec, role: "system", whatIf: false };
      });
      const input = structuredClone(c.resources);
      const out = meshProxyPatch.plugin!.apply(c.resources, { features: f, policies, dataplane: undefined as never, mesh: undefined as never, transparentProxy: undefined as never });
      expect(c.resources, "the input resource set is never mutated").toEqual(input);
      if (c.expect.configError !== undefined) expect(out.configError?.message).toBe(c.expect.configError);
      else expect(out.configError).toBeUndefined();
      if (c.expect.resources) {
        const got = new Map(out.resources.map((r) => [key(r), r]));
        expect([...got.keys()].sort()).toEqual(c.expect.resources.map(key).sort());
        for (const want of c.expect.resources) expect(got.get(key(want)), key(want)).toEqual(want);
      }
      if (c.expect.modifications) expect(out.modifications).toMatchObject(c.expect.modifications);
      const codes = out.warnings.map((w) => w.code);
      for (const code of c.expect.warningCodes ?? []) expect(codes).toContain(code);
      for (const h of c.expect.hintsContaining ?? []) expect(out.modifications![h.index]!.hints.join("\n")).toContain(h.text);
      if (c.expect.envoy) {
        const acc = acceptedConfig(out.resources, c.resources);
        expect(acc.rejections.map((r) => ({ type: r.type, name: r.name, rule: r.rule, message: r.message }))).toEqual(c.expect.envoy.rejections);
        expect(acc.kept).toEqual(c.expect.envoy.kept);
        expect(markRejected(out.modifications ?? [], out.writes ?? [], acc.rejections)).toMatchObject(c.expect.envoy.modifications);
      }
    });
  }
});
