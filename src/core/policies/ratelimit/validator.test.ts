import { describe, expect, it } from "vitest";
import { validateRateLimit } from "./validator.js";
import { perRouteLocalRateLimit } from "./plugin.js";

// Messages typed from kumahq/kuma@v2.14.3 pkg/core/resources/apis/mesh/rate_limit_validator.go.
describe("RateLimit admission", () => {
  const sel = { sources: [{ match: { "kuma.io/service": "web" } }], destinations: [{ match: { "kuma.io/service": "backend" } }] };
  it("needs selectors and a conf", () => {
    expect(validateRateLimit({}, { path: "" })).toEqual([
      { path: "sources", message: "must have at least one element" },
      { path: "destinations", message: "must have at least one element" },
      { path: "conf", message: "must have conf" },
    ]);
  });
  it("conf.http: requests, interval, onRateLimit header key and value", () => {
    expect(validateRateLimit({ ...sel, conf: { http: { onRateLimit: { headers: [{}] } } } }, { path: "" })).toEqual([
      { path: "conf.http.requests", message: "requests must be set" },
      { path: "conf.http.interval", message: "interval must be set" },
      { path: 'conf.http.onRateLimit.header["0"]', message: "key must be set" },
      { path: 'conf.http.onRateLimit.header["0"]', message: "value must be set" },
    ]);
    expect(validateRateLimit({ ...sel, conf: {} }, { path: "" })).toEqual([]);
  });
});

describe("per-route LocalRateLimit (kumahq/kuma@v2.14.3 pkg/xds/envoy/routes/v3/ratelimit.go)", () => {
  it("append true is APPEND_IF_EXISTS_OR_ADD; a status without an Envoy enum name stays a number", () => {
    const c = perRouteLocalRateLimit({ requests: 5, interval: "1m", onRateLimit: { status: 429, headers: [{ key: "a", value: "b", append: true }] } });
    expect(c["status"]).toEqual({ code: "TooManyRequests" });
    expect(c["responseHeadersToAdd"]).toEqual([{ appendAction: "APPEND_IF_EXISTS_OR_ADD", header: { key: "a", value: "b" } }]);
    expect(c["tokenBucket"]).toEqual({ fillInterval: "60s", maxTokens: 5, tokensPerFill: 5 });
  });
});
