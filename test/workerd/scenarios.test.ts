/// <reference types="vite/client" />
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { runScenario, scenarioFrom } from "../scenarios/check.js";

// Vite inlines the scenario files at build time: workerd has no file system.
const inputs = import.meta.glob<string>("../scenarios/*/input.yaml", { query: "?raw", import: "default", eager: true });
const expecteds = import.meta.glob<string>("../scenarios/*/expected.yaml", { query: "?raw", import: "default", eager: true });

describe("scenarios inside workerd", () => {
  const names = Object.keys(inputs).map((p) => p.split("/")[2]!).sort();
  it("finds every scenario", () => expect(names.length).toBeGreaterThanOrEqual(9));
  for (const name of names) {
    it(name, async () => {
      const s = scenarioFrom(name, inputs[`../scenarios/${name}/input.yaml`]!, expecteds[`../scenarios/${name}/expected.yaml`]!);
      await runScenario(s, async (body, contentType) => {
        const res = await exports.default.fetch("http://meshsim.test/v1/simulate", { method: "POST", body, headers: { "content-type": contentType } });
        return { status: res.status, text: await res.text() };
      });
    });
  }
});
