/**
 * `?format=` (issue #13 point 5): an unknown value, or a form the route has not, is a 400 naming the accepted values,
 * never a silent JSON answer (a bot that asked for Slack would post JSON); `json` is accepted and wins over the Accept
 * header; without the parameter the Accept header still chooses Markdown.
 */
import { describe, expect, it } from "vitest";
import { createApp } from "./app.js";

const app = createApp();
const post = (path: string, body: unknown, headers: Record<string, string> = {}) => app.request(path, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", ...headers } });

const DP = { type: "Dataplane", mesh: "default", name: "web-01", networking: { address: "10.0.0.5", inbound: [{ port: 8080, tags: { "kuma.io/service": "web" } }], transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001 } } };
const BODIES: Record<string, unknown> = {
  "/v1/simulate": { request: { to: "http://example.com", ip: "93.184.216.34" } },
  "/v1/simulate/batch": { requests: [{ to: "http://example.com", ip: "93.184.216.34" }] },
  "/v1/upgrade": { fromVersion: "2.14", toVersion: "2.14", resources: [DP] },
  "/v1/impact": { kumaVersion: "2.14", resources: [DP] },
  "/v1/passthrough-plan": { kumaVersion: "2.14", resources: [DP], destinations: [{ host: "api.example.com", port: 443, protocol: "tls" }] },
};
const CHAT = "expected json, markdown or slack (markdown: the short chat answer, as Accept: text/markdown gives; slack: a Slack Block Kit message; no parameter: JSON)";

describe("?format=", () => {
  for (const [path, body] of Object.entries(BODIES)) {
    it(`${path}: an unknown value is a 400 naming json, markdown and slack`, async () => {
      const res = await post(`${path}?format=xml`, body);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      const p = (await res.json()) as { detail: string; errors: { path: string; message: string }[] };
      expect(p.errors).toEqual([{ path: "?format", message: `${CHAT}, got "xml"` }]);
      expect(p.detail).toBe(`the query parameter format is not valid: ${CHAT}, got "xml"`);
    });

    it(`${path}: slack is Block Kit JSON, markdown is Markdown, json is JSON even with Accept: text/markdown`, async () => {
      const slack = await post(`${path}?format=slack`, body);
      expect(slack.status).toBe(200);
      const m = (await slack.json()) as { text: unknown; blocks: { type: string }[] };
      expect(typeof m.text).toBe("string");
      expect(m.blocks[0]!.type).toBe("section");
      const md = await post(`${path}?format=markdown`, body);
      expect(md.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
      const json = await post(`${path}?format=json`, body, { accept: "text/markdown" });
      expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(Object.keys((await json.json()) as object)).not.toContain("blocks");
      const accept = await post(path, body, { accept: "text/markdown" });
      expect(accept.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    });
  }

  it("an empty value and another case are not guessed at", async () => {
    for (const v of ["", "Slack"]) {
      const res = await post(`/v1/upgrade?format=${v}`, BODIES["/v1/upgrade"]);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: { message: string }[] }).errors[0]!.message).toBe(`${CHAT}, got "${v}"`);
    }
  });

  it("POST /v1/validate answers in JSON only: slack or markdown there is a 400 saying where those forms are", async () => {
    for (const v of ["slack", "markdown"]) {
      const res = await post(`/v1/validate?format=${v}`, { resources: [DP] });
      expect(res.status).toBe(400);
      const p = (await res.json()) as { errors: { path: string; message: string }[] };
      expect(p.errors).toEqual([
        {
          path: "?format",
          message: `expected json or no format parameter: /v1/validate answers in JSON only (the Markdown and Slack forms are on /v1/simulate, /v1/simulate/batch, /v1/upgrade, /v1/impact, /v1/passthrough-plan), got "${v}"`,
        },
      ]);
    }
    const ok = await post("/v1/validate?format=json", { resources: [DP] });
    expect(ok.status).toBe(200);
  });

  it("is checked before the body: a bad format with a bad body names the format", async () => {
    const res = await post("/v1/impact?format=yaml", { nope: 1 });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe("?format");
  });
});
