/**
 * buildSnapshot: both resource forms, `kind: List`, multi-document YAML, what-if patches, duplicates, kinds that
 * do not exist in the chosen Kuma minor, and policy roles. Expected values are typed from kumahq/kuma (the tag is
 * named on each test) and from the request paths the input gives.
 */
import { describe, expect, it } from "vitest";
import { features, type KumaMinor, type Release } from "../model/versions.js";
import { POLICIES } from "../policies/registry.js";
import { buildSnapshot as buildFor, KNOWN_UNMODELLED_KINDS, type RemoveRef, type Snapshot, type SnapshotInput } from "./snapshot.js";
import { YamlMemo } from "../parse/yaml.js";

/** buildSnapshot with the registry's kinds, at a release or bare minor. */
function buildSnapshot(resources: SnapshotInput, patches: SnapshotInput, version: KumaMinor | Release, paths?: { resources: string; patches: string; remove?: string }, remove?: readonly RemoveRef[]) {
  return buildFor(resources, patches, features(version), POLICIES, paths, { remove });
}

const TP = { redirectPortInbound: 15006, redirectPortOutbound: 15001 };
const uDataplane = (name: string, mesh = "default", address = "10.0.0.1") => ({ type: "Dataplane", mesh, name, networking: { address, inbound: [{ port: 8080, tags: { "kuma.io/service": name } }], transparentProxying: TP } });
const uProxyPatch = (name: string, clusterName = "x") => ({
  type: "MeshProxyPatch",
  mesh: "default",
  name,
  spec: { targetRef: { kind: "Mesh" }, default: { appendModifications: [{ cluster: { operation: "Remove", match: { name: clusterName } } }] } },
});

function snapshot(...args: Parameters<typeof buildSnapshot>): Snapshot {
  const r = buildSnapshot(...args);
  if ("errors" in r) throw new Error(JSON.stringify(r.errors));
  return r.snapshot;
}
function errors(...args: Parameters<typeof buildSnapshot>) {
  const r = buildSnapshot(...args);
  return "errors" in r ? r.errors : [];
}

