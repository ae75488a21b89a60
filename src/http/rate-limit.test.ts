/**
 * Rate limiting with a fake of Cloudflare's Workers Rate Limiting binding (its API: `limit({ key })`
 * resolving to `{ success }`, Cloudflare's "Rate Limiting" runtime API page), in Node. The same runs
 * inside workerd with the binding that wrangler.toml configures in test/workerd/rate-limit.test.ts.
 */
import { experimental_readRawConfig } from "wrangler";
import { describe, expect, it } from "vitest";
import { createApp } from "./app.js";
import { batchUnits, rateLimitPolicyOf, type RateLimiter } from "./rate-limit.js";

/** A fixed budget per key, recording every call. */
function fakeLimiter(budget: number): RateLimiter & { calls: string[] } {
  const used = new Map<string, number>();
  const calls: string[] = [];
  return {
    calls,
    async limit({ key }) {
      calls.push(key);
      const n = (used.get(key) ?? 0) + 1;
      used.set(key, n);
      return { success: n <= budget };
    },
  };
}

const app = createApp();
const env = (limiter: RateLimiter, vars: Record<string, string> = { RATE_LIMIT_REQUESTS: "3", RATE_LIMIT_PERIOD: "10" }) => ({ RATE_LIMITER: limiter, ...vars });
const get = (path: string, ip: string | undefined, e: Record<string, unknown>) => app.request(path, { headers: ip ? { "cf-connecting-ip": ip } : {} }, e);
const batch = (n: number) => JSON.stringify({ requests: Array.from({ length: n }, () => ({ to: "http://example.com", ip: "93.184.216.34" })) });

describe("rate limiting with the binding", () => {
  it("answers 429 problem+json with Retry-After and the draft-10 RateLimit fields once a client's budget is spent", async () => {
    const limiter = fakeLimiter(3);
    for (let i = 0; i < 3; i++) expect((await get("/v1/versions", "192.0.2.1", env(limiter))).status).toBe(200);
    const res = await get("/v1/versions", "192.0.2.1", env(limiter));
    expect(res.status).toBe(429);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("retry-after")).toBe("10");
    // draft-ietf-httpapi-ratelimit-headers-10: a named policy with its quota q and window w; r remaining, t seconds to reset.
    expect(res.headers.get("ratelimit-policy")).toBe('"per-client";q=3;w=10');
    expect(res.headers.get("ratelimit")).toBe('"per-client";r=0;t=10');
    expect(res.headers.get("access-control-allow-origin")).toBe("*"); // a browser can read it
    expect(await res.json()).toEqual({
      type: "https://meshsim.dev/problems/rate-limited",
      title: "Too many requests",
      status: 429,
      detail: "more than 3 requests in 10 s from this address (a batch counts one request per 100 requests in it); retry after 10 s",
      instance: "/v1/versions",
      errors: [],
    });
  });

  it("keys on CF-Connecting-IP: another address has its own budget", async () => {
    const limiter = fakeLimiter(1);
    expect((await get("/v1/versions", "192.0.2.1", env(limiter))).status).toBe(200);
    expect((await get("/v1/versions", "192.0.2.1", env(limiter))).status).toBe(429);
    expect((await get("/v1/versions", "2001:db8::1", env(limiter))).status).toBe(200);
    expect(limiter.calls).toEqual(["192.0.2.1", "192.0.2.1", "2001:db8::1"]);
  });

  it("counts only the API: the page, the script, /healthz and /openapi.yaml are not charged", async () => {
    const limiter = fakeLimiter(0);
    for (const p of ["/", "/widget.js", "/healthz", "/openapi.yaml"]) expect((await get(p, "192.0.2.1", env(limiter))).status, p).toBe(200);
    expect(limiter.calls).toEqual([]);
    expect((await get("/v1/versions", "192.0.2.1", env(limiter))).status).toBe(429);
  });

  it("without the binding, or without CF-Connecting-IP (never missing on Cloudflare's edge), nothing is limited", async () => {
    const limiter = fakeLimiter(0);
    expect((await get("/v1/versions", undefined, env(limiter))).status).toBe(200);
    expect(limiter.calls).toEqual([]);
    for (let i = 0; i < 5; i++) expect((await get("/v1/versions", "192.0.2.1", {})).status).toBe(200);
  });

  it("a batch costs one unit per 100 requests in it, charged after its size is known", async () => {
    expect([1, 100, 101, 200, 2000].map(batchUnits)).toEqual([1, 1, 2, 2, 20]);
    const post = (n: number, limiter: RateLimiter) =>
      app.request("/v1/simulate/batch", { method: "POST", body: batch(n), headers: { "content-type": "application/json", "cf-connecting-ip": "192.0.2.7" } }, env(limiter));
    const limiter = fakeLimiter(3);
    expect((await post(250, limiter)).status).toBe(200); // 3 units: the whole budget
    expect(limiter.calls.length).toBe(3);
    expect((await post(1, limiter)).status).toBe(429);
    const small = fakeLimiter(2);
    const r = await post(250, small); // needs 3, has 2
    expect(r.status).toBe(429);
    expect(((await r.json()) as { instance: string }).instance).toBe("/v1/simulate/batch");
  });

  it("the policy vars fall back to wrangler.toml's defaults when missing or not a period the binding accepts", () => {
    expect(rateLimitPolicyOf({})).toEqual({ requests: 60, periodSeconds: 60 });
    expect(rateLimitPolicyOf({ RATE_LIMIT_REQUESTS: "0", RATE_LIMIT_PERIOD: "30" })).toEqual({ requests: 60, periodSeconds: 60 });
    expect(rateLimitPolicyOf({ RATE_LIMIT_REQUESTS: "5", RATE_LIMIT_PERIOD: "10" })).toEqual({ requests: 5, periodSeconds: 10 });
  });

  it("wrangler.toml: the binding is configured, and the vars repeat its limit and period", () => {
    const { rawConfig } = experimental_readRawConfig({ config: new URL("../../wrangler.toml", import.meta.url).pathname });
    const rl = rawConfig.ratelimits?.find((r: { name: string }) => r.name === "RATE_LIMITER");
    expect(rl).toBeDefined();
    expect(rawConfig.vars?.["RATE_LIMIT_REQUESTS"]).toBe(String(rl!.simple.limit));
    expect(rawConfig.vars?.["RATE_LIMIT_PERIOD"]).toBe(String(rl!.simple.period));
    expect(rawConfig.limits?.cpu_ms).toBeGreaterThan(0);
  });
});
