/** "Did you mean": nearest field by edit distance, synonyms, and no suggestion when nothing is close. */
import { describe, expect, it } from "vitest";
import { editDistance, suggestField } from "./suggest.js";

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and adjacent transpositions, ignoring case", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("protocl", "protocol")).toBe(1);
    expect(editDistance("form", "from")).toBe(1);
    expect(editDistance("Port", "port")).toBe(0);
    expect(editDistance("", "abc")).toBe(3);
  });
});

describe("suggestField", () => {
  const REQUEST = ["from", "to", "ip", "direction", "client"];
  it("a synonym names the field it stands for, when that field exists", () => {
    expect(suggestField("url", REQUEST)).toBe("to");
    expect(suggestField("source", REQUEST)).toBe("from");
    expect(suggestField("url", ["port"])).toBeUndefined();
  });
  it("a typo within a third of the name's length", () => {
    expect(suggestField("kumaVersoin", ["kumaVersion", "resources"])).toBe("kumaVersion");
    expect(suggestField("resorces", ["kumaVersion", "resources"])).toBe("resources");
    expect(suggestField("too", REQUEST)).toBe("to");
  });
  it("nothing when no field is close", () => {
    expect(suggestField("banana", REQUEST)).toBeUndefined();
    expect(suggestField("x".repeat(100), REQUEST)).toBeUndefined();
    for (const k of ["__proto__", "constructor", "toString", "hasOwnProperty"]) expect(suggestField(k, REQUEST)).toBeUndefined();
  });
});
