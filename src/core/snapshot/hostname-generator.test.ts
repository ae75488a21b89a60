/**
 * HostnameGenerator resources through buildSnapshot. Expected values from kumahq/kuma: the kind arrives in 2.8.0
 * (commit 8e7fb30364, #10333; no pkg/core/resources/apis/hostnamegenerator @ 2.7.29); validate.go @ v2.14.3 (exactly
 * one selector, non-empty template); the selectors are structs @ 2.8.0 and pointers from 2.8.1 (commit 12d2ea7af4).
 */
import { describe, expect, it } from "vitest";
import { features, type KumaMinor, type Release } from "../model/versions.js";
import { POLICIES } from "../policies/registry.js";
import { buildSnapshot } from "./snapshot.js";

const build = (resources: unknown[], v: KumaMinor | Release) => buildSnapshot(resources, undefined, features(v), POLICIES);
const hg = (spec: Record<string, unknown>) => ({ type: "HostnameGenerator", name: "team", spec });

describe("HostnameGenerator", () => {
  it("is read into the snapshot with its selector and template (no resource-not-modelled warning)", () => {
    const r = build([hg({ selector: { meshExternalService: { matchLabels: { team: "a" } } }, template: "{{ .DisplayName }}.a.example" })], "2.14");
    expect(r).toHaveProperty("snapshot");
    if (!("snapshot" in r)) return;
    expect(r.snapshot.hostnameGenerators).toEqual([{ name: "team", labels: {}, selector: { MeshExternalService: { team: "a" } }, template: "{{ .DisplayName }}.a.example", source: "snapshot" }]);
    expect(r.snapshot.warnings).toEqual([]);
  });
  it("does not exist before 2.8", () => {
    expect(build([hg({ selector: { meshService: {} }, template: "x" })], "2.7")).toEqual({ errors: [{ path: "resources[0].type", message: "HostnameGenerator does not exist in Kuma 2.7: it was introduced in 2.8" }] });
  });
  it("Kuma's admission: exactly one selector and a template", () => {
    expect(build([hg({ selector: { meshService: {}, meshExternalService: {} } })], "2.14")).toEqual({
      errors: [
        { path: "resources[0].spec.selector", message: "exact one selector (meshService, meshExternalService) must be defined" },
        { path: "resources[0].spec.template", message: "must not be empty" },
      ],
    });
  });
  it("on 2.8.0 the selectors it does not name are empty structs that match everything; from 2.8.1 they select nothing", () => {
    const spec = { selector: { meshService: { matchLabels: { app: "x" } } }, template: "x" };
    const on280 = build([hg(spec)], "2.8.0");
    const on281 = build([hg(spec)], "2.8.1");
    expect("snapshot" in on280 && on280.snapshot.hostnameGenerators[0]!.selector).toEqual({ MeshService: { app: "x" }, MeshExternalService: {} });
    expect("snapshot" in on281 && on281.snapshot.hostnameGenerators[0]!.selector).toEqual({ MeshService: { app: "x" } });
  });
  it("MeshMultiZoneService does not exist before 2.9, MeshService before 2.7", () => {
    const mmzs = { type: "MeshMultiZoneService", mesh: "default", name: "m", spec: { ports: [{ port: 80 }] } };
    expect(build([mmzs], "2.8")).toEqual({ errors: [{ path: "resources[0].type", message: "MeshMultiZoneService does not exist in Kuma 2.8: it was introduced in 2.9" }] });
    expect(build([{ ...mmzs, type: "MeshService" }], "2.6")).toEqual({ errors: [{ path: "resources[0].type", message: "MeshService does not exist in Kuma 2.6: it was introduced in 2.7" }] });
  });
});
