/** Provenance lookups: which write covers a field, by JSON Pointer ancestry (RFC 6901) and write order. */
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../json.js";
import { indexWrites, rebaseWrites, resourceKey, writerOf, type Write } from "./provenance.js";
import type { XdsResource } from "./resource-set.js";

const w = (resource: string, pointer: string, source: string, seq: number): Write => ({ resource, pointer, source, seq });

describe("resourceKey", () => {
  it("is <type>/<name>", () => {
    expect(resourceKey({ type: "cluster", name: "outbound:passthrough:ipv4" })).toBe("cluster/outbound:passthrough:ipv4");
  });
});

describe("indexWrites", () => {
  it("groups writes by resource, keeping their order", () => {
    const a1 = w("cluster/a", "/x", "p#0", 0);
    const b = w("cluster/b", "/x", "p#1", 1);
    const a2 = w("cluster/a", "/y", "p#2", 2);
    const idx = indexWrites([a1, b, a2]);
    expect([...idx.keys()]).toEqual(["cluster/a", "cluster/b"]);
    expect(idx.get("cluster/a")).toEqual([a1, a2]);
    expect(idx.get("cluster/b")).toEqual([b]);
  });
});

describe("writerOf", () => {
  const idx = indexWrites([
    w("cluster/c", "/connectTimeout", "p#0", 0),
    w("cluster/c", "/circuitBreakers/thresholds/1", "p#1", 1),
    w("cluster/c", "/circuitBreakers", "q#0", 2),
    w("cluster/c", "/circuitBreakers/thresholds/0/maxConnections", "q#1", 3),
    w("listener/l", "", "r#0", 4),
  ]);

  it("an exact write names its source", () => {
    expect(writerOf(idx, "cluster/c", "/connectTimeout")).toBe("p#0");
  });
  it("a write to an ancestor covers the field; the latest (highest seq) covering write wins", () => {
    // /circuitBreakers (seq 2) is later than /circuitBreakers/thresholds/1 (seq 1).
    expect(writerOf(idx, "cluster/c", "/circuitBreakers/thresholds/1/maxRetries")).toBe("q#0");
    // ... but the exact write at seq 3 is later still.
    expect(writerOf(idx, "cluster/c", "/circuitBreakers/thresholds/0/maxConnections")).toBe("q#1");
  });
  it("a write to a descendant does not cover its parent", () => {
    expect(writerOf(idx, "cluster/c", "/circuit")).toBeUndefined();
    expect(writerOf(idx, "cluster/c", "")).toBeUndefined();
  });
  it("pointer ancestry is by whole segments: /thresholds/1 does not cover /thresholds/10", () => {
    const i2 = indexWrites([w("cluster/c", "/circuitBreakers/thresholds/1", "p#1", 0)]);
    expect(writerOf(i2, "cluster/c", "/circuitBreakers/thresholds/10/maxRetries")).toBeUndefined();
    expect(writerOf(i2, "cluster/c", "/circuitBreakers/thresholds/1")).toBe("p#1");
  });
  it("the root pointer \"\" (the whole resource, RFC 6901 §5) covers every field", () => {
    expect(writerOf(idx, "listener/l", "/filterChains/0/filters/0/typedConfig/idleTimeout")).toBe("r#0");
  });
  it("writes of other resources never count", () => {
    expect(writerOf(idx, "cluster/other", "/connectTimeout")).toBeUndefined();
    expect(writerOf(idx, "listener/c", "/connectTimeout")).toBeUndefined();
  });
});

describe("rebaseWrites: earlier writes follow their element when a later step moves it", () => {
  const listener = (filters: unknown[]): XdsResource => ({ type: "listener", name: "l", origin: "inbound", value: { filterChains: [{ filters }] } as JsonObject });
  const fault = { name: "envoy.filters.http.fault", typedConfig: { delay: "5s" } };
  const router = { name: "envoy.filters.http.router" };
  const rbac = { name: "envoy.filters.http.rbac" };
  const hcm = (httpFilters: unknown[]) => ({ name: "envoy.filters.network.http_connection_manager", typedConfig: { httpFilters } });
  const w: Write = { resource: "listener/l", pointer: "/filterChains/0/filters/1/typedConfig/httpFilters/0", source: "FaultInjection/fi-1", seq: 0 };

  it("an inserted sibling shifts the index; a changed parent is found by its name", () => {
    const before = [listener([{ name: "envoy.filters.network.rbac" }, hcm([fault, router])])];
    const after = [listener([hcm([rbac, fault, router])])];
    expect(rebaseWrites([w], before, after)).toEqual([{ ...w, pointer: "/filterChains/0/filters/0/typedConfig/httpFilters/1" }]);
  });

  it("a resource the step did not replace keeps its writes as they are", () => {
    const set = [listener([hcm([fault, router])])];
    expect(rebaseWrites([w], set, set)).toEqual([w]);
  });

  it("an element changed in place, with no equal and no unique name after the step, keeps its index", () => {
    const before = [listener([{ name: "a" }, hcm([fault])])];
    const after = [listener([{ name: "a", x: 1 }, { name: "b" }])];
    expect(rebaseWrites([w], before, after)).toEqual([w]);
  });
});
