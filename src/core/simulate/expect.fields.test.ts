/**
 * checkExpectation: every field a batch request may expect (docs/usage.md "Batch": verdict, reason, listener,
 * cluster, limits), how it passes and fails, and what a failure reports (field, expected, actual). The results
 * are built by hand here; no simulation runs.
 */
import { describe, expect, it } from "vitest";
import { ExpectationSchema, checkExpectation } from "./expect.js";
import type { RequestPart } from "./result.js";

const K = (value: string) => ({ value, source: "kuma" });
const D = (value: number) => ({ value, source: "envoy-default" });

/** A passthrough result with every limit set (as an HTTP chain would have). */
const HTTP: RequestPart = {
  verdict: "passthrough",
  reason: { code: "passthrough", message: "…" },
  listener: { name: "outbound:passthrough:ipv4", address: "0.0.0.0:15001" },
  filterChain: { index: 0, name: null },
  route: { routeConfiguration: "r", virtualHost: "v", route: 0 },
  cluster: { name: "meshpassthrough_http_80", type: "ORIGINAL_DST" },
  limits: {
    connectTimeout: K("5s"),
    idleTimeout: K("3600s"),
    circuitBreakers: { maxConnections: D(1024), maxPendingRequests: D(1024), maxRequests: D(1024), maxRetries: D(3) },
    routeTimeout: K("15s"),
    streamIdleTimeout: K("300s"),
  },
  warnings: [],
  assumptions: [],
  trace: [],
} as unknown as RequestPart;

/** A result without a path or limits (e.g. a config-error). */
/** No modifications and no warnings on the dataplane: these cases are about the request fields only. */
const QUIET = { modifications: [], warnings: [] };

const NONE: RequestPart = { ...HTTP, verdict: "config-error", reason: { code: "config-error", message: "…" }, listener: null, filterChain: null, route: null, cluster: null, limits: {} };

describe("checkExpectation: each field passes when equal", () => {
  it("verdict, reason code, listener and cluster names, every limit", () => {
    const e = {
      verdict: "passthrough" as const,
      reason: "passthrough",
      listener: "outbound:passthrough:ipv4",
      cluster: "meshpassthrough_http_80",
      limits: {
        connectTimeout: "5s",
        idleTimeout: "3600s",
        routeTimeout: "15s",
        streamIdleTimeout: "300s",
        circuitBreakers: { maxConnections: 1024, maxPendingRequests: 1024, maxRequests: 1024, maxRetries: 3 },
      },
    };
    expect(checkExpectation(HTTP, QUIET, e)).toEqual({ passed: true, failures: [] });
  });
  it("an empty expectation passes anything", () => {
    expect(checkExpectation(NONE, QUIET, {})).toEqual({ passed: true, failures: [] });
  });
});

describe("checkExpectation: failures say field, expected and actual", () => {
  it.each([
    ["verdict", { verdict: "blocked" as const }, { field: "verdict", expected: "blocked", actual: "passthrough" }],
    ["reason (its code)", { reason: "no-route" }, { field: "reason", expected: "no-route", actual: "passthrough" }],
    ["listener (its name)", { listener: "outbound:1.2.3.4:80" }, { field: "listener", expected: "outbound:1.2.3.4:80", actual: "outbound:passthrough:ipv4" }],
    ["cluster (its name)", { cluster: "x" }, { field: "cluster", expected: "x", actual: "meshpassthrough_http_80" }],
    ["connectTimeout", { limits: { connectTimeout: "10s" } }, { field: "limits.connectTimeout", expected: "10s", actual: "5s" }],
    ["idleTimeout", { limits: { idleTimeout: "1h" } }, { field: "limits.idleTimeout", expected: "1h", actual: "3600s" }],
    ["routeTimeout", { limits: { routeTimeout: "0s" } }, { field: "limits.routeTimeout", expected: "0s", actual: "15s" }],
    ["streamIdleTimeout", { limits: { streamIdleTimeout: "5m" } }, { field: "limits.streamIdleTimeout", expected: "5m", actual: "300s" }],
    ["maxConnections", { limits: { circuitBreakers: { maxConnections: 1 } } }, { field: "limits.circuitBreakers.maxConnections", expected: 1, actual: 1024 }],
    ["maxPendingRequests", { limits: { circuitBreakers: { maxPendingRequests: 2 } } }, { field: "limits.circuitBreakers.maxPendingRequests", expected: 2, actual: 1024 }],
    ["maxRequests", { limits: { circuitBreakers: { maxRequests: 3 } } }, { field: "limits.circuitBreakers.maxRequests", expected: 3, actual: 1024 }],
    ["maxRetries", { limits: { circuitBreakers: { maxRetries: 4 } } }, { field: "limits.circuitBreakers.maxRetries", expected: 4, actual: 3 }],
  ])("%s", (_, e, failure) => {
    expect(checkExpectation(HTTP, QUIET, e)).toEqual({ passed: false, failures: [failure] });
  });
  it("durations compare as written: protojson's 3600s is not 1h, and a number is not a string", () => {
    // docs/usage.md: durations are in protojson form ("10800s").
    expect(checkExpectation(HTTP, QUIET, { limits: { idleTimeout: "3600s" } }).passed).toBe(true);
    expect(checkExpectation(HTTP, QUIET, { limits: { connectTimeout: 5 } }).failures).toEqual([{ field: "limits.connectTimeout", expected: 5, actual: "5s" }]);
  });
  it("what the result lacks is actual null", () => {
    expect(checkExpectation(NONE, QUIET, { listener: "l", cluster: "c", limits: { connectTimeout: "5s", circuitBreakers: { maxRetries: 3 } } }).failures).toEqual([
      { field: "listener", expected: "l", actual: null },
      { field: "cluster", expected: "c", actual: null },
      { field: "limits.connectTimeout", expected: "5s", actual: null },
      { field: "limits.circuitBreakers.maxRetries", expected: 3, actual: null },
    ]);
  });
  it("reports every failing field, in a fixed order", () => {
    const got = checkExpectation(HTTP, QUIET, {
      limits: { circuitBreakers: { maxRetries: 0 }, streamIdleTimeout: "1s", connectTimeout: "1s" },
      cluster: "c",
      verdict: "mesh",
    });
    expect(got.passed).toBe(false);
    expect(got.failures.map((f) => f.field)).toEqual(["verdict", "cluster", "limits.connectTimeout", "limits.streamIdleTimeout", "limits.circuitBreakers.maxRetries"]);
  });
});

describe("ExpectationSchema", () => {
  it("accepts the outbound verdicts and config-error", () => {
    for (const verdict of ["passthrough", "blocked", "mesh", "direct", "config-error"]) expect(ExpectationSchema.safeParse({ verdict }).success).toBe(true);
  });
  it("refuses unknown fields at every level, and a circuit-breaker threshold that is not a number", () => {
    expect(ExpectationSchema.safeParse({ verdcit: "mesh" }).success).toBe(false);
    expect(ExpectationSchema.safeParse({ limits: { timeout: "1s" } }).success).toBe(false);
    expect(ExpectationSchema.safeParse({ limits: { circuitBreakers: { maxConnection: 1 } } }).success).toBe(false);
    expect(ExpectationSchema.safeParse({ limits: { circuitBreakers: { maxConnections: "1" } } }).success).toBe(false);
  });
  it("takes a limit as a string or a number", () => {
    expect(ExpectationSchema.safeParse({ limits: { connectTimeout: "5s", idleTimeout: 0 } }).success).toBe(true);
  });
});
