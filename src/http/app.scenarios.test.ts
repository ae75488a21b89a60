import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "vitest";
import { createApp } from "./app.js";
import { runScenario, scenarioFrom } from "../../test/scenarios/check.js";

const dir = join(import.meta.dirname, "..", "..", "test", "scenarios");
const names = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe("scenarios through the Hono app in Node", () => {
  const app = createApp();
  for (const name of names) {
    it(name, async () => {
      const s = scenarioFrom(name, readFileSync(join(dir, name, "input.yaml"), "utf8"), readFileSync(join(dir, name, "expected.yaml"), "utf8"));
      await runScenario(s, async (body, contentType) => {
        const res = await app.request("/v1/simulate", { method: "POST", body, headers: { "content-type": contentType } });
        return { status: res.status, text: await res.text() };
      });
    });
  }
});
