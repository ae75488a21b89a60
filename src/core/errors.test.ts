/** Violation paths: `a.b[3].c`, the form every error in a problem+json body uses. */
import { describe, expect, it } from "vitest";
import { fail, joinPath, ok } from "./errors.js";

describe("joinPath", () => {
  it("dots between names, brackets for indices", () => {
    expect(joinPath("resources", 2, "spec", "default", "appendModifications", 0, "cluster", "value")).toBe("resources[2].spec.default.appendModifications[0].cluster.value");
  });
  it("from the empty base, the first name has no leading dot and an index no leading name", () => {
    expect(joinPath("", "to")).toBe("to");
    expect(joinPath("", 0, "a")).toBe("[0].a");
  });
  it("skips empty segments, so a base of \"\" and extra \"\" segments change nothing", () => {
    expect(joinPath("a", "", "b", "")).toBe("a.b");
    expect(joinPath("")).toBe("");
  });
  it("index 0 is written, not skipped", () => {
    expect(joinPath("a", 0, 0)).toBe("a[0][0]");
  });
});

describe("ok / fail", () => {
  it("build the two arms of Result", () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(fail([{ path: "a", message: "m" }])).toEqual({ ok: false, errors: [{ path: "a", message: "m" }] });
  });
});
