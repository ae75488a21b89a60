/**
 * Legacy FaultInjection and RateLimit in the inbound answer: the filters and routes of Kuma's InboundProxyGenerator
 * case 7 (kumahq/kuma@v2.14.3 pkg/xds/generator/testdata/inbound-proxy/7-envoy-config.golden.yaml: fault delay 5s for
 * 50% of requests from `frontend`; a 200 per 10s bucket for `frontend` and a 100 per 2s bucket answering 404 for any
 * other mesh service) and what a request gets from them. Expected values follow from those Envoy configs.
 */
import { describe, expect, it } from "vitest";
import { createApp } from "./app.js";

const app = createApp();

function body(client: Record<string, unknown>, abort?: { percentage: number; httpStatus: number }) {
  const resources = [
    { type: "Mesh", name: "default", mtls: { enabledBackend: "ca-1", backends: [{ name: "ca-1", type: "builtin", mode: "STRICT" }] } },
    // With mTLS on, Kuma ≥ 2.7 denies every client no MeshTrafficPermission allows: allow all, so these cases stay about the filters.
    { type: "MeshTrafficPermission", mesh: "default", name: "allow-all", spec: { targetRef: { kind: "Mesh" }, from: [{ targetRef: { kind: "Mesh" }, default: { action: "Allow" } }] } },
    {
      type: "Dataplane",
      mesh: "default",
      name: "backend-01",
      networking: {
        address: "10.0.0.5",
        inbound: [{ port: 80, servicePort: 8080, tags: { "kuma.io/service": "backend1", "kuma.io/protocol": "http" } }],
        transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001 },
      },
    },
    {
      type: "FaultInjection",
      mesh: "default",
      name: "fi-1",
      sources: [{ match: { "kuma.io/service": "frontend" } }],
      destinations: [{ match: { "kuma.io/service": "backend1", "kuma.io/protocol": "http" } }],
      conf: { delay: { percentage: 50, value: "5s" }, ...(abort ? { abort } : {}) },
    },
    { type: "RateLimit", mesh: "default", name: "rl-1", sources: [{ match: { "kuma.io/service": "frontend" } }], destinations: [{ match: { "kuma.io/service": "backend1" } }], conf: { http: { requests: 200, interval: "10s" } } },
    {
      type: "RateLimit",
      mesh: "default",
      name: "rl-2",
      sources: [{ match: { "kuma.io/service": "*" } }],
      destinations: [{ match: { "kuma.io/service": "backend1" } }],
      conf: { http: { requests: 100, interval: "2s", onRateLimit: { status: 404 } } },
    },
  ];
  return { kumaVersion: "2.14", resources, request: { direction: "inbound", to: "http://10.0.0.5:80/", client }, include: ["trace"] };
}

async function simulate(b: unknown): Promise<any> {
  const res = await app.request("/v1/simulate", { method: "POST", body: JSON.stringify(b), headers: { "content-type": "application/json" } });
  expect(res.status).toBe(200);
  return res.json();
}

describe("inbound HTTP answer with legacy FaultInjection and RateLimit", () => {
  it("a mesh client of service frontend: route #0 with its 200/10s bucket, the 50% 5s delay, both named by policy, accepted with warnings", async () => {
    const r = await simulate(body({ kind: "mesh", service: "frontend" }));
    expect(r.verdict).toBe("accepted");
    expect(r.route.route).toBe(0);
    expect(r.limits.faults).toEqual([{ value: { delay: { fixedDelay: "5s", percent: 50 } }, source: "FaultInjection/fi-1" }]);
    expect(r.limits.rateLimit).toEqual({ value: { requests: 200, interval: "10s", status: 429 }, source: "RateLimit/rl-1" });
    expect(r.warnings.map((w: { code: string }) => w.code)).toEqual(expect.arrayContaining(["fault-injected", "rate-limited"]));
    expect(r.warnings.find((w: { code: string }) => w.code === "fault-injected").message).toContain("may or may not");
  });
  it("another mesh service: no fault (the x-kuma-tags regex needs frontend), route #1 with the 100/2s bucket answering 404", async () => {
    const r = await simulate(body({ kind: "mesh", service: "web" }));
    expect(r.verdict).toBe("accepted");
    expect(r.route.route).toBe(1);
    expect(r.limits.faults).toBeUndefined();
    expect(r.limits.rateLimit).toEqual({ value: { requests: 100, interval: "2s", status: 404 }, source: "RateLimit/rl-2" });
  });
  it("Kuma's source regex matches a value suffix: my-frontend gets frontend's fault and bucket", async () => {
    const r = await simulate(body({ kind: "mesh", service: "my-frontend" }));
    expect(r.route.route).toBe(0);
    expect(r.limits.faults?.[0]?.source).toBe("FaultInjection/fi-1");
  });
  it("an abort of 100% blocks the request (reason fault-abort); below 100% it is a warning", async () => {
    const all = await simulate(body({ kind: "mesh", service: "frontend" }, { percentage: 100, httpStatus: 503 }));
    expect(all.verdict).toBe("blocked");
    expect(all.reason.code).toBe("fault-abort");
    expect(all.reason.message).toContain("HTTP 503");
    const some = await simulate(body({ kind: "mesh", service: "frontend" }, { percentage: 10, httpStatus: 503 }));
    expect(some.verdict).toBe("accepted");
    expect(some.limits.faults[0].value.abort).toEqual({ httpStatus: 503, percent: 10 });
  });
});
