/**
 * Body reading: media types (RFC 9110 §8.3.1: type and subtype are case-insensitive, parameters follow ";";
 * RFC 6839 §3.1: "+json" structured suffix), size limits with or without an honest Content-Length,
 * UTF-8 (RFC 8259 §8.1), then the parse and the shape limits.
 */
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { DRAIN_LIMIT_BYTES, formatOf, readBody } from "./body.js";
import { DEFAULT_SETTINGS, type HttpSettings } from "./config.js";

describe("formatOf", () => {
  it("JSON: application/json with or without parameters, any case, and any +json type", () => {
    for (const t of ["application/json", "application/json; charset=utf-8", "APPLICATION/JSON", " application/json ;x=1", "application/problem+json", "application/vnd.api+json"]) expect(formatOf(t), t).toBe("json");
  });
  it("YAML: the four names in use", () => {
    for (const t of ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "Application/YAML; charset=utf-8"]) expect(formatOf(t), t).toBe("yaml");
  });
  it("anything else is unsupported", () => {
    for (const t of [undefined, "", "text/plain", "application/jsonx", "application/json-patch", "application/yaml+xml", "multipart/form-data"]) expect(formatOf(t), String(t)).toBeUndefined();
  });
});

const small: HttpSettings = { ...DEFAULT_SETTINGS, maxJsonBytes: 32, maxYamlBytes: 16 };
const app = new Hono();
app.post("/", async (c) => c.json(await readBody(c, small)));
const post = async (body: BodyInit | null, headers: Record<string, string>) =>
  // duplex: a streamed body needs it in Node's fetch.
  (await (await app.request("/", { method: "POST", body, headers, duplex: "half" } as RequestInit)).json()) as Record<string, unknown>;

describe("readBody", () => {
  it("415 without a supported content type, naming what came", async () => {
    expect(await post("{}", { "content-type": "text/plain" })).toMatchObject({ ok: false, status: 415, detail: 'Content-Type must be one of application/json (or any type ending in +json), application/yaml, application/x-yaml, text/yaml, text/x-yaml, not "text/plain"' });
    expect(await post("{}", {})).toMatchObject({ ok: false, status: 415 });
  });
  it("413 when Content-Length declares more than the limit", async () => {
    expect(await post("{}", { "content-type": "application/json", "content-length": "33" })).toMatchObject({
      ok: false,
      status: 413,
      detail: "the JSON body limit is 32 bytes",
      errors: [{ path: "", message: "is over 32 bytes: send only the resources the request needs (its Dataplanes, their Mesh and the policies that select them), or split a batch into several" }],
    });
  });
  it("413 when the body is larger than the limit although Content-Length is absent", async () => {
    const stream = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode(`{"a":"${"x".repeat(40)}"}`)), c.close()) });
    expect(await post(stream, { "content-type": "application/json" })).toMatchObject({ ok: false, status: 413 });
  });
  it("past the limit, the rest of a streamed body is read to its end, not cancelled (cancelling breaks the next request on wrangler dev)", async () => {
    const chunk = new Uint8Array(16).fill(0x20);
    let pulls = 0;
    let cancelled = false;
    // 10 chunks of 16 bytes: the 32-byte limit is passed at the third; all ten must still be pulled.
    const stream = new ReadableStream({ pull: (c) => (++pulls <= 10 ? c.enqueue(chunk) : c.close()), cancel: () => void (cancelled = true) });
    expect(await post(stream, { "content-type": "application/json" })).toMatchObject({ ok: false, status: 413 });
    expect(pulls).toBe(11);
    expect(cancelled).toBe(false);
  });
  it("a body that goes on past the drain limit is cancelled there (a stream without end cannot hold the request)", async () => {
    const mib = new Uint8Array(1 << 20);
    let sent = 0;
    let cancelled = false;
    const stream = new ReadableStream({ pull: (c) => ((sent += mib.byteLength), c.enqueue(mib)), cancel: () => void (cancelled = true) });
    expect(await post(stream, { "content-type": "application/json" })).toMatchObject({ ok: false, status: 413 });
    expect(cancelled).toBe(true);
    // 100 MiB (the platform's limit) past the 32-byte limit, in whole MiB chunks, plus what the stream queued ahead.
    expect(DRAIN_LIMIT_BYTES).toBe(100 * 1024 * 1024);
    expect(sent).toBeGreaterThan(DRAIN_LIMIT_BYTES);
    expect(sent).toBeLessThan(DRAIN_LIMIT_BYTES + 4 * mib.byteLength);
  });
  it("the limit is per format, and exactly the limit is accepted", async () => {
    expect(await post(`{"a":"${"x".repeat(24)}"}`, { "content-type": "application/json" })).toMatchObject({ ok: true, format: "json" });
    expect(await post("a: xxxxxxxxxxxxx", { "content-type": "application/yaml" })).toMatchObject({ ok: true, format: "yaml", value: { a: "xxxxxxxxxxxxx" } });
    expect(await post("a: xxxxxxxxxxxxxx", { "content-type": "application/yaml" })).toMatchObject({ ok: false, status: 413, detail: expect.stringMatching(/^the YAML body limit is 16 bytes/) });
  });
  it("400 for invalid UTF-8", async () => {
    expect(await post(new Uint8Array([0x7b, 0xff, 0x7d]), { "content-type": "application/json" })).toMatchObject({ ok: false, status: 400, detail: "the body is not valid UTF-8" });
  });
  it("a UTF-8 byte order mark is ignored (RFC 8259 §8.1 lets parsers ignore it)", async () => {
    expect(await post(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), { "content-type": "application/json" })).toMatchObject({ ok: true, value: {} });
  });
  it("400 for an empty or blank body, and for NUL characters", async () => {
    expect(await post("  \n", { "content-type": "application/json" })).toMatchObject({ ok: false, status: 400, detail: "the body is empty" });
    expect(await post('{"a":"\u0000"}', { "content-type": "application/json" })).toMatchObject({ ok: false, status: 400, detail: "the body contains NUL characters" });
  });
  it("400 for malformed JSON, with the parser's message", async () => {
    const r = await post("{", { "content-type": "application/json" });
    expect(r).toMatchObject({ ok: false, status: 400, detail: "the body is not valid JSON" });
    expect((r["errors"] as { message: string }[])[0]!.message).toMatch(/^malformed JSON: /);
  });
  it("400 when the parsed value is nested deeper than the shape limit (64)", async () => {
    const deep = `${"[".repeat(70)}${"]".repeat(70)}`;
    const big = { ...DEFAULT_SETTINGS };
    const a = new Hono();
    a.post("/", async (c) => c.json(await readBody(c, big)));
    const r = (await (await a.request("/", { method: "POST", body: deep, headers: { "content-type": "application/json" } })).json()) as Record<string, unknown>;
    expect(r).toMatchObject({ ok: false, status: 400, detail: "the body is nested too deeply or is too large" });
  });
});
