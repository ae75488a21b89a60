/**
 * `--url`: the same calls as the in-process engine, sent to a deployment's HTTP API. The answer's bytes are
 * passed through unchanged, so `--url` and the in-process run print the same output; a problem answer
 * (RFC 9457, `errors` with paths) becomes the same violations the core would give.
 */
import type { Violation } from "../core/errors.js";
import type { Answer, Engine } from "./engine.js";

/** A deployment that cannot be reached or answers other than 200 or a problem: not the input's fault. */
export class RemoteError extends Error {}

/** `fetch` as the engine calls it; tests may pass their own. */
export type Fetch = (url: string, init: { method: "POST"; headers: Record<string, string>; body: string }) => Promise<{ status: number; text(): Promise<string> }>;

function endpoint(base: string, path: string): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new RemoteError(`--url: ${JSON.stringify(base)} is not a URL; write e.g. --url https://meshsim.example.com`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new RemoteError(`--url: ${url.protocol} is not http: or https:`);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}${path}`;
}

const violationsOf = (problem: unknown, status: number): Violation[] => {
  const p = (typeof problem === "object" && problem !== null ? problem : {}) as { detail?: unknown; errors?: unknown };
  const errors = Array.isArray(p.errors) ? p.errors.filter((e): e is Violation => typeof e?.path === "string" && typeof e?.message === "string") : [];
  return errors.length > 0 ? errors : [{ path: "", message: typeof p.detail === "string" ? p.detail : `the deployment answered ${status}` }];
};

/** An engine that POSTs each body as JSON to `base` + the API path. */
export function remoteEngine(base: string, fetchFn: Fetch = fetch as unknown as Fetch): Engine {
  const call = async <T>(path: string, body: unknown, markdown = false): Promise<Answer<T>> => {
    const url = endpoint(base, path);
    let res: Awaited<ReturnType<Fetch>>;
    let text: string;
    try {
      res = await fetchFn(url, { method: "POST", headers: { "Content-Type": "application/json", Accept: markdown ? "text/markdown" : "application/json" }, body: JSON.stringify(body) });
      text = await res.text();
    } catch (e) {
      throw new RemoteError(`cannot reach ${url}: ${(e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message}`);
    }
    if (res.status === 200) {
      if (markdown) return { ok: true, value: null as T, text };
      try {
        return { ok: true, value: JSON.parse(text) as T, text };
      } catch {
        throw new RemoteError(`${url} answered 200 with a body that is not JSON; is --url a meshsim deployment?`);
      }
    }
    if (res.status >= 400 && res.status < 500) {
      let problem: unknown;
      try {
        problem = JSON.parse(text);
      } catch {
        throw new RemoteError(`${url} answered ${res.status} without a problem body; is --url a meshsim deployment?`);
      }
      return { ok: false, errors: violationsOf(problem, res.status) };
    }
    throw new RemoteError(`${url} answered ${res.status}`);
  };
  return {
    batch: (body) => call("/v1/simulate/batch", body),
    simulate: (body, markdown) => call("/v1/simulate", body, markdown),
    validate: (body) => call("/v1/validate", body),
    upgrade: (body, markdown) => call("/v1/upgrade", body, markdown),
    impact: (body, markdown) => call("/v1/impact", body, markdown),
    passthroughPlan: (body, markdown) => call("/v1/passthrough-plan", body, markdown),
  };
}
