/**
 * Reads and parses a request body in the order the hardening checklist asks for: size limit (also
 * without or with a lying Content-Length) → content type (415) → UTF-8 → parse → shape limits.
 */
import type { Context } from "hono";
import type { Violation } from "../core/errors.js";
import { checkShape } from "../core/parse/shape.js";
import { parseYamlDocument } from "../core/parse/yaml.js";
import type { HttpSettings } from "./config.js";

export type BodyFormat = "json" | "yaml";

export type BodyResult =
  | { readonly ok: true; readonly value: unknown; readonly format: BodyFormat; /** The body's length in characters (the YAML parsed, for a YAML body). */ readonly chars: number }
  | { readonly ok: false; readonly status: 400 | 413 | 415; readonly detail: string; readonly errors: readonly Violation[] };

const YAML_TYPES = new Set(["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"]);

/** Every content type {@link formatOf} accepts, as the 415 lists them. */
export const ACCEPTED_TYPES = `application/json (or any type ending in +json), ${[...YAML_TYPES].join(", ")}`;

export function formatOf(contentType: string | undefined): BodyFormat | undefined {
  const mt = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (mt === "application/json" || mt.endsWith("+json")) return "json";
  if (YAML_TYPES.has(mt)) return "yaml";
  return undefined;
}

/**
 * How many bytes past the limit are read and thrown away before the stream is cancelled. Cancelling a
 * request body that is still arriving makes workerd close the connection mid-upload, and `wrangler dev`'s
 * proxy then answers the *next* request with a 503 "worker restarted mid-request" or a 500 "Network
 * connection lost" (reproduced with a ten-line Worker; see docs/hardening.md). Draining costs I/O and
 * almost no CPU: the chunks are dropped unread. 100 MiB is the Workers platform's own request-size limit
 * on the Free and Pro plans, so on Cloudflare the drain never has to stop early.
 */
export const DRAIN_LIMIT_BYTES = 100 << 20;

/** Reads at most `limit` bytes; `undefined` when the body is larger (the rest is drained, see above). */
async function readCapped(req: Request, limit: number): Promise<Uint8Array | undefined> {
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await drain(reader, size, limit + DRAIN_LIMIT_BYTES);
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}

/** Reads and drops the rest of a body; cancels only a body that goes on past `stopAt` bytes. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, size: number, stopAt: number): Promise<void> {
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    size += value.byteLength;
    if (size > stopAt) {
      await reader.cancel();
      return;
    }
  }
}

function jsonErrorMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return `malformed JSON: ${m.replace(/^JSON\.parse: /, "").slice(0, 200)}`;
}

export async function readBody(c: Context, settings: HttpSettings): Promise<BodyResult> {
  const format = formatOf(c.req.header("content-type"));
  if (!format) {
    const got = c.req.header("content-type");
    return {
      ok: false,
      status: 415,
      detail: `Content-Type must be one of ${ACCEPTED_TYPES}, not ${got === undefined ? "missing" : JSON.stringify(got.slice(0, 100))}`,
      errors: [{ path: "", message: `send the body with one of these content types, e.g. curl -H 'content-type: application/yaml' --data-binary @input.yaml (JSON: -H 'content-type: application/json')` }],
    };
  }
  const limit = format === "json" ? settings.maxJsonBytes : settings.maxYamlBytes;
  const declared = Number(c.req.header("content-length"));
  const tooLarge = {
    ok: false,
    status: 413,
    detail: `the ${format.toUpperCase()} body limit is ${limit} bytes${format === "yaml" ? " (YAML costs about 100x more to parse than JSON; send JSON for large snapshots)" : ""}`,
    errors: [{ path: "", message: `is over ${limit} bytes: send only the resources the request needs (its Dataplanes, their Mesh and the policies that select them), or split a batch into several${format === "yaml" ? "; or send the same body as JSON" : ""}` }],
  } as const;
  if (Number.isFinite(declared) && declared > limit) return tooLarge;
  const bytes = await readCapped(c.req.raw, limit);
  if (!bytes) return tooLarge;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, status: 400, detail: "the body is not valid UTF-8", errors: [{ path: "", message: "invalid UTF-8" }] };
  }
  if (text.trim() === "") return { ok: false, status: 400, detail: "the body is empty", errors: [{ path: "", message: "a request body is required" }] };
  if (text.includes("\u0000")) return { ok: false, status: 400, detail: "the body contains NUL characters", errors: [{ path: "", message: "NUL characters are not accepted" }] };
  let value: unknown;
  if (format === "json") {
    try {
      value = JSON.parse(text);
    } catch (e) {
      return { ok: false, status: 400, detail: "the body is not valid JSON", errors: [{ path: "", message: jsonErrorMessage(e) }] };
    }
  } else {
    const parsed = parseYamlDocument(text, "");
    if (!parsed.ok) return { ok: false, status: 400, detail: "the body is not acceptable YAML", errors: parsed.errors };
    value = parsed.value;
  }
  const shape = checkShape(value, "");
  if (shape.length > 0) return { ok: false, status: 400, detail: "the body is nested too deeply or is too large", errors: shape };
  return { ok: true, value, format, chars: text.length };
}