describe("buildSnapshot: forms", () => {
  it("reads Universal and Kubernetes resources side by side", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/model/rest/v1alpha1/resource.go (Universal) and pkg/plugins/resources/k8s/native/api/v1alpha1/zz_generated.mesh.go (Kubernetes)
    const s = snapshot(
      [
        { type: "Mesh", name: "default", networking: { outbound: { passthrough: false } } },
        uDataplane("web"),
        { apiVersion: "kuma.io/v1alpha1", kind: "Dataplane", mesh: "default", metadata: { name: "api", namespace: "shop" }, spec: { networking: { address: "10.0.0.2" } } },
        { apiVersion: "kuma.io/v1alpha1", kind: "MeshService", metadata: { name: "api", namespace: "shop", labels: { "kuma.io/mesh": "default" } }, spec: { ports: [{ port: 80 }] }, status: { vips: [{ ip: "241.0.0.1" }] } },
      ],
      undefined,
      "2.14",
    );
    expect([...s.meshes.keys()]).toEqual(["default"]);
    expect(s.meshes.get("default")!.passthrough).toBe(false);
    expect(s.dataplanes.map((d) => [d.name, d.mesh, d.address])).toEqual([
      ["web", "default", "10.0.0.1"],
      ["api", "default", "10.0.0.2"],
    ]);
    expect(s.destinations.map((d) => [d.kind, d.name, d.namespace, d.addresses])).toEqual([["MeshService", "api", "shop", ["241.0.0.1"]]]);
    expect(s.warnings).toEqual([]);
    expect(s.assumptions).toEqual([]);
  });
  it("a Kubernetes Dataplane carries the k8s.kuma.io/namespace label; a label the resource sets wins", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/labels/compute.go Compute (setIfNotExist(KubeNamespaceTag, namespace))
    const s = snapshot(
      [
        { apiVersion: "kuma.io/v1alpha1", kind: "Dataplane", mesh: "default", metadata: { name: "a", namespace: "shop", labels: { app: "a" } }, spec: { networking: { address: "10.0.0.2" } } },
        { apiVersion: "kuma.io/v1alpha1", kind: "Dataplane", mesh: "default", metadata: { name: "b", namespace: "shop", labels: { "k8s.kuma.io/namespace": "other" } }, spec: { networking: { address: "10.0.0.3" } } },
        uDataplane("c"),
      ],
      undefined,
      "2.14",
    );
    expect(s.dataplanes.map((d) => d.labels)).toEqual([{ "k8s.kuma.io/namespace": "shop", app: "a" }, { "k8s.kuma.io/namespace": "other" }, {}]);
  });
  it("`kind: List` and a multi-document YAML string (a document may itself be a list)", () => {
    // kubernetes/apimachinery@v0.33.0 pkg/apis/meta/v1/types.go List (items); YAML 1.2 streams hold several documents
    const yaml = ["type: Mesh\nname: m1", "kind: List\nitems:\n  - {type: Mesh, name: m2}", "- {type: Mesh, name: m3}\n- {type: Mesh, name: m4}"].join("\n---\n");
    expect([...snapshot(yaml, undefined, "2.14").meshes.keys()]).toEqual(["m1", "m2", "m3", "m4"]);
    expect([...snapshot([{ kind: "List", items: [{ type: "Mesh", name: "a" }, { kind: "List", items: [{ type: "Mesh", name: "b" }] }] }], undefined, "2.14").meshes.keys()]).toEqual(["a", "b"]);
  });
  it("violations in a YAML string are addressed by document (and item) index", () => {
    // YAML 1.2 streams: documents in order; kumahq/kuma@v2.14.3 pkg/core/resources/model/rest/v1alpha1/resource.go `type`
    const yaml = "type: Mesh\nname: ok\n---\n- {type: Mesh, name: ok2}\n- {type: Bogus, name: x}";
    expect(errors(yaml, undefined, "2.14")).toEqual([{ path: "resources[1][1].type", message: expect.stringMatching(/^unknown resource kind "Bogus"/) }]);
  });
  it("a YAML string that does not parse is a violation, not an exception", () => {
    // YAML 1.2: an unterminated flow mapping is a syntax error
    const e = errors("type: Mesh\nname: {oops", undefined, "2.14");
    expect(e.length).toBeGreaterThan(0);
    expect(e[0]!.path.startsWith("resources")).toBe(true);
  });
  it("no resources at all: an empty snapshot", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/model/resource.go (an empty store has no resources)
    expect(snapshot(undefined, undefined, "2.14")).toEqual({ meshes: new Map(), dataplanes: [], destinations: [], policies: [], hostnameGenerators: [], trafficLogs: [], ignored: [], removed: [], warnings: [], assumptions: [], whatIf: { replaced: [], added: [], removed: [] }, yaml: expect.any(YamlMemo) });
  });
});

