/**
 * The resource envelope in Kuma's two forms: Universal (REST `{type, mesh, name, labels, creationTime, ...}`,
 * kuma `pkg/core/resources/model/rest/v1alpha1/resource.go`) and Kubernetes (`{apiVersion, kind, metadata, spec}`,
 * the mesh from the `kuma.io/mesh` label or, for Dataplane, a top-level `mesh`). Expected values are typed from
 * those Kuma files @ v2.14.3.
 */
import { describe, expect, it } from "vitest";
import { flattenEntries, flattenLists, readEnvelope } from "./envelope.js";
import { type Envelope } from "../model/envelope.js";
import { SYSTEM_NAMESPACES } from "../model/envelope.js";

const OLD_STYLE = new Set(["Mesh", "Dataplane"]);
const newStyle = (k: string) => !OLD_STYLE.has(k);

function envelope(item: unknown, path = "resources[0]"): Envelope {
  const r = readEnvelope(item, path, newStyle);
  if ("errors" in r) throw new Error(JSON.stringify(r.errors));
  return r.envelope;
}
function errors(item: unknown, path = "resources[0]") {
  const r = readEnvelope(item, path, newStyle);
  return "errors" in r ? r.errors : [];
}

describe("readEnvelope: Universal form", () => {
  it("a new-style policy keeps its spec under `spec` and its labels", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/model/rest/v1alpha1/resource.go: type, mesh, name, labels, spec, status
    const e = envelope({ type: "MeshTimeout", mesh: "m1", name: "t1", labels: { team: "a" }, creationTime: "2024-05-01T00:00:00Z", spec: { targetRef: { kind: "Mesh" } } });
    expect(e).toEqual({
      kind: "MeshTimeout",
      name: "t1",
      mesh: "m1",
      form: "universal",
      namespace: undefined,
      labels: { team: "a" },
      spec: { targetRef: { kind: "Mesh" } },
      specPath: "resources[0].spec",
      path: "resources[0]",
      status: undefined,
      creationTime: "2024-05-01T00:00:00Z",
    });
  });
  it("an old-style kind (Dataplane) carries its spec at the top level, minus the envelope fields", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/model/rest/v1alpha1/resource.go: creationTime/modificationTime/labels are meta, not spec
    const e = envelope({ type: "Dataplane", mesh: "default", name: "dp-1", creationTime: "x", modificationTime: "y", labels: { a: "b" }, networking: { address: "10.0.0.1" } });
    expect(e.spec).toEqual({ networking: { address: "10.0.0.1" } });
    expect(e.specPath).toBe("resources[0]");
    expect(e.labels).toEqual({ a: "b" });
  });
  it("a new-style resource without `spec` has an empty spec", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/model/rest/v1alpha1/resource.go: `spec,omitempty`
    expect(envelope({ type: "MeshTimeout", mesh: "default", name: "t" }).spec).toEqual({});
  });
  it("`status` is kept for VIPs and addresses", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/model/rest/v1alpha1/resource.go: Status core_model.ResourceStatus `json:"status,omitempty"`
    expect(envelope({ type: "MeshService", mesh: "default", name: "s", spec: {}, status: { vips: [{ ip: "241.0.0.1" }] } }).status).toEqual({ vips: [{ ip: "241.0.0.1" }] });
  });
});

describe("readEnvelope: Kubernetes form", () => {
  it("the mesh comes from the kuma.io/mesh label; namespace, labels and creationTimestamp are read from metadata", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshtimeout/k8s/v1alpha1/zz_generated.types.go GetMesh
    const e = envelope({
      apiVersion: "kuma.io/v1alpha1",
      kind: "MeshTimeout",
      metadata: { name: "t1", namespace: "kuma-system", labels: { "kuma.io/mesh": "m2" }, creationTimestamp: "2024-06-01T00:00:00Z" },
      spec: { targetRef: { kind: "Mesh" } },
    });
    expect(e).toEqual({
      kind: "MeshTimeout",
      name: "t1",
      mesh: "m2",
      form: "kubernetes",
      namespace: "kuma-system",
      labels: { "kuma.io/mesh": "m2" },
      spec: { targetRef: { kind: "Mesh" } },
      specPath: "resources[0].spec",
      path: "resources[0]",
      status: undefined,
      creationTime: "2024-06-01T00:00:00Z",
    });
  });
  it("without the label the mesh is `default`", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshtimeout/k8s/v1alpha1/zz_generated.types.go GetMesh (core_model.DefaultMesh)
    expect(envelope({ apiVersion: "kuma.io/v1alpha1", kind: "MeshTimeout", metadata: { name: "t" }, spec: {} }).mesh).toBe("default");
  });
  it("a present but empty kuma.io/mesh label is taken as is, as Kuma's GetMesh does", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshtimeout/k8s/v1alpha1/zz_generated.types.go GetMesh (`if mesh, ok := Labels[...]`)
    expect(envelope({ apiVersion: "kuma.io/v1alpha1", kind: "MeshTimeout", metadata: { name: "t", labels: { "kuma.io/mesh": "" } } }).mesh).toBe("");
  });
  it("a Kubernetes Dataplane names its mesh in a top-level `mesh` field", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/resources/k8s/native/api/v1alpha1/zz_generated.mesh.go: Mesh string `json:"mesh,omitempty"`
    const e = envelope({ apiVersion: "kuma.io/v1alpha1", kind: "Dataplane", mesh: "m3", metadata: { name: "dp", namespace: "app" }, spec: { networking: { address: "10.0.0.1" } } });
    expect(e.mesh).toBe("m3");
    expect(e.namespace).toBe("app");
    expect(e.spec).toEqual({ networking: { address: "10.0.0.1" } });
    expect(e.specPath).toBe("resources[0].spec");
  });
  it("no spec: an empty one; non-string label values are not labels", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/resources/k8s/native/api/v1alpha1/zz_generated.mesh.go: labels are map[string]string
    const e = envelope({ apiVersion: "v1", kind: "Service", metadata: { name: "web", labels: { app: "web", n: 1 } } });
    expect(e.spec).toEqual({});
    expect(e.labels).toEqual({ app: "web" });
  });
  it("`kind` alone (no apiVersion) is read as the Kubernetes form", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/resources/k8s/native/api/v1alpha1/zz_generated.mesh.go: kind + metadata identify a Kubernetes object
    expect(envelope({ kind: "MeshTimeout", metadata: { name: "t" } }).form).toBe("kubernetes");
  });
});

