import { describe, expect, it } from "vitest";
import { locate } from "./locate.js";

describe("locate", () => {
  const yaml = "a: 1\n---\n\n---\nspec:\n  list:\n    - x: 1\n    -   y: 2\n";
  it("counts non-empty documents and gives 1-based line and column of the value", () => {
    expect(locate(yaml, 1, ["spec", "list", 1])).toEqual({ line: 8, column: 9 });
    expect(locate(yaml, 0, ["a"])).toEqual({ line: 1, column: 4 });
  });
  it("falls back to the deepest node on the path, and is undefined past the last document", () => {
    expect(locate(yaml, 1, ["spec", "list", 5])).toEqual({ line: 7, column: 5 });
    expect(locate(yaml, 2, [])).toBeUndefined();
  });
  it("reads JSON text", () => {
    expect(locate('[\n  {"a": [0,\n    {"b": 1}]}\n]', 0, [0, "a", 1])).toEqual({ line: 3, column: 5 });
  });
});