describe("buildSnapshot: kinds", () => {
  it("an unknown kind is a violation at `type` (Universal) or `kind` (Kubernetes)", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/registry/global.go (only registered types exist)
    const e = errors([{ type: "MeshSomething", mesh: "default", name: "a" }, { apiVersion: "kuma.io/v1alpha1", kind: "Nope", metadata: { name: "b" } }], undefined, "2.14");
    expect(e.map((x) => x.path)).toEqual(["resources[0].type", "resources[1].kind"]);
    expect(e[0]!.message).toMatch(/^unknown resource kind "MeshSomething"; meshsim models Mesh, Dataplane, TrafficLog, MeshService, /);
  });
  it("a Kuma kind meshsim does not model is accepted with a warning", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshretry (a real kind; it never touches passthrough resources)
    expect(KNOWN_UNMODELLED_KINDS).toContain("MeshRetry");
    const s = snapshot([{ type: "MeshRetry", mesh: "default", name: "r", spec: {} }], undefined, "2.14");
    expect(s.warnings).toEqual([{ code: "resource-not-modelled", message: 'MeshRetry "r" (resources[0]) is accepted but not modelled by meshsim; it is ignored' }]);
    expect(s.policies).toEqual([]);
  });
  it("a policy kind older Kumas do not have is a violation naming the minor that introduced it", () => {
    // kumahq/kuma@2.8.0 pkg/plugins/policies/meshpassthrough (absent at 2.7.0); kumahq/kuma@2.9.0 pkg/plugins/policies/meshtls (absent at 2.8.0)
    // 2.8's admission wants proxyTypes [Sidecar] (kumahq/kuma@2.8.0 meshpassthrough validator.go validateTop).
    const mpt = { type: "MeshPassthrough", mesh: "default", name: "p", spec: { targetRef: { kind: "Mesh", proxyTypes: ["Sidecar"] }, default: { passthroughMode: "All" } } };
    expect(errors([mpt], undefined, "2.7")).toEqual([{ path: "resources[0].type", message: "MeshPassthrough does not exist in Kuma 2.7: it was introduced in 2.8" }]);
    expect(snapshot([mpt], undefined, "2.8").policies.map((p) => p.kind)).toEqual(["MeshPassthrough"]);
    const tls = { apiVersion: "kuma.io/v1alpha1", kind: "MeshTLS", metadata: { name: "t", namespace: "kuma-system" }, spec: { targetRef: { kind: "Mesh" }, from: [{ targetRef: { kind: "Mesh" }, default: { mode: "Strict" } }] } };
    expect(errors([tls], undefined, "2.8")).toEqual([{ path: "resources[0].kind", message: "MeshTLS does not exist in Kuma 2.8: it was introduced in 2.9" }]);
  });
  it("an unmodelled kind registered after 2.5 is refused before its release and accepted with a warning from it", () => {
    // kumahq/kuma@v2.14.0 pkg/core/resources/apis/meshopentelemetrybackend (absent at v2.13.10); @2.12.0 meshidentity (absent at v2.11.18)
    const motb = { type: "MeshOpenTelemetryBackend", mesh: "default", name: "otel", spec: {} };
    expect(errors([motb], undefined, "2.13")).toEqual([{ path: "resources[0].type", message: "MeshOpenTelemetryBackend does not exist in Kuma 2.13: it was introduced in 2.14" }]);
    expect(snapshot([motb], undefined, "2.14").warnings.map((w) => w.code)).toEqual(["resource-not-modelled"]);
    const identity = { type: "MeshIdentity", mesh: "default", name: "id", spec: {} };
    expect(errors([identity], undefined, "2.11")[0]?.message).toBe("MeshIdentity does not exist in Kuma 2.11: it was introduced in 2.12");
    expect(snapshot([identity], undefined, "2.12").ignored).toEqual([{ kind: "MeshIdentity", name: "id", mesh: "default" }]);
  });
  it("old-style Universal kinds (ExternalService) keep their spec at the top level", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/model/rest/v1alpha1/resource.go (legacy kinds marshal their spec inline in Universal)
    const s = snapshot([{ type: "ExternalService", mesh: "default", name: "httpbin", tags: { "kuma.io/service": "httpbin" }, networking: { address: "httpbin.org:443" } }], undefined, "2.14");
    expect(s.destinations).toMatchObject([{ kind: "ExternalService", service: "httpbin", externalHost: "httpbin.org", ports: [443] }]);
  });
});

describe("buildSnapshot: violations", () => {
  it("every violation is collected, with its request path (top level for old-style Universal, under spec for Kubernetes)", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/apis/mesh/dataplane_validator.go validateAddress / ValidatePort
    const e = errors(
      [
        { type: "Dataplane", mesh: "default", name: "a", networking: {} },
        { apiVersion: "kuma.io/v1alpha1", kind: "Dataplane", mesh: "default", metadata: { name: "b" }, spec: { networking: { address: "x", inbound: [{ port: 70000 }] } } },
        "not a resource",
      ],
      undefined,
      "2.14",
    );
    expect(e.map((x) => x.path)).toEqual(["resources[2]", "resources[0].networking.address", "resources[1].spec.networking.inbound[0].port"]);
  });
  it("a policy that fails Kuma's validation is a violation at its spec path", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshproxypatch/api/v1alpha1/validator.go validateDefault (validators.MustNotBeEmpty)
    const e = errors([{ type: "MeshProxyPatch", mesh: "default", name: "p", spec: { targetRef: { kind: "Mesh" }, default: { appendModifications: [] } } }], undefined, "2.14");
    expect(e).toEqual([{ path: "resources[0].spec.default.appendModifications", message: "must not be empty" }]);
  });
  it("two resources of one kind, mesh and name are a duplicate; another mesh or namespace is not", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/store/options.go CreateByKey (a resource is keyed by type, mesh and name; on Kubernetes name.namespace)
    expect(errors([uDataplane("web"), uDataplane("web", "default", "10.0.0.9")], undefined, "2.14")).toEqual([
      { path: "resources[1]", message: 'duplicate Dataplane "web" in mesh "default" (also at resources[0])' },
    ]);
    const k8s = (ns: string) => ({ apiVersion: "kuma.io/v1alpha1", kind: "Dataplane", mesh: "default", metadata: { name: "web", namespace: ns }, spec: { networking: { address: "10.0.0.1" } } });
    expect(snapshot([uDataplane("web"), uDataplane("web", "other"), k8s("a"), k8s("b")], undefined, "2.14").dataplanes).toHaveLength(4);
  });
});

