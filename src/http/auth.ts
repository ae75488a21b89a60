/**
 * Optional private deployments: when the secret `MESHSIM_TOKEN` is set (`wrangler secret put
 * MESHSIM_TOKEN`), every request except the public ones needs `Authorization: Bearer <token>`.
 * Not hono/bearer-auth: it refuses by throwing an HTTPException with a text/plain body, which this app's
 * `onError` would turn into a 500; meshsim answers 401 as a problem like every other error. The
 * comparison is hono's `timingSafeEqual` (the same one bearer-auth uses): it compares SHA-256 digests, so
 * neither the position of the first wrong character nor the token's length shows in the timing.
 */
import type { Context } from "hono";
import { timingSafeEqual } from "hono/utils/buffer";
import { problem } from "./problem.js";

/** What stays public: the try-it page, its script (both embedded on docs pages) and the health check. */
const PUBLIC = new Set(["GET /", "HEAD /", "GET /widget.js", "HEAD /widget.js", "GET /healthz", "HEAD /healthz"]);

/** The configured token, when there is one (an empty secret counts as none). */
export function tokenOf(env: Record<string, unknown> | undefined): string | undefined {
  const t = env?.["MESHSIM_TOKEN"];
  return typeof t === "string" && t !== "" ? t : undefined;
}

/** The 401 problem to send, or `undefined` when the request may go on. */
export async function checkBearer(c: Context): Promise<Response | undefined> {
  const token = tokenOf(c.env as Record<string, unknown> | undefined);
  if (!token || PUBLIC.has(`${c.req.method} ${new URL(c.req.url).pathname}`)) return undefined;
  // RFC 6750 §2.1: `Bearer` (case-insensitive scheme, RFC 9110 §11.1), one space or more, the token.
  const m = /^Bearer +(\S+) *$/i.exec(c.req.header("authorization") ?? "");
  if (m && (await timingSafeEqual(token, m[1]!))) return undefined;
  // RFC 6750 §3: a request without credentials gets the challenge alone; a wrong token gets invalid_token.
  c.header("WWW-Authenticate", m ? 'Bearer realm="meshsim", error="invalid_token"' : 'Bearer realm="meshsim"');
  return problem(c, 401, "unauthorized", m ? "the bearer token does not match this deployment's MESHSIM_TOKEN" : "this deployment is private: send Authorization: Bearer <token>");
}