describe("readEnvelope: failures", () => {
  it("a non-object", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/model/rest/v1alpha1/resource.go: a resource is a JSON object
    expect(errors("MeshTimeout")).toEqual([{ path: "resources[0]", message: "a resource must be an object" }]);
    expect(errors(null)).toEqual([{ path: "resources[0]", message: "a resource must be an object" }]);
    expect(errors([1])).toEqual([{ path: "resources[0]", message: "a resource must be an object" }]);
  });
  it("Kubernetes form: kind missing or empty, metadata.name missing or empty", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/resources/k8s/native/api/v1alpha1/zz_generated.mesh.go: TypeMeta kind and ObjectMeta name identify the object
    expect(errors({ apiVersion: "kuma.io/v1alpha1", metadata: { name: "x" } })).toEqual([{ path: "resources[0].kind", message: "must be a non-empty string" }]);
    expect(errors({ apiVersion: "kuma.io/v1alpha1", kind: "", metadata: { name: "x" } })).toEqual([{ path: "resources[0].kind", message: "must be a non-empty string" }]);
    expect(errors({ kind: "MeshTimeout", spec: {} })).toEqual([{ path: "resources[0].metadata.name", message: "must be a non-empty string" }]);
    expect(errors({ kind: "MeshTimeout", metadata: { name: "" } })).toEqual([{ path: "resources[0].metadata.name", message: "must be a non-empty string" }]);
  });
  it("Universal form: no type, or a missing name", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/model/rest/v1alpha1/resource.go: type and name are required meta
    expect(errors({ name: "x", mesh: "default" })).toEqual([
      { path: "resources[0]", message: "not a Kuma resource: expected Universal form (type, name, mesh) or Kubernetes form (apiVersion, kind, metadata, spec)" },
    ]);
    expect(errors({ type: "Mesh" })).toEqual([{ path: "resources[0].name", message: "must be a non-empty string" }]);
    expect(errors({ type: "Mesh", name: "" })).toEqual([{ path: "resources[0].name", message: "must be a non-empty string" }]);
  });
});

describe("flattenLists / flattenEntries", () => {
  it("`kind: List` (nested too) becomes its items, in order, with their request paths", () => {
    // kubernetes/apimachinery@v0.33.0 pkg/apis/meta/v1/types.go List: resources under `items`
    const a = { type: "Mesh", name: "a" };
    const b = { type: "Mesh", name: "b" };
    const c = { type: "Mesh", name: "c" };
    const d = { type: "Mesh", name: "d" };
    const out = flattenLists([a, { apiVersion: "v1", kind: "List", items: [b, { kind: "List", items: [c] }] }, d], "resources");
    expect(out).toEqual([
      { item: a, path: "resources[0]" },
      { item: b, path: "resources[1].items[0]" },
      { item: c, path: "resources[1].items[1].items[0]" },
      { item: d, path: "resources[2]" },
    ]);
  });
  it("a List without an items array is left as one resource; an empty List gives nothing", () => {
    // kubernetes/apimachinery@v0.33.0 pkg/apis/meta/v1/types.go List: resources under `items`
    const odd = { kind: "List", items: "nope" };
    expect(flattenLists([odd, { kind: "List", items: [] }], "r")).toEqual([{ item: odd, path: "r[0]" }]);
  });
  it("flattenEntries keeps the paths it is given", () => {
    // kubernetes/apimachinery@v0.33.0 pkg/apis/meta/v1/types.go List: resources under `items`
    const x = { type: "Mesh", name: "x" };
    expect(flattenEntries([{ item: { kind: "List", items: [x] }, path: "resources[3][1]" }])).toEqual([{ item: x, path: "resources[3][1].items[0]" }]);
  });
});

describe("SYSTEM_NAMESPACES", () => {
  it("holds Kuma's default system namespace", () => {
    // kumahq/kuma@v2.14.3 pkg/config/app/kuma-cp/kuma-cp.defaults.yaml store.kubernetes.systemNamespace: kuma-system
    expect(SYSTEM_NAMESPACES).toContain("kuma-system");
  });
});
