/**
 * Inside workerd, GET /widget.js still serves widget.js: the Worker bundle carries it as a `?raw`
 * text import (wrangler.toml's Text rule for wrangler, Vite's `?raw` here), not a generated copy.
 */
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import WIDGET_JS from "../../src/http/widget/widget.js?raw";

describe("GET /widget.js inside workerd", () => {
  // The first request in a run loads the whole app into workerd, which can take seconds on a busy machine.
  it("serves widget.js's text with its CORS and cache headers", { timeout: 60_000 }, async () => {
    const res = await exports.default.fetch("http://meshsim.test/widget.js");
    const body = await res.text();
    expect(res.status).toBe(200);
    expect(body.startsWith("// @ts-check\n/**\n * <meshsim-try>:")).toBe(true); // the file's first lines
    expect(body.endsWith("customElements.define(TAG, MeshsimTry);\n})();\n")).toBe(true); // and its last
    expect(body).toBe(WIDGET_JS);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(res.headers.get("cache-control")).toBe("public, max-age=600");
  });
});
