/**
 * MeshPassthrough lint cases as data: each `lint-cases/*.yaml` is a `POST /v1/validate` body and the findings its
 * `lint` must hold, in order, typed by hand from the Kuma file and tag (or Envoy file) its `source` names. Facts may
 * be partial (each finding is matched field by field), but the number of findings is exact.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateSnapshot } from "./validate.js";
import { ValidateBodySchema } from "./schema.js";

const DIR = join(import.meta.dirname, "lint-cases");
const files = readdirSync(DIR).filter((f) => f.endsWith(".yaml")).sort();

describe("MeshPassthrough lint cases", () => {
  it("has cases", () => expect(files.length).toBeGreaterThanOrEqual(5));
  for (const file of files) {
    it(file, () => {
      const c = parse(readFileSync(join(DIR, file), "utf8")) as { source: string; body: unknown; lint: Record<string, unknown>[] };
      expect(c.source).toBeTruthy();
      const out = validateSnapshot(ValidateBodySchema.parse(c.body));
      if (!out.ok) throw new Error(JSON.stringify(out.errors));
      const lint = out.result.lint ?? [];
      expect(lint.map((f) => `${f.rule} ${f.path}`)).toEqual(c.lint.map((f) => `${f["rule"]} ${f["path"]}`));
      c.lint.forEach((want, i) => expect(lint[i]).toMatchObject(want));
    });
  }
});
