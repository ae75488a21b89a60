/** Trace lines with long lists (issue #14 point 4): the expected texts are written out by hand. */
import { describe, expect, it } from "vitest";
import { LIST_HEAD, listLine, traceText, traceTexts } from "./trace-line.js";

const names = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);

describe("listLine / traceText", () => {
  it("a list of at most 20 names is plain text from the start: the same bytes whole or cut", () => {
    expect(LIST_HEAD).toBe(20);
    const line = listLine("added: ", names(20), ", ", ".");
    expect(line).toBe("added: c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19.");
    expect(traceText(line, false)).toBe(traceText(line, true));
  });

  it("a list of 22 names shows the first 20 and says 2 more, unless full", () => {
    const line = listLine("changed ", names(22), "; ");
    expect(typeof line).toBe("object");
    expect(traceText(line, false)).toBe(
      'changed c0; c1; c2; c3; c4; c5; c6; c7; c8; c9; c10; c11; c12; c13; c14; c15; c16; c17; c18; c19; … and 2 more (include "full" lists all 22)',
    );
    expect(traceText(line, true)).toBe("changed c0; c1; c2; c3; c4; c5; c6; c7; c8; c9; c10; c11; c12; c13; c14; c15; c16; c17; c18; c19; c20; c21");
  });

  it("traceTexts keeps plain lines and their order", () => {
    expect(traceTexts(["a", listLine("x: ", names(21), ","), "b"], false)).toEqual(["a", 'x: c0,c1,c2,c3,c4,c5,c6,c7,c8,c9,c10,c11,c12,c13,c14,c15,c16,c17,c18,c19,… and 1 more (include "full" lists all 21)', "b"]);
  });
});
