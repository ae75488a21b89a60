/**
 * The hostile requests measured in issue #15 (test/support/attacks.ts) each get a 4xx or a correct answer now,
 * without compiling a huge regex or parsing a huge YAML text. Statuses and problem types only: how long each takes
 * is printed by `npm run attacks` (docs/hardening.md), never asserted here.
 */
import { describe, expect, it } from "vitest";
import { attacks, tenRegexRoutes } from "../../test/support/attacks.js";
import { createApp } from "./app.js";

const app = createApp();

async function send(a: { path: string; contentType: string; body: string }) {
  const res = await app.request(a.path, { method: "POST", body: a.body, headers: { "content-type": a.contentType } });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe("issue #15 attacks", () => {
  for (const a of attacks())
    it(`${a.name}: ${a.expect.status}${a.expect.type ? ` ${a.expect.type}` : ""}`, async () => {
      const { status, json } = await send(a);
      expect(status).toBe(a.expect.status);
      if (a.expect.type) expect(json["type"]).toBe(`https://meshsim.dev/problems/${a.expect.type}`);
    });

  it("the regex routes end the walk at the first one, with meshsim's limit as the reason", async () => {
    const { json } = await send(tenRegexRoutes());
    expect((json["reason"] as { message: string }).message).toContain("route #0: meshsim limit: regex of about 146002 RE2 instructions, over 10000");
  });

  it("a too-expensive problem names the figure and the limit", async () => {
    const a = attacks().find((x) => x.expect.status === 422)!;
    const { json } = await send(a);
    expect(json["detail"]).toBe("modifications × resources: 1000200, over the limit of 1000000; split the request or make it smaller");
  });

  it("POST /v1/upgrade refuses the same work estimate before simulating either release", async () => {
    const a = attacks().find((x) => x.expect.status === 422)!;
    const body = { ...(JSON.parse(a.body) as Record<string, unknown>), request: undefined, fromVersion: "2.14", toVersion: "3.0" };
    const { status, json } = await send({ ...a, path: "/v1/upgrade", body: JSON.stringify(body) });
    expect(status).toBe(422);
    expect(json["detail"]).toBe("modifications × resources: 1000200, over the limit of 1000000; split the request or make it smaller");
  });

  it("the YAML parser reports only the first error", async () => {
    const a = attacks()[1]!;
    const { json } = await send(a);
    expect(json["errors"]).toEqual([{ path: "", message: "YAML syntax error: Unexpected , in flow sequence (line 1, column 6)" }]);
  });
});