describe("buildSnapshot: what-if patches", () => {
  it("a patch of any kind is read like a resource: a Dataplane patch adds a Dataplane", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/store/options.go CreateByKey (a new key is a new resource)
    const s = snapshot([uDataplane("api")], [uDataplane("web")], "2.14");
    expect(s.dataplanes.map((d) => d.name)).toEqual(["api", "web"]);
    expect(s.whatIf).toEqual({ replaced: [], added: [{ kind: "Dataplane", mesh: "default", name: "web", path: "patches[0]" }], removed: [] });
  });
  it("a patch replaces the resource of the same kind, mesh and name, and says so", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/store/options.go CreateByKey / UpdateOptions (same key: the later write replaces the resource)
    const s = snapshot([uProxyPatch("mpp", "old")], [uProxyPatch("mpp", "new")], "2.14");
    expect(s.policies).toHaveLength(1);
    expect(s.policies[0]).toMatchObject({ kind: "MeshProxyPatch", whatIf: true, envelope: { path: "patches[0]" } });
    expect(s.assumptions).toEqual(['what-if MeshProxyPatch "mpp" (patches[0]) replaces the one at resources[0]']);
    expect(s.whatIf).toEqual({ replaced: [{ kind: "MeshProxyPatch", mesh: "default", name: "mpp", path: "patches[0]", resource: "resources[0]" }], added: [], removed: [] });
  });
  it("a new patch is added next to the existing policies", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/store/options.go CreateByKey (different keys coexist)
    const s = snapshot([uProxyPatch("a")], [uProxyPatch("b")], "2.14");
    expect(s.policies.map((p) => [p.envelope.name, p.whatIf])).toEqual([
      ["a", false],
      ["b", true],
    ]);
    expect(s.assumptions).toEqual([]);
  });
  it("patch paths follow the names the caller gives", () => {
    // request paths are the caller's; kumahq/kuma@v2.14.3 pkg/core/resources/model/rest/v1alpha1/resource.go `type`
    expect(errors(undefined, [{ type: "Nope", mesh: "default", name: "x" }], "2.14", { resources: "body.resources", patches: "body.whatIf" })[0]?.path).toBe("body.whatIf[0].type");
    expect(errors(undefined, undefined, "2.14", { resources: "body.resources", patches: "body.whatIf", remove: "body.drop" }, [{ kind: "Mesh", name: "x" }])[0]?.path).toBe("body.drop[0]");
  });
});

