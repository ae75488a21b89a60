/**
 * GET /widget.js serves widget.js, the element's one source, byte for byte: it reaches the app as a
 * `?raw` import (no generated copy), so a broken import rule would show up here as a different body.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createApp } from "../app.js";

const app = createApp();
const WIDGET_BYTES = readFileSync(new URL("./widget.js", import.meta.url));

describe("GET /widget.js", () => {
  it("is widget.js byte for byte, with the headers docs sites on other origins need", async () => {
    const res = await app.request("/widget.js", { headers: { origin: "https://docs.example" } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(WIDGET_BYTES)).toBe(true);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(res.headers.get("cache-control")).toBe("public, max-age=600");
    expect(res.headers.get("etag")).toMatch(/^"[A-Za-z0-9_-]{27}"$/); // strong, URL-safe base64 of SHA-256
  });

  it("answers a matching If-None-Match with 304 and no body", async () => {
    const etag = (await app.request("/widget.js")).headers.get("etag")!;
    const res = await app.request("/widget.js", { headers: { "if-none-match": `W/${etag}` } });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe("");
    expect(res.headers.get("etag")).toBe(etag);
  });
});
