/**
 * The resource set: keyed by (type, name), adding an existing key replaces it in place
 * (kumahq/kuma@v2.14.3 pkg/core/xds/resource.go ResourceSet.Add), every operation returns a new set,
 * and the rendered config lists each type sorted by name with its `@type`.
 */
import { describe, expect, it } from "vitest";
import { addResource, addResources, findResource, removeResources, renderConfig, resourcesOf, type ResourceSet, type XdsResource } from "./resource-set.js";

const r = (type: "listener" | "cluster", name: string, extra: Record<string, string> = {}): XdsResource => ({ type, name, origin: "test", value: { name, ...extra } });

describe("resource set", () => {
  const base: ResourceSet = [r("cluster", "b"), r("listener", "b"), r("cluster", "a")];

  it("addResource appends a new (type, name)", () => {
    const out = addResource(base, r("cluster", "c"));
    expect(out.map((x) => `${x.type}/${x.name}`)).toEqual(["cluster/b", "listener/b", "cluster/a", "cluster/c"]);
  });
  it("addResource replaces the same (type, name) in place, never the same name of the other type", () => {
    const out = addResource(base, r("cluster", "b", { type: "STATIC" }));
    expect(out.map((x) => `${x.type}/${x.name}`)).toEqual(["cluster/b", "listener/b", "cluster/a"]);
    expect(out[0]!.value).toEqual({ name: "b", type: "STATIC" });
    expect(out[1]).toBe(base[1]);
  });
  it("addResources is addResource of each in order: replaced in place (also one added earlier in the list), else appended", () => {
    const out = addResources(base, [r("cluster", "c"), r("listener", "b", { v: "1" }), r("cluster", "c", { v: "2" }), r("listener", "d")]);
    expect(out.map((x) => `${x.type}/${x.name}`)).toEqual(["cluster/b", "listener/b", "cluster/a", "cluster/c", "listener/d"]);
    expect(out[1]!.value).toEqual({ name: "b", v: "1" });
    expect(out[3]!.value).toEqual({ name: "c", v: "2" });
    expect(base.map((x) => x.value)).toEqual([{ name: "b" }, { name: "b" }, { name: "a" }]);
  });
  it("never mutates its input", () => {
    const copy = [...base];
    addResource(base, r("cluster", "b", { type: "STATIC" }));
    removeResources(base, () => true);
    expect(base).toEqual(copy);
  });
  it("removeResources drops every match", () => {
    expect(removeResources(base, (x) => x.name === "b")).toEqual([base[2]]);
  });
  it("findResource and resourcesOf filter by type", () => {
    expect(findResource(base, "listener", "b")).toBe(base[1]);
    expect(findResource(base, "listener", "a")).toBeUndefined();
    expect(resourcesOf(base, "cluster").map((x) => x.name)).toEqual(["b", "a"]);
  });
  it("renderConfig sorts each list by name (code-unit order) and puts the v3 type URL first", () => {
    const out = renderConfig([r("cluster", "b"), r("cluster", "B"), r("cluster", "a:1"), r("listener", "x")]);
    expect(out.clusters.map((c) => c["name"])).toEqual(["B", "a:1", "b"]);
    expect(out.clusters[0]).toEqual({ "@type": "type.googleapis.com/envoy.config.cluster.v3.Cluster", name: "B" });
    expect(Object.keys(out.clusters[0]!)[0]).toBe("@type");
    expect(out.listeners).toEqual([{ "@type": "type.googleapis.com/envoy.config.listener.v3.Listener", name: "x" }]);
  });
  it("renderConfig of an empty set has two empty lists", () => {
    expect(renderConfig([])).toEqual({ listeners: [], clusters: [] });
  });
});
