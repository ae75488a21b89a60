/**
 * `resources` as operators have them in hand: kumactl list output (YAML and JSON), `kubectl get -o json` (one
 * `kind: List` object), one resource given as an object. The inputs are written as those tools print them:
 * kumactl's list shape and key order from kumahq/kuma@v2.14.3 pkg/core/resources/model/rest/list.go (ResourceList:
 * total, items, next) and app/kumactl/cmd/get/testdata/list/get-dataplanes.golden.{json,yaml} (every item carries
 * creationTime, modificationTime and kri); kubectl's from kubernetes/apimachinery@v0.33.0 pkg/apis/meta/v1/types.go List.
 */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createApp } from "./app.js";

const app = createApp();
const post = (path: string, body: string, type: string) => app.request(path, { method: "POST", body, headers: { "content-type": type } });

// As `kumactl get dataplanes -o yaml` prints a list: keys sorted, `next: null`, `total` last.
const KUMACTL_YAML = `items:
- creationTime: "2026-01-05T10:00:00Z"
  kri: kri_dp_default___web-01_
  mesh: default
  modificationTime: "2026-01-05T10:00:00Z"
  name: web-01
  networking:
    address: 10.0.0.5
    inbound:
    - port: 8080
      tags:
        kuma.io/service: web
    transparentProxying:
      redirectPortInbound: 15006
      redirectPortOutbound: 15001
  type: Dataplane
next: null
total: 1
`;

// As `kumactl get meshproxypatches -o json` prints: total first, then items, then next.
const KUMACTL_JSON = `{
  "total": 1,
  "items": [
    {
      "type": "MeshProxyPatch",
      "mesh": "default",
      "name": "cb",
      "creationTime": "2026-01-05T10:00:00Z",
      "modificationTime": "2026-01-05T10:00:00Z",
      "kri": "kri_mpp_default___cb_",
      "spec": {
        "targetRef": {
          "kind": "Mesh"
        },
        "default": {
          "appendModifications": [
            {
              "cluster": {
                "operation": "Patch",
                "match": {
                  "name": "outbound:passthrough:ipv4"
                },
                "value": "connectTimeout: 7s"
              }
            }
          ]
        }
      }
    }
  ],
  "next": null
}`;

// As `kubectl get dataplanes,meshtrafficpermissions -A -o json` prints: one List object.
const KUBECTL_LIST = {
  apiVersion: "v1",
  items: [
    {
      apiVersion: "kuma.io/v1alpha1",
      kind: "Dataplane",
      mesh: "default",
      metadata: {
        creationTimestamp: "2026-01-05T10:00:00Z",
        generation: 1,
        labels: { app: "web", "kuma.io/mesh": "default" },
        name: "web-01",
        namespace: "shop",
        resourceVersion: "4711",
        uid: "6f1c5e0e-1b7a-4d57-9e54-0c5f4b8f2a10",
      },
      spec: {
        networking: {
          address: "10.0.0.5",
          inbound: [{ port: 8080, tags: { "kuma.io/service": "web_shop_svc_80" } }],
          transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001 },
        },
      },
    },
  ],
  kind: "List",
  metadata: { resourceVersion: "" },
};

const REQUEST = { from: "web-01", to: "http://example.com", ip: "93.184.216.34" };

describe("resources as kumactl prints a list", () => {
  it("YAML (`kumactl get dataplanes -o yaml`) as the resources string: kri and the timestamps are metadata", async () => {
    const res = await post("/v1/simulate", JSON.stringify({ kumaVersion: "2.14", resources: KUMACTL_YAML, request: REQUEST }), "application/json");
    expect(res.status).toBe(200);
    expect(((await res.json()) as { verdict: string }).verdict).toBe("passthrough");
  });
  it("YAML nested in a YAML body, and JSON (`kumactl get meshproxypatches -o json`) as the patches object", async () => {
    const body = `kumaVersion: "2.14"\nresources:\n${KUMACTL_YAML.trimEnd().replace(/^/gm, "  ")}\npatches: ${KUMACTL_JSON.replace(/\n/g, "\n  ")}\nrequest: {from: web-01, to: "http://example.com", ip: 93.184.216.34}\n`;
    const res = await post("/v1/simulate", body, "application/yaml");
    expect(res.status).toBe(200);
    const out = (await res.json()) as { limits: { connectTimeout: { value: string; source: string } } };
    // The patch's connectTimeout reaches the passthrough cluster: the list's item was read as the MeshProxyPatch it is.
    expect(out.limits.connectTimeout).toMatchObject({ value: "7s" });
  });
  it("a list with `next` set is one page: the answer says later pages are missing", async () => {
    const paged = JSON.parse(KUMACTL_JSON) as Record<string, unknown>;
    paged["next"] = "http://localhost:5681/meshes/default/meshproxypatches?offset=1";
    paged["total"] = 2;
    const res = await post("/v1/validate", JSON.stringify({ resources: paged }), "application/json");
    expect(res.status).toBe(200);
    const out = (await res.json()) as { resources: Record<string, number>; assumptions: string[] };
    expect(out.resources).toEqual({ MeshProxyPatch: 1 });
    expect(out.assumptions.some((a) => a.startsWith("resources is one page of a kumactl list (next: http://localhost:5681/meshes/default/meshproxypatches?offset=1)"))).toBe(true);
  });
  it("an item error is reported at its path inside the list", async () => {
    // Lists inside an array (several `kumactl get -o json` outputs, `jq -s`): the path goes through each list's items.
    const list = JSON.parse(KUMACTL_JSON) as { items: Record<string, unknown>[] };
    const dp = { type: "Dataplane", mesh: "default", name: "web-01", kri: "kri_dp_default___web-01_", networking: { address: "10.0.0.5", inbound: [{ port: "eighty", tags: { "kuma.io/service": "web" } }] } };
    const res = await post("/v1/validate", JSON.stringify({ resources: [list, { total: 1, items: [dp], next: null }] }), "application/json");
    expect(res.status).toBe(400);
    const out = (await res.json()) as { errors: { path: string }[] };
    expect(out.errors.map((e) => e.path)).toEqual(["resources[1].items[0].networking.inbound[0].port"]);
  });
});

