/**
 * Rate limiting inside workerd with the binding wrangler.toml configures (`[[ratelimits]]` RATE_LIMITER,
 * 60 requests per 60 s): the vitest workers pool builds it from wrangler.toml, as `wrangler dev` does
 * (Miniflare's local limiter: fixed windows aligned to the period, counted per key).
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const versions = (ip: string) => exports.default.fetch("http://meshsim.test/v1/versions", { headers: { "cf-connecting-ip": ip } });

describe("the Workers Rate Limiting binding inside workerd", () => {
  it("is bound from wrangler.toml", () => {
    expect(typeof (env as unknown as { RATE_LIMITER: { limit: unknown } }).RATE_LIMITER.limit).toBe("function");
  });

  it("lets 60 requests from one address through in a window, then answers 429 with the headers", { timeout: 60_000 }, async () => {
    // The local limiter's window is aligned to the minute: if one ends during the run, run again once.
    for (let attempt = 0; attempt < 2; attempt++) {
      const ip = `198.51.100.${attempt + 1}`;
      const window = Math.floor(Date.now() / 60_000);
      const statuses: number[] = [];
      for (let i = 0; i < 61; i++) {
        const r = await versions(ip);
        statuses.push(r.status);
        if (r.status === 429) {
          expect(r.headers.get("retry-after")).toBe("60");
          expect(r.headers.get("ratelimit-policy")).toBe('"per-client";q=60;w=60');
          expect(r.headers.get("ratelimit")).toBe('"per-client";r=0;t=60');
          expect(r.headers.get("content-type")).toBe("application/problem+json");
          expect(((await r.json()) as { type: string }).type).toBe("https://meshsim.dev/problems/rate-limited");
        } else await r.arrayBuffer();
      }
      if (Math.floor(Date.now() / 60_000) !== window) continue;
      expect(statuses.slice(0, 60)).toEqual(Array(60).fill(200));
      expect(statuses[60]).toBe(429);
      // Another address is not affected, and a request without CF-Connecting-IP (only possible off the edge) is not limited.
      expect((await versions("198.51.100.200")).status).toBe(200);
      expect((await exports.default.fetch("http://meshsim.test/v1/versions")).status).toBe(200);
      return;
    }
    throw new Error("two rate-limit windows ended during the test");
  });

  it("charges a batch by its size: 2,000 requests are 20 units", { timeout: 60_000 }, async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const ip = `203.0.113.${attempt + 1}`;
      const window = Math.floor(Date.now() / 60_000);
      const body = JSON.stringify({ requests: Array.from({ length: 2000 }, () => ({ to: "http://example.com", ip: "93.184.216.34" })) });
      const post = () => exports.default.fetch("http://meshsim.test/v1/simulate/batch", { method: "POST", body, headers: { "content-type": "application/json", "cf-connecting-ip": ip } });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await post();
        statuses.push(r.status);
        await r.arrayBuffer();
      }
      if (Math.floor(Date.now() / 60_000) !== window) continue;
      // 60 units: three batches of 20; the fourth is refused.
      expect(statuses).toEqual([200, 200, 200, 429]);
      return;
    }
    throw new Error("two rate-limit windows ended during the test");
  });
});
