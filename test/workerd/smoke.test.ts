import { exports } from "cloudflare:workers";
import { expect, it } from "vitest";
it("serves healthz inside workerd", async () => {
  const res = await exports.default.fetch("http://x/healthz");
  expect(res.status).toBe(200);
});