describe("resources as one object", () => {
  it("a Kubernetes `kind: List` (`kubectl get -o json`): metadata gives the name and namespace", async () => {
    const res = await post("/v1/simulate", JSON.stringify({ kumaVersion: "2.14", resources: KUBECTL_LIST, request: REQUEST }), "application/json");
    expect(res.status).toBe(200);
    const out = (await res.json()) as { verdict: string; dataplane: string };
    expect(out).toMatchObject({ verdict: "passthrough", dataplane: "web-01" });
  });
  it("one resource given as an object, Universal or Kubernetes", async () => {
    const universal = { type: "Mesh", name: "default", creationTime: "2026-01-05T10:00:00Z", modificationTime: "2026-01-05T10:00:00Z", kri: "kri_m____default_" };
    const res = await post("/v1/validate", JSON.stringify({ resources: universal }), "application/json");
    expect(res.status).toBe(200);
    expect(((await res.json()) as { resources: Record<string, number> }).resources).toEqual({ Mesh: 1 });
    const res2 = await post("/v1/validate", JSON.stringify({ resources: KUBECTL_LIST.items[0] }), "application/json");
    expect(((await res2.json()) as { resources: Record<string, number> }).resources).toEqual({ Dataplane: 1 });
  });
  it("an object that is none of these is a 400 at `resources`, saying what to write", async () => {
    const res = await post("/v1/validate", JSON.stringify({ resources: { name: "x" } }), "application/json");
    expect(res.status).toBe(400);
    const out = (await res.json()) as { errors: { path: string; message: string }[] };
    expect(out.errors[0]!.path).toBe("resources");
    expect(out.errors[0]!.message).toMatch(/^not a Kuma resource/);
  });
});

describe("every endpoint that takes resources reads every shape", () => {
  // The Mesh and the Dataplane as one kumactl list (JSON), then the same in each other shape operators have.
  const items = [
    { type: "Mesh", name: "default", creationTime: "2026-01-05T10:00:00Z", modificationTime: "2026-01-05T10:00:00Z", kri: "kri_m____default_" },
    (parse(KUMACTL_YAML) as { items: unknown[] }).items[0],
  ];
  const shapes: Record<string, unknown> = {
    "kumactl list (JSON object)": { total: 2, items, next: null },
    // One kumactl list holding both items, each as `kumactl get meshes -o yaml` and `kumactl get dataplanes -o yaml` print it.
    "kumactl list (YAML string)": `items:
- creationTime: "2026-01-05T10:00:00Z"
  kri: kri_m____default_
  modificationTime: "2026-01-05T10:00:00Z"
  name: default
  type: Mesh
${KUMACTL_YAML.slice("items:\n".length, KUMACTL_YAML.indexOf("next: null"))}next: null
total: 2
`,
    "kubectl kind: List": { ...KUBECTL_LIST, items: [{ apiVersion: "kuma.io/v1alpha1", kind: "Mesh", metadata: { name: "default" }, spec: {} }, ...KUBECTL_LIST.items] },
    "an array of lists": [{ total: 1, items: [items[0]], next: null }, { total: 1, items: [items[1]], next: null }],
  };
  const bodies: Record<string, (resources: unknown) => unknown> = {
    "/v1/simulate": (resources) => ({ kumaVersion: "2.14", resources, request: REQUEST }),
    "/v1/simulate/batch": (resources) => ({ kumaVersion: "2.14", resources, requests: [REQUEST] }),
    "/v1/validate": (resources) => ({ kumaVersion: "2.14", resources }),
    "/v1/upgrade": (resources) => ({ fromVersion: "2.13", toVersion: "2.14", resources, requests: [REQUEST] }),
    "/v1/impact": (resources) => ({ kumaVersion: "2.14", resources, remove: [{ kind: "Dataplane", name: "web-01" }], requests: [REQUEST] }),
    "/v1/passthrough-plan": (resources) => ({ kumaVersion: "2.14", resources, destinations: [{ host: "api.example.com", ip: "93.184.216.34", port: 443, protocol: "tls" }] }),
  };
  for (const [path, body] of Object.entries(bodies))
    it(`${path}: ${Object.keys(shapes).join(", ")}`, async () => {
      for (const [shape, resources] of Object.entries(shapes)) {
        const res = await post(path, JSON.stringify(body(resources)), "application/json");
        const text = await res.text();
        expect(res.status, `${path} ${shape}: ${text.slice(0, 300)}`).toBe(200);
        // The Dataplane was read from the list as web-01 (kri and timestamps taken as metadata, not as fields).
        if (path !== "/v1/validate") expect(text, `${path} ${shape}`).toContain('"web-01"');
      }
      // /v1/validate counts what it read: one Mesh and one Dataplane from each shape.
      if (path === "/v1/validate")
        for (const resources of Object.values(shapes)) expect(((await (await post(path, JSON.stringify(body(resources)), "application/json")).json()) as { resources: unknown }).resources).toEqual({ Mesh: 1, Dataplane: 1 });
    });
});
