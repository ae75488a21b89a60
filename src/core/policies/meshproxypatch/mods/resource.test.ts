/**
 * cluster and listener modifications, expected values from kumahq/kuma@v2.14.3
 * pkg/plugins/policies/meshproxypatch/plugin/v1alpha1/cluster_mod.go and listener_mod.go.
 */
import { describe, expect, it } from "vitest";
import { features } from "../../../model/versions.js";
import type { JsonObject } from "../../../json.js";
import type { ResourceSet, XdsResource } from "../../../xds/resource-set.js";
import type { ModPayload } from "../api.js";
import { parseModValue } from "./common.js";
import { applyResourceMod } from "./resource.js";

const res = (type: "cluster" | "listener", name: string, origin: string, extra: JsonObject = {}): XdsResource => ({ type, name, origin, value: { name, ...extra } });
const keys = (rs: ResourceSet) => rs.map((r) => `${r.type}/${r.name}`);

function run(type: "cluster" | "listener", resources: ResourceSet, mod: ModPayload, minor: "2.11" | "2.14" = "2.14") {
  const v = parseModValue(type, mod);
  if (!v.ok) throw new Error(v.message);
  return applyResourceMod(type, { resources, mod, features: features(minor), value: v.value }, "added-origin");
}

describe("applyResourceMod", () => {
  const rs: ResourceSet = [
    res("cluster", "a", "outbound"),
    res("cluster", "b", "inbound"),
    res("listener", "a", "outbound"),
    res("listener", "outbound:passthrough:ipv4", "transparent"),
  ];

  it("Add puts a resource of the value's name with the caller's origin, replacing one of the same type and name", () => {
    const out = run("cluster", rs, { operation: "Add", value: "name: a\nconnect_timeout: 9s\n" });
    expect(keys(out.resources)).toEqual(keys(rs));
    expect(out.resources[0]).toEqual({ type: "cluster", name: "a", origin: "added-origin", value: { name: "a", connectTimeout: "9s" } });
    expect(out.resources[2]).toBe(rs[2]);
    expect(out.matched.map((m) => m.label)).toEqual(["cluster a"]);
  });
  it("Remove matches name and origin together; only the given type", () => {
    expect(keys(run("cluster", rs, { operation: "Remove", match: { name: "a", origin: "inbound" } }).resources)).toEqual(keys(rs));
    expect(keys(run("cluster", rs, { operation: "Remove", match: { origin: "inbound" } }).resources)).toEqual(["cluster/a", "listener/a", "listener/outbound:passthrough:ipv4"]);
    expect(keys(run("listener", rs, { operation: "Remove", match: { name: "a" } }).resources)).toEqual(["cluster/a", "cluster/b", "listener/outbound:passthrough:ipv4"]);
  });
  it("Remove without a match removes every resource of the type (clusterMatches: Match == nil)", () => {
    const out = run("cluster", rs, { operation: "Remove" });
    expect(keys(out.resources)).toEqual(["listener/a", "listener/outbound:passthrough:ipv4"]);
    expect(out.matched.map((m) => m.label)).toEqual(["cluster a", "cluster b"]);
    expect(out.matched.map((m) => m.resource)).toEqual(["a", "b"]);
  });
  it("listener names match across naming schemes from 2.12; cluster names never do", () => {
    expect(keys(run("listener", rs, { operation: "Remove", match: { name: "self_transparentproxy_passthrough_outbound_ipv4" } }).resources)).not.toContain("listener/outbound:passthrough:ipv4");
    expect(keys(run("listener", rs, { operation: "Remove", match: { name: "self_transparentproxy_passthrough_outbound_ipv4" } }, "2.11").resources)).toContain("listener/outbound:passthrough:ipv4");
    const clusters = [res("cluster", "outbound:passthrough:ipv4", "transparent")];
    expect(run("cluster", clusters, { operation: "Remove", match: { name: "self_transparentproxy_passthrough_outbound_ipv4" } }).resources).toEqual(clusters);
  });
  it("listener tags select on io.kuma.tags metadata", () => {
    const tagged = res("listener", "in", "inbound", { metadata: { filterMetadata: { "io.kuma.tags": { "kuma.io/service": "web" } } } });
    const out = run("listener", [tagged, res("listener", "other", "inbound")], { operation: "Remove", match: { tags: { "kuma.io/service": "web" } } });
    expect(keys(out.resources)).toEqual(["listener/other"]);
  });
  it("Patch merges into every match and keeps name and origin", () => {
    const out = run("cluster", rs, { operation: "Patch", match: { origin: "outbound" }, value: "connect_timeout: 3s\n" });
    expect(out.resources[0]).toEqual({ type: "cluster", name: "a", origin: "outbound", value: { name: "a", connectTimeout: "3s" } });
    expect(out.resources[1]).toBe(rs[1]);
    expect(out.matched.map((m) => m.label)).toEqual(["cluster a"]);
  });
  it("a failing Patch returns the input untouched, names the failing resource, and stops", () => {
    const out = run("cluster", rs, { operation: "Patch", jsonPatches: [{ op: "replace", path: "/missing", value: 1 }] });
    expect(out.resources).toBe(rs);
    expect(out.matched.map((m) => m.label)).toEqual(["cluster a"]);
    expect(out.error).toMatch(/^failed to patch: apply json patches: /);
  });
  it("an unknown operation is Kuma's error", () => {
    expect(run("listener", rs, { operation: "Upsert" })).toMatchObject({ resources: rs, matched: [], error: "invalid operation: Upsert" });
  });
});