describe("buildSnapshot: what-if edits of any kind, and remove", () => {
  const uMesh = (name: string, passthrough: boolean) => ({ type: "Mesh", name, networking: { outbound: { passthrough } } });
  it("a Mesh patch replaces the snapshot's Mesh: its settings are the ones simulated", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/store/options.go UpdateOptions (same key: the update replaces the spec)
    const s = snapshot([uMesh("default", true), uDataplane("web")], [uMesh("default", false)], "2.14");
    expect(s.meshes.get("default")?.passthrough).toBe(false);
    expect(s.whatIf.replaced).toEqual([{ kind: "Mesh", mesh: "default", name: "default", path: "patches[0]", resource: "resources[0]" }]);
  });
  it("remove deletes a resource by kind, mesh and name, and lists it", () => {
    const s = snapshot([uDataplane("web"), uProxyPatch("a"), uProxyPatch("b")], undefined, "2.14", undefined, [{ kind: "MeshProxyPatch", name: "a" }]);
    expect(s.policies.map((p) => p.envelope.name)).toEqual(["b"]);
    expect(s.whatIf).toEqual({ replaced: [], added: [], removed: [{ kind: "MeshProxyPatch", mesh: "default", name: "a", path: "remove[0]", resource: "resources[1]" }] });
  });
  it("remove reads the mesh: the same name in another mesh is not touched", () => {
    const other = { ...uProxyPatch("a"), mesh: "other" };
    const s = snapshot([uProxyPatch("a"), other], undefined, "2.14", undefined, [{ kind: "MeshProxyPatch", name: "a", mesh: "other" }]);
    expect(s.policies.map((p) => p.envelope.mesh)).toEqual(["default"]);
  });
  it("a removal that names nothing says what exists, with the nearest name", () => {
    expect(errors([uProxyPatch("allow-egress")], undefined, "2.14", undefined, [{ kind: "MeshProxyPatch", name: "allow-egres" }])).toEqual([
      { path: "remove[0]", message: 'no MeshProxyPatch "allow-egres" in mesh "default" among resources to remove; did you mean "allow-egress"? (MeshProxyPatch: allow-egress)' },
    ]);
    expect(errors([uDataplane("web")], undefined, "2.14", undefined, [{ kind: "MeshTimeout", name: "t" }])).toEqual([
      { path: "remove[0]", message: 'no MeshTimeout "t" in mesh "default" among resources to remove; the snapshot has no MeshTimeout' },
    ]);
  });
  it("a Kubernetes name in two namespaces needs `namespace`", () => {
    const k8s = (ns: string) => ({ apiVersion: "kuma.io/v1alpha1", kind: "MeshProxyPatch", metadata: { name: "p", namespace: ns, labels: { "kuma.io/mesh": "default" } }, spec: uProxyPatch("p").spec });
    expect(errors([k8s("a"), k8s("b")], undefined, "2.14", undefined, [{ kind: "MeshProxyPatch", name: "p" }])).toEqual([
      { path: "remove[0].namespace", message: 'MeshProxyPatch "p" exists in several namespaces (a, b); add namespace: to say which to remove' },
    ]);
    const s = snapshot([k8s("a"), k8s("b")], undefined, "2.14", undefined, [{ kind: "MeshProxyPatch", name: "p", namespace: "b" }]);
    expect(s.policies.map((p) => p.envelope.namespace)).toEqual(["a"]);
  });
  it("removing a resource that is also patched is refused: keep one of the two", () => {
    expect(errors([uProxyPatch("a")], [uProxyPatch("a")], "2.14", undefined, [{ kind: "MeshProxyPatch", name: "a" }])).toEqual([
      { path: "remove[0]", message: 'MeshProxyPatch "a" is both a what-if patch (patches[0]) and removed; keep one of the two' },
    ]);
  });
  it("a Mesh with Dataplanes left cannot be removed, as Kuma refuses it; with them removed too it can", () => {
    // kumahq/kuma@v2.14.3 pkg/core/managers/apis/mesh/mesh_validator.go ValidateNoActiveDP
    expect(errors([uMesh("default", true), uDataplane("web")], undefined, "2.14", undefined, [{ kind: "Mesh", name: "default" }])).toEqual([
      { path: "remove[0]", message: "unable to delete mesh, there are still some dataplanes attached (Kuma refuses it): web; remove them too" },
    ]);
    const s = snapshot([uMesh("default", true), uDataplane("web")], undefined, "2.14", undefined, [{ kind: "Mesh", name: "default" }, { kind: "Dataplane", name: "web" }]);
    expect([s.meshes.size, s.dataplanes.length, s.whatIf.removed.map((r) => r.path)]).toEqual([0, 0, ["remove[0]", "remove[1]"]]);
  });
  it("the input is not mutated", () => {
    const resources = [uDataplane("web"), uProxyPatch("a")];
    const before = JSON.stringify(resources);
    snapshot(resources, [uProxyPatch("a", "z")], "2.14", undefined, [{ kind: "Dataplane", name: "web" }]);
    expect(JSON.stringify(resources)).toBe(before);
  });
});

describe("buildSnapshot: policy role", () => {
  const k8sPatch = (ns: string, labels: Record<string, string> = {}) => ({
    apiVersion: "kuma.io/v1alpha1",
    kind: "MeshProxyPatch",
    metadata: { name: `p-${ns}`, namespace: ns, labels },
    spec: { targetRef: { kind: "Mesh" }, default: { appendModifications: [{ cluster: { operation: "Remove", match: { name: "x" } } }] } },
  });
  it("Universal: system; Kubernetes in the system namespace: system; elsewhere (no to/from): workload-owner", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/labels/compute.go ComputePolicyRole
    const s = snapshot([uProxyPatch("u"), k8sPatch("kuma-system"), k8sPatch("shop")], undefined, "2.14");
    expect(s.policies.map((p) => [p.envelope.name, p.role])).toEqual([
      ["u", "system"],
      ["p-kuma-system", "system"],
      ["p-shop", "workload-owner"],
    ]);
  });
  it("an invalid kuma.io/policy-role label is ignored", () => {
    // kumahq/kuma@v2.14.3 api/mesh/v1alpha1/dataplane_helpers.go PolicyRoleLabel; the roles are system, producer, consumer, workload-owner
    const s = snapshot([k8sPatch("shop", { "kuma.io/policy-role": "boss" })], undefined, "2.14");
    expect(s.policies[0]!.role).toBe("workload-owner");
  });
});
