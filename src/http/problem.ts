/** RFC 9457 problem details: every error response, never a stack trace. */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Violation } from "../core/errors.js";

export type ProblemType = "invalid-request" | "unsupported-media-type" | "payload-too-large" | "not-found" | "method-not-allowed" | "unauthorized" | "rate-limited" | "too-expensive" | "internal-error";

const TITLES: Readonly<Record<ProblemType, string>> = {
  "invalid-request": "The request is not valid",
  "unsupported-media-type": "Unsupported content type",
  "payload-too-large": "Request body too large",
  "not-found": "Not found",
  "method-not-allowed": "Method not allowed",
  unauthorized: "Unauthorized",
  "rate-limited": "Too many requests",
  "too-expensive": "The request would cost too much to simulate",
  "internal-error": "Internal error",
};

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly errors: readonly Violation[];
}

export function problem(c: Context, status: ContentfulStatusCode, type: ProblemType, detail: string, errors: readonly Violation[] = []): Response {
  const body: Problem = { type: `https://meshsim.dev/problems/${type}`, title: TITLES[type], status, detail, instance: new URL(c.req.url).pathname, errors };
  return c.body(JSON.stringify(body), status, { "Content-Type": "application/problem+json", "Cache-Control": "no-store" });
}
