/**
 * Inside workerd, where a polluted built-in outlives the request (docs/hardening.md, JSON Patch):
 * hostile MeshProxyPatch JSON patches must leave no trace in the next request, and no body yields a 5xx.
 */
import { exports } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const REQUEST = { to: "http://example.com", ip: "93.184.216.34" };

async function simulate(body: unknown): Promise<{ status: number; text: string }> {
  const res = await exports.default.fetch("http://meshsim.test/v1/simulate", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
  return { status: res.status, text: await res.text() };
}

function patchWith(jsonPatches: unknown[], kind: "cluster" | "networkFilter" = "cluster") {
  const mod = kind === "cluster" ? { cluster: { operation: "Patch", jsonPatches } } : { networkFilter: { operation: "Patch", match: { name: "envoy.filters.network.tcp_proxy" }, jsonPatches } };
  return { resources: [{ type: "MeshProxyPatch", name: "hostile", mesh: "default", spec: { default: { appendModifications: [mod] } } }], request: REQUEST, include: ["config"] };
}

describe("hostile patches inside workerd", () => {
  // The first request inside workerd pays for the Worker's cold start (several seconds on a loaded 2-core machine).
  it("leave built-ins and the next request untouched", { timeout: 60_000 }, async () => {
    const baseline = await simulate({ request: REQUEST });
    expect(baseline.status).toBe(200);

    // Refused at admission by the guard (400, path to the op).
    for (const ops of [
      [{ op: "add", path: "/constructor/keys", value: "x" }],
      [{ op: "replace", path: "/a/constructor/isArray", value: "x" }],
      [{ op: "remove", path: "/constructor/entries" }],
      [{ op: "add", path: "/__proto__/polluted", value: true }],
      [{ op: "copy", from: "/constructor", path: "/x" }],
      [{ op: "move", from: "/constructor/prototype", path: "/x" }],
    ]) {
      const r = await simulate(patchWith(ops));
      expect(r.status, r.text).toBe(400);
      expect(JSON.parse(r.text).errors[0].path).toMatch(/^resources\[0\]\.spec\.default\.appendModifications\[0\]\.cluster\.jsonPatches\[0\]\.(path|from)$/);
    }
    // Past the name guard, through inherited names: only own properties are walked. `replace` finds no
    // such key (Kuma's missing-key error: config-error); `add` creates a plain own object, which Kuma
    // then drops as an unknown field (the modification changes nothing).
    for (const kind of ["cluster", "networkFilter"] as const) {
      const replaced = await simulate(patchWith([{ op: "replace", path: "/toString", value: 1 }], kind));
      expect(replaced.status, replaced.text).toBe(200);
      expect(JSON.parse(replaced.text).verdict).toBe("config-error");
      for (const ops of [[{ op: "add", path: "/hasOwnProperty/call", value: "x" }], [{ op: "add", path: "/valueOf/x", value: 1 }]]) {
        const r = await simulate(patchWith(ops, kind));
        expect(r.status, r.text).toBe(200);
        const body = JSON.parse(r.text);
        expect(body.modifications[0].status).toBe("ineffective");
        expect(body.warnings.map((w: { code: string }) => w.code)).toContain("kuma-drops-field");
      }
    }
    expect(typeof Object.keys).toBe("function");
    expect(typeof Array.isArray).toBe("function");
    expect(typeof Object.entries).toBe("function");
    expect(typeof Object.prototype.hasOwnProperty.call).toBe("function");
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    const after = await simulate({ request: REQUEST });
    expect(after.text).toBe(baseline.text);
  });

  it("no JSON body produces a 5xx (fast-check, 2 × 200 runs)", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (v) => {
        const r = await simulate(v);
        return r.status < 500;
      }),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({ resources: fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 3 }), request: fc.oneof(fc.constant(REQUEST), fc.jsonValue({ maxDepth: 3 })) }, { requiredKeys: ["request"] }),
        async (v) => (await simulate(v)).status < 500,
      ),
      { numRuns: 200 },
    );
  });
});
