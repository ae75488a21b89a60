/**
 * The program-size estimate, RE2's error texts and the compiled-pattern cache. Expected sizes are counted by hand
 * with the rules of `re2ProgramSize` (Go regexp/syntax compile.go: one instruction per literal, class, `.`, anchor,
 * `|`, `*`, `+`, `?`; two per capture; fail + match). Error texts: google/re2 re2/regexp.cc kErrorStrings.
 */
import { describe, expect, it } from "vitest";
import { compileRe2, re2ErrorText, re2ProgramSize, regexCacheSize, REGEX_CACHE_SIZE } from "./regex.js";

describe("re2ProgramSize", () => {
  it("counts literals, classes, operators and groups", () => {
    expect(re2ProgramSize("abc")).toBe(5); // 3 literals + fail + match
    expect(re2ProgramSize("[a-z]+")).toBe(4); // class, +, frame
    expect(re2ProgramSize("(a|b)c")).toBe(8); // a, |, b, capture 2, c, frame
    expect(re2ProgramSize("(?:ab){10}")).toBe(22); // 2 × 10, frame
    expect(re2ProgramSize("a{2,5}")).toBe(10); // 5 copies + 3 optional, frame
  });
  it("counts a repeat as its copies, so the issue's 1,022-character pattern is about 146,000 instructions", () => {
    expect(re2ProgramSize("a{1000}")).toBe(1002);
    expect(re2ProgramSize("a{1000}".repeat(146))).toBe(146_002);
  });
  it("is linear in the pattern and never throws on invalid syntax", () => {
    expect(re2ProgramSize("(((")).toBeGreaterThan(0);
    expect(re2ProgramSize("\\")).toBeGreaterThan(0);
    expect(re2ProgramSize("[")).toBeGreaterThan(0);
  });
});

describe("re2ErrorText", () => {
  it("rewrites Go's codes to RE2's texts", () => {
    expect(re2ErrorText("error parsing regexp: missing closing ]: `[a-`")).toBe("missing ]: [a-");
    expect(re2ErrorText("error parsing regexp: missing argument to repetition operator: `+`")).toBe("no argument for repetition operator: +");
    expect(re2ErrorText("error parsing regexp: invalid repeat count: `{1001}`")).toBe("invalid repetition size: {1001}");
    expect(re2ErrorText("error parsing regexp: trailing backslash at end of expression")).toBe("trailing \\");
  });
});

describe("compileRe2", () => {
  it("returns the cached pattern on the next call and keeps at most REGEX_CACHE_SIZE", () => {
    const first = compileRe2("^/cache-test$");
    expect(compileRe2("^/cache-test$")).toBe(first);
    for (let i = 0; i < REGEX_CACHE_SIZE + 10; i++) compileRe2(`^/p${i}$`);
    expect(regexCacheSize()).toBe(REGEX_CACHE_SIZE);
    expect(compileRe2("^/cache-test$")).not.toBe(first); // evicted, compiled again
  });
  it("an invalid pattern gives RE2's message", () => {
    expect(compileRe2("(")).toEqual({ ok: false, message: "missing ): (" });
  });
});
