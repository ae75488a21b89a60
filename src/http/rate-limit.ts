/**
 * Per-client rate limiting with Cloudflare's Workers Rate Limiting binding (`[[ratelimits]]` in
 * wrangler.toml, bound as `RATE_LIMITER`). Without the binding (plain `createApp()` in Node, the bench)
 * nothing is limited. The binding answers only `{ success }`: it tells neither what is left nor when the
 * window ends, so the headers describe the configured policy and its worst case.
 */
import type { Context } from "hono";
import { problem } from "./problem.js";

/** The binding's API (`RateLimit` in worker-configuration.d.ts), narrowed to what meshsim calls. */
export interface RateLimiter {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/** The policy the binding enforces, as `RATE_LIMIT_REQUESTS` / `RATE_LIMIT_PERIOD` in `[vars]` repeat it. */
export interface RateLimitPolicy {
  readonly requests: number;
  readonly periodSeconds: number;
}

/** Cloudflare's binding accepts only these periods (its `simple.period`). */
const PERIODS = new Set([10, 60]);

/** The defaults of wrangler.toml, used when the vars are missing or not usable. */
export const DEFAULT_RATE_LIMIT_POLICY: RateLimitPolicy = { requests: 60, periodSeconds: 60 };

/**
 * A batch of this many requests costs one more unit. One simulation parses and generates the snapshot
 * once; a batch does that once per source dataplane and then walks each request through the same config,
 * so a request inside a batch costs far less than a request of its own (`npm run bench`: a 1,000-request
 * batch took about 5 times one simulation). One unit per 100 keeps the heaviest batch (2,000 requests,
 * 20 units) at a third of the default minute's budget, and an ordinary batch at one or two units.
 */
export const BATCH_REQUESTS_PER_UNIT = 100;

/** How many units a batch of `requests` requests costs (at least 1). */
export function batchUnits(requests: number): number {
  return Math.max(1, Math.ceil(requests / BATCH_REQUESTS_PER_UNIT));
}

function isRateLimiter(v: unknown): v is RateLimiter {
  return typeof v === "object" && v !== null && typeof (v as { limit?: unknown }).limit === "function";
}

/** The binding, when the Worker has one. */
export function rateLimiterOf(env: Record<string, unknown> | undefined): RateLimiter | undefined {
  const b = env?.["RATE_LIMITER"];
  return isRateLimiter(b) ? b : undefined;
}

/** `RATE_LIMIT_REQUESTS` and `RATE_LIMIT_PERIOD` from `[vars]`, which must repeat `[ratelimits.simple]`. */
export function rateLimitPolicyOf(env: Record<string, unknown> | undefined): RateLimitPolicy {
  const n = Number(env?.["RATE_LIMIT_REQUESTS"]);
  const p = Number(env?.["RATE_LIMIT_PERIOD"]);
  return {
    requests: Number.isInteger(n) && n > 0 ? n : DEFAULT_RATE_LIMIT_POLICY.requests,
    periodSeconds: PERIODS.has(p) ? p : DEFAULT_RATE_LIMIT_POLICY.periodSeconds,
  };
}

/**
 * `RateLimit-Policy` and `RateLimit` as draft-ietf-httpapi-ratelimit-headers-10 writes
 * them: structured-field lists of named policies, `q` the quota, `w` the window in seconds, `r` what
 * remains and `t` the seconds until the quota resets.
 */
export function rateLimitHeaders(policy: RateLimitPolicy): { policy: string; state: string } {
  return { policy: `"per-client";q=${policy.requests};w=${policy.periodSeconds}`, state: `"per-client";r=0;t=${policy.periodSeconds}` };
}

/**
 * Charges `units` to the client (the `CF-Connecting-IP` address, which Cloudflare's edge always sets and
 * a client cannot forge there). Returns the 429 problem to send, or `undefined` to go on. Without the
 * binding, or without the header (only outside Cloudflare's edge: the tests' in-process requests), nothing
 * is charged.
 */
export async function chargeRateLimit(c: Context, units: number): Promise<Response | undefined> {
  const limiter = rateLimiterOf(c.env as Record<string, unknown> | undefined);
  const key = c.req.header("cf-connecting-ip");
  if (!limiter || !key) return undefined;
  for (let i = 0; i < units; i++) {
    if ((await limiter.limit({ key })).success) continue;
    const policy = rateLimitPolicyOf(c.env as Record<string, unknown> | undefined);
    const h = rateLimitHeaders(policy);
    // The binding does not say when its window ends; the whole period is the longest a client may wait.
    c.header("Retry-After", String(policy.periodSeconds));
    c.header("RateLimit-Policy", h.policy);
    c.header("RateLimit", h.state);
    return problem(c, 429, "rate-limited", `more than ${policy.requests} requests in ${policy.periodSeconds} s from this address (a batch counts one request per ${BATCH_REQUESTS_PER_UNIT} requests in it); retry after ${policy.periodSeconds} s`);
  }
  return undefined;
}
