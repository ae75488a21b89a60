import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expandPaths, readBatchFile, readResources, readText } from "./inputs.js";

const dir = mkdtempSync(join(tmpdir(), "meshsim-inputs-"));
const put = (name: string, text: string | Buffer) => {
  const p = join(dir, name);
  mkdirSync(join(p, ".."), { recursive: true });
  writeFileSync(p, text);
  return p;
};

describe("inputs", () => {
  it("refuses what an HTTP body refuses: invalid UTF-8, empty, NUL; a missing file by its error code", () => {
    expect(readText(put("bad.yaml", Buffer.from([0xff, 0xfe])))).toMatchObject({ ok: false, problems: [{ message: "is not valid UTF-8" }] });
    expect(readText(put("empty.yaml", " \n"))).toMatchObject({ ok: false, problems: [{ message: "is empty" }] });
    expect(readText(put("nul.yaml", "a: \u0000"))).toMatchObject({ ok: false, problems: [{ message: "contains NUL characters" }] });
    expect(readText(join(dir, "missing.yaml"))).toMatchObject({ ok: false, problems: [{ message: "cannot be read (ENOENT)" }] });
  });

  it("reads a batch body with the guarded YAML parser (aliases refused) or as JSON", () => {
    expect(readBatchFile(put("b.json", '{"requests": []}'))).toMatchObject({ ok: true, value: { value: { requests: [] } } });
    const alias = readBatchFile(put("alias.yaml", "a: &x 1\nb: *x\n"));
    expect(alias.ok).toBe(false);
    expect(readText("-", () => Buffer.from("from stdin"))).toEqual({ ok: true, value: "from stdin" });
  });

  it("expands directories recursively to .yaml .yml .json in name order; stdin and files stay", () => {
    const a = put("d/b.yml", "x: 1");
    const b = put("d/a/z.json", "{}");
    put("d/readme.md", "no");
    expect(expandPaths([join(dir, "d"), "-"])).toEqual({ ok: true, value: [b, a, "-"] });
    expect(expandPaths([join(dir, "nope")])).toMatchObject({ ok: false, problems: [{ message: "does not exist" }] });
  });

  it("gives each resource its origin: YAML documents by index, JSON array entries by path", () => {
    const y = put("r.yaml", "---\n---\nname: a\n---\nname: b\n");
    const j = put("r.json", '[{"name": "c"}]');
    const r = readResources([y, j]);
    expect(r.ok && r.value.map((x) => [x.value, x.origin.file, x.origin.doc, x.origin.path])).toEqual([
      [{ name: "a" }, y, 0, []],
      [{ name: "b" }, y, 1, []],
      [{ name: "c" }, j, 0, [0]],
    ]);
  });
});
