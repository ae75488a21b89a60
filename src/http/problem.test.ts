/** Problem details as RFC 9457 defines them: members §3.1, media type §3 / §6.1, status mirrors the response. */
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { problem } from "./problem.js";

const app = new Hono();
app.get("/v1/thing", (c) => problem(c, 415, "unsupported-media-type", "send JSON", [{ path: "a[0]", message: "bad" }]));
app.get("/v1/plain", (c) => problem(c, 404, "not-found", "nothing here"));

describe("problem", () => {
  it("answers application/problem+json with the same status in the body (RFC 9457 §3.1.2)", async () => {
    const res = await app.request("/v1/thing?secret=1");
    expect(res.status).toBe(415);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({
      type: "https://meshsim.dev/problems/unsupported-media-type",
      title: "Unsupported content type",
      status: 415,
      detail: "send JSON",
      // instance is a URI reference to this occurrence (§3.1.5): the path, without the query string.
      instance: "/v1/thing",
      errors: [{ path: "a[0]", message: "bad" }],
    });
  });
  it("the title depends on the type only, and errors default to an empty list (an extension member, §3.2)", async () => {
    const body = (await (await app.request("/v1/plain")).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ type: "https://meshsim.dev/problems/not-found", title: "Not found", status: 404, errors: [] });
    expect(Object.keys(body)).toEqual(["type", "title", "status", "detail", "instance", "errors"]);
  });
});
