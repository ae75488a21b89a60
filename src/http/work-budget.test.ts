/** The work estimate: counts written by hand for small bodies. */
import { describe, expect, it } from "vitest";
import { overBudget, workFigures, WORK_LIMITS } from "./work-budget.js";

const mpp = (mods: unknown[]) => ({ type: "MeshProxyPatch", name: "p", spec: { default: { appendModifications: mods } } });

describe("workFigures", () => {
  it("counts modification values, modifications, patch operations and requests against the resources", () => {
    const body = {
      resources: [{ type: "Mesh", name: "m" }, mpp([{ cluster: { operation: "Patch", value: "abc" } }, { listener: { operation: "Patch", jsonPatches: [{ op: "remove", path: "/a" }, { op: "remove", path: "/b" }] } }])],
      requests: [{}, {}, {}],
    };
    expect(workFigures(body, 0, 100).map((f) => f.figure)).toEqual([3, 4, 4, 6]);
  });
  it("a YAML body counts its own characters, and a resources string once more, with one resource per --- document", () => {
    const body = { resources: "a: 1\n---\nb: 2\n" };
    expect(workFigures(body, 50, 100).map((f) => f.figure)).toEqual([50 + 14, 0, 0, 2]);
  });
  it("a passthrough plan counts destinations × source dataplanes × 5 walks as its requests (× 1 source with from)", () => {
    const dp = { type: "Dataplane", name: "d" };
    const body = { resources: [{ type: "Mesh", name: "m" }, dp, dp, dp], destinations: [{}, {}] };
    // 2 destinations × 3 dataplanes × 5 walks = 30 requests, × 4 resources.
    expect(workFigures(body, 0, 100).at(-1)!.figure).toBe(120);
    expect(workFigures({ ...body, from: "d" }, 0, 100).at(-1)!.figure).toBe(40);
    // In a YAML string: 2 Dataplane documents of 3.
    expect(workFigures({ resources: "type: Mesh\nname: m\n---\ntype: Dataplane\n---\nkind: Dataplane\n", destinations: [{}] }, 0, 100).at(-1)!.figure).toBe(1 * 2 * 5 * 3);
  });
  it("ProxyTemplate modifications count too", () => {
    const pt = { type: "ProxyTemplate", name: "t", conf: { modifications: [{ cluster: { operation: "add", value: "x".repeat(10) } }] } };
    expect(workFigures({ resources: [pt] }, 0, 100).map((f) => f.figure)).toEqual([10, 1, 0, 1]);
  });
});

describe("overBudget", () => {
  it("nothing over the limits for an ordinary body", () => {
    expect(overBudget({ resources: [mpp([{ cluster: { value: "a: 1" } }])] }, 0, 131072)).toBeUndefined();
  });
  it("the first figure over its limit, with its status", () => {
    expect(overBudget({ resources: [mpp([{ cluster: { value: "x".repeat(11) } }])] }, 0, 10)).toMatchObject({ figure: 11, limit: 10, status: 413 });
    const requests = Array.from({ length: 2 }, () => ({}));
    const resources = Array.from({ length: WORK_LIMITS.requestsTimesResources / 2 + 1 }, () => 0);
    expect(overBudget({ resources, requests }, 0, 10)).toMatchObject({ what: "requests × resources", status: 422 });
  });
});
