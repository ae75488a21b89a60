/**
 * ProxyTemplate modifications as data: each `cases/*.yaml` holds an xDS resource set, one ProxyTemplate and the
 * expected result, written by hand from Kuma's tests (each file cites the Kuma test or source file and tag it
 * transcribes, e.g. pkg/xds/generator/modifications/v3/cluster_test.go @ v2.14.3). The template is validated first,
 * as Kuma's admission would.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { PolicyResource } from "../../model/policy.js";
import { features, type KumaMinor } from "../../model/versions.js";
import type { XdsResource } from "../../xds/resource-set.js";
import { ProxyTemplateSpecSchema } from "./api.js";
import { applyTemplateModifications } from "./modifications.js";
import { validateProxyTemplate } from "./validator.js";

interface Case {
  version?: KumaMinor;
  resources: XdsResource[];
  template: { name: string; spec: unknown };
  expect: {
    /** The whole resource set afterwards, compared per (type, name). */
    resources?: XdsResource[];
    modifications?: Record<string, unknown>[];
    error?: string;
    /** For errors whose tail is a parser's text meshsim does not reproduce byte for byte. */
    errorStartsWith?: string;
    writes?: { resource: string; pointer: string; source: string }[];
    warningCodes?: string[];
    hintsContaining?: { index: number; text: string }[];
  };
}

const dir = join(import.meta.dirname, "cases");
const key = (r: XdsResource) => `${r.type}/${r.name}`;

describe("ProxyTemplate modification cases", () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort()) {
    it(file.replace(/\.yaml$/, ""), () => {
      const c = parse(readFileSync(join(dir, file), "utf8")) as Case;
      const f = features(c.version ?? "2.14");
      const spec = ProxyTemplateSpecSchema.parse(c.template.spec);
      expect(validateProxyTemplate(spec, { path: "spec" })).toEqual([]);
      const template: PolicyResource = {
        envelope: { kind: "ProxyTemplate", name: c.template.name, mesh: "default", form: "universal", namespace: undefined, labels: {}, spec, specPath: "spec", path: "", status: undefined },
        spec,
        role: "system",
        whatIf: false,
      };
      const input = structuredClone(c.resources);
      const out = applyTemplateModifications(c.resources, template, f);
      expect(c.resources, "the input resource set is never mutated").toEqual(input);
      if (c.expect.error !== undefined) expect(out.error?.message).toBe(c.expect.error);
      else if (c.expect.errorStartsWith !== undefined) expect(out.error?.message.startsWith(c.expect.errorStartsWith), out.error?.message).toBe(true);
      else expect(out.error).toBeUndefined();
      if (c.expect.resources) {
        const got = new Map(out.resources.map((r) => [key(r), r]));
        expect([...got.keys()].sort()).toEqual(c.expect.resources.map(key).sort());
        for (const want of c.expect.resources) expect(got.get(key(want)), key(want)).toEqual(want);
      }
      if (c.expect.modifications) expect(out.modifications).toMatchObject(c.expect.modifications);
      if (c.expect.writes) expect(out.writes).toMatchObject(c.expect.writes);
      const codes = out.warnings.map((w) => w.code);
      for (const code of c.expect.warningCodes ?? []) expect(codes).toContain(code);
      for (const h of c.expect.hintsContaining ?? []) expect(out.modifications[h.index]!.hints.join("\n")).toContain(h.text);
    });
  }
});
