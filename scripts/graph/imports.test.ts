/** The layer rule of docs/architecture.md holds for src/, and the checker catches what it must. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { analyse, importsOf, layerOf } from "./imports.js";

const root = join(import.meta.dirname, "..", "..");

describe("src/ import graph", () => {
  const a = analyse(root);
  it("puts every module in a layer", () => {
    expect(a.unlayered).toEqual([]);
  });
  it("has no import from a lower layer to a higher one (nor between http and cli)", () => {
    expect(a.upward.map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });
  it("has no circle", () => {
    expect(a.cycles).toEqual([]);
  });
  it("reads the whole program", () => {
    expect(a.modules).toContain("src/index.ts");
    expect(a.modules.length).toBeGreaterThan(80);
    expect(a.edges.length).toBeGreaterThan(300);
  });
});

describe("the checker", () => {
  const tmp = mkdtempSync(join(tmpdir(), "meshsim-graph-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(tmp, path)), { recursive: true });
    writeFileSync(join(tmp, path), text);
  };

  it("reads static, type-only, re-export, side-effect and dynamic imports, not comments", () => {
    const text = [
      'import { a } from "./a.js";',
      'import type {\n  B,\n} from "../b.js";',
      'export { c } from "./c.js";',
      'import "./d.js";',
      'const e = await import("./e.js");',
      '// import { f } from "./f.js";',
      '/* import { g } from "./g.js"; */',
      'import * as z from "zod";',
    ].join("\n");
    expect(importsOf(text)).toEqual(["./a.js", "../b.js", "./c.js", "./d.js", "./e.js"]);
  });
  it("places paths in layers", () => {
    expect(layerOf("src/core/json.ts")).toBe("primitives");
    expect(layerOf("src/core/model/versions.ts")).toBe("model");
    expect(layerOf("src/core/policies/registry.ts")).toBe("policies");
    expect(layerOf("src/http/app.ts")).toBe("http");
    expect(layerOf("src/core/elsewhere.ts")).toBeUndefined();
  });
  it("finds an upward import, a circle, a module outside every layer, and skips tests and fixtures", () => {
    write("src/core/snapshot/s.ts", 'import { p } from "../policies/p.js";\nexport const s = p;\n');
    write("src/core/policies/p.ts", 'export const p = 1;\n');
    write("src/core/match/x.ts", 'import { y } from "./y.js";\nexport const x = y;\n');
    write("src/core/match/y.ts", 'import { x } from "./x.js";\nexport const y = x;\n');
    write("src/core/stray.ts", "export const stray = 1;\n");
    write("src/core/snapshot/s.test.ts", 'import { http } from "../../http/h.js";\n');
    write("src/core/snapshot/s.fixtures.ts", 'import { http } from "../../http/h.js";\n');
    write("src/http/h.ts", 'import { s } from "../core/snapshot/s.js";\nexport const http = s;\n');
    const a = analyse(tmp);
    expect(a.upward).toEqual([{ from: "src/core/snapshot/s.ts", to: "src/core/policies/p.ts" }]);
    expect(a.cycles).toEqual([["src/core/match/x.ts", "src/core/match/y.ts"]]);
    expect(a.unlayered).toEqual(["src/core/stray.ts"]);
    expect(a.modules).not.toContain("src/core/snapshot/s.test.ts");
    expect(a.modules).not.toContain("src/core/snapshot/s.fixtures.ts");
  });
});
