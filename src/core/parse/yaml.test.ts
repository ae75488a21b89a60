import { describe, expect, it } from "vitest";
import { parseYamlDocument, parseYamlStream, YamlMemo } from "./yaml.js";

const refused = (path: string, message: string) => ({ ok: false, errors: [{ path, message }] });

/** Milliseconds taken by `fn`, with its result. */
function timed<T>(fn: () => T): { ms: number; result: T } {
  const t0 = performance.now();
  const result = fn();
  return { ms: performance.now() - t0, result };
}

describe("parseYamlDocument: plain JSON out", () => {
  it("parses mappings, sequences and scalars into plain objects", () => {
    const r = parseYamlDocument("name: web\nports: [80, 443]\ntls: true\nnothing:\nratio: 0.5\n", "body");
    expect(r).toEqual({ ok: true, value: { name: "web", ports: [80, 443], tls: true, nothing: null, ratio: 0.5 } });
    if (r.ok) expect(Object.getPrototypeOf(r.value)).toBe(Object.prototype);
  });

  it("keeps key order as written", () => {
    const r = parseYamlDocument("z: 1\na: 2\nm: 3\n", "body");
    expect(r.ok && Object.keys(r.value as object)).toEqual(["z", "a", "m"]);
  });

  it("gives null for zero documents", () => {
    expect(parseYamlDocument("", "body")).toEqual({ ok: true, value: null });
    expect(parseYamlDocument("# only a comment\n\n", "body")).toEqual({ ok: true, value: null });
    expect(parseYamlDocument("---\n", "body")).toEqual({ ok: true, value: null });
  });

  it("accepts a top-level scalar and a document with a leading --- and a trailing empty one", () => {
    expect(parseYamlDocument("hello", "v")).toEqual({ ok: true, value: "hello" });
    expect(parseYamlDocument("---\na: 1\n---\n", "v")).toEqual({ ok: true, value: { a: 1 } });
  });

  it("refuses more than one document", () => {
    expect(parseYamlDocument("a: 1\n---\nb: 2\n", "value")).toEqual(
      refused("value", "expected one YAML document, found 2 (the second starts at line 2)"),
    );
  });

  it("makes __proto__ an own data property, never a prototype change", () => {
    const r = parseYamlDocument("__proto__:\n  polluted: yes\nx: 1\nnested: {__proto__: {isAdmin: true}}\n", "body");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(["__proto__", "x", "nested"]);
    expect(Object.getOwnPropertyDescriptor(v, "__proto__")?.value).toEqual({ polluted: "yes" });
    const nested = v.nested as Record<string, unknown>;
    expect(Object.getPrototypeOf(nested)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(nested, "__proto__")?.value).toEqual({ isAdmin: true });
    expect(JSON.stringify(v)).toBe('{"__proto__":{"polluted":"yes"},"x":1,"nested":{"__proto__":{"isAdmin":true}}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it("treats constructor/prototype keys as data", () => {
    const r = parseYamlDocument("constructor:\n  prototype:\n    polluted: 1\n", "body");
    expect(r).toEqual({ ok: true, value: { constructor: { prototype: { polluted: 1 } } } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("parseYamlDocument: the pre-scan is token-aware", () => {
  it("accepts * & ! % and brackets inside quoted, plain and block scalars and comments", () => {
    const text = [
      "plain: foo*bar&baz!qux",
      "spaced: a & b ! c * d",
      "double: \"*alias &anchor !tag\"",
      "single: 'it''s *fine'",
      "url: http://example.com:80/a#frag # a comment with &x *y !z",
      "lua: |",
      "  *not_an_alias &not_an_anchor !not_a_tag [[[[ {{{{",
      "  %YAML is just text here",
      "folded: >-",
      "   !still text",
      "ipv6: ::1",
      "",
    ].join("\n");
    expect(parseYamlDocument(text, "v")).toEqual({
      ok: true,
      value: {
        plain: "foo*bar&baz!qux",
        spaced: "a & b ! c * d",
        double: "*alias &anchor !tag",
        single: "it's *fine",
        url: "http://example.com:80/a#frag",
        lua: "*not_an_alias &not_an_anchor !not_a_tag [[[[ {{{{\n%YAML is just text here\n",
        folded: "!still text",
        ipv6: "::1",
      },
    });
  });

  it("refuses an alias, with line and column", () => {
    expect(parseYamlDocument("a: 1\nb: 2\nlist: [x, *a]\n", "v")).toEqual(
      refused("v", "YAML aliases are not accepted (line 3, column 11)"),
    );
    expect(parseYamlDocument("list:\n- a\n- *b\n", "v")).toEqual(refused("v", "YAML aliases are not accepted (line 3, column 3)"));
    expect(parseYamlDocument('{"a":*b}', "v")).toEqual(refused("v", "YAML aliases are not accepted (line 1, column 6)"));
  });

  it("refuses anchors", () => {
    expect(parseYamlDocument("a: &x 1\n", "v")).toEqual(refused("v", "YAML anchors are not accepted (line 1, column 4)"));
    expect(parseYamlDocument("--- &doc\nx: 1\n", "v")).toEqual(refused("v", "YAML anchors are not accepted (line 1, column 5)"));
    expect(parseYamlDocument("? &k a\n: b\n", "v")).toEqual(refused("v", "YAML anchors are not accepted (line 1, column 3)"));
  });

  it("refuses !!binary and !foo tags", () => {
    expect(parseYamlDocument("data: !!binary aGVsbG8=\n", "v")).toEqual(refused("v", "YAML tags are not accepted (line 1, column 7)"));
    expect(parseYamlDocument("x: [a, {b: [c, !foo d]}]\n", "v")).toEqual(
      refused("v", "YAML tags are not accepted (line 1, column 16)"),
    );
    expect(parseYamlDocument("--- !!map\nx: 1\n", "v")).toEqual(refused("v", "YAML tags are not accepted (line 1, column 5)"));
  });

  it("refuses %YAML and %TAG directives", () => {
    expect(parseYamlDocument("%YAML 1.1\n---\nnorway: NO\n", "v")).toEqual(
      refused("v", "YAML directives (%YAML, %TAG) are not accepted (line 1, column 1)"),
    );
    expect(parseYamlDocument("%TAG !e! tag:example.com,2000:\n---\na: 1\n", "v")).toEqual(
      refused("v", "YAML directives (%YAML, %TAG) are not accepted (line 1, column 1)"),
    );
  });

  it("reads * & ! % starting a plain scalar's continuation line as text (YAML 1.2.2 §7.3.3)", () => {
    expect(parseYamlDocument("note: first\n  *second &third !fourth\n", "v")).toEqual({
      ok: true,
      value: { note: "first *second &third !fourth" },
    });
    expect(parseYamlDocument("top\n%level\n", "v")).toEqual({ ok: true, value: "top %level" });
  });

  it("does not let a block scalar hide an alias that is really a sibling key", () => {
    // `other` is at the key's column, so the block scalar above it is empty and *a is a real alias.
    expect(parseYamlDocument("- key: |\n  other: *a\n", "v")).toEqual(
      refused("v", "YAML aliases are not accepted (line 2, column 10)"),
    );
  });
});

describe("parseYamlDocument: hostile input", () => {
  it("refuses the billion-laughs bomb in well under 50 ms", () => {
    const bomb = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
      "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
      "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
      "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
      "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
      "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]",
      "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]",
      "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]",
      "",
    ].join("\n");
    expect(bomb.length).toBe(342); // 9 levels × 9 = 387M "lol"s if expanded
    const { ms, result } = timed(() => parseYamlDocument(bomb, "body"));
    expect(result).toEqual(refused("body", "YAML anchors are not accepted (line 1, column 4)"));
    expect(ms).toBeLessThan(50);
  });

  it("refuses 8k anchor/alias pairs before parsing (the parser would take seconds)", () => {
    const lines: string[] = [];
    for (let i = 0; i < 8000; i++) lines.push(`k${i}: &a${i} value${i}`);
    for (let i = 0; i < 8000; i++) lines.push(`r${i}: *a${i}`);
    const text = lines.join("\n");
    const { ms, result } = timed(() => parseYamlDocument(text, "body"));
    expect(result).toEqual(refused("body", "YAML anchors are not accepted (line 1, column 5)"));
    expect(ms).toBeLessThan(50);
    const aliasesOnly = lines.slice(8000).join("\n");
    expect(parseYamlDocument(aliasesOnly, "body")).toEqual(refused("body", "YAML aliases are not accepted (line 1, column 5)"));
  });

  it("refuses duplicate keys, naming the key path", () => {
    expect(parseYamlDocument("a: 1\na: 2\n", "body")).toEqual(refused("body.a", 'duplicate key "a" (line 2, column 1)'));
    expect(parseYamlDocument("spec:\n  rules:\n  - x: 1\n    x: 2\n", "body")).toEqual(
      refused("body.spec.rules[0].x", 'duplicate key "x" (line 4, column 5)'),
    );
    expect(parseYamlDocument("{a: 1, 'a': 2}", "body")).toEqual(refused("body.a", 'duplicate key "a" (line 1, column 8)'));
  });

  it("refuses << merge keys but accepts a quoted '<<' as a literal key", () => {
    expect(parseYamlDocument("base: {x: 1}\nderived:\n  <<: {y: 2}\n  z: 3\n", "v")).toEqual(
      refused("v.derived", "YAML merge keys (<<) are not accepted (line 3, column 3)"),
    );
    expect(parseYamlDocument("<<: {y: 2}\n", "v", { yaml11: true })).toEqual(
      refused("v", "YAML merge keys (<<) are not accepted (line 1, column 1)"),
    );
    expect(parseYamlDocument("'<<': {y: 2}\n", "v")).toEqual({ ok: true, value: { "<<": { y: 2 } } });
  });

  it("accepts nesting depth 64 and refuses 65 (flow)", () => {
    const flow = (n: number) => "[".repeat(n) + "]".repeat(n);
    const r64 = parseYamlDocument(flow(64), "v");
    expect(r64.ok).toBe(true);
    let expected: unknown = [];
    for (let i = 1; i < 64; i++) expected = [expected];
    expect(r64).toEqual({ ok: true, value: expected });
    expect(parseYamlDocument(flow(65), "v")).toEqual(refused("v", "YAML nesting is deeper than 64 levels (line 1, column 65)"));
  });

  it("accepts nesting depth 64 and refuses 65 (block mappings)", () => {
    const block = (n: number) => {
      let s = "";
      for (let i = 0; i < n - 1; i++) s += `${" ".repeat(i)}k:\n`;
      return `${s}${" ".repeat(n - 1)}leaf: 1\n`;
    };
    expect(parseYamlDocument(block(64), "v").ok).toBe(true);
    expect(parseYamlDocument(block(65), "v")).toEqual(refused("v", "YAML nesting is deeper than 64 levels (line 65, column 65)"));
  });

  it("counts block and flow levels together", () => {
    const text = `a:\n  b: ${"[".repeat(62)}${"]".repeat(62)}\n`;
    expect(parseYamlDocument(text, "v").ok).toBe(true); // 2 mappings + 62 sequences = 64
    const deeper = `a:\n  b: ${"[".repeat(63)}${"]".repeat(63)}\n`;
    expect(parseYamlDocument(deeper, "v")).toEqual(refused("v", "YAML nesting is deeper than 64 levels (line 2, column 68)"));
  });

  it("refuses a 10^5-deep [[[… quickly and without crashing (the parser never sees it)", () => {
    const text = "[".repeat(100_000);
    const { ms, result } = timed(() => parseYamlDocument(text, "v"));
    expect(result).toEqual(refused("v", "YAML nesting is deeper than 64 levels (line 1, column 65)"));
    expect(ms).toBeLessThan(50);
    const closed = "[".repeat(100_000) + "]".repeat(100_000);
    expect(parseYamlDocument(closed, "v")).toEqual(refused("v", "YAML nesting is deeper than 64 levels (line 1, column 65)"));
    const mappings = "{a: ".repeat(100_000);
    expect(parseYamlDocument(mappings, "v")).toEqual(refused("v", "YAML nesting is deeper than 64 levels (line 1, column 257)"));
  });

  it("reports the first of 130,000 syntax errors on one line in seconds, not minutes", { timeout: 60_000 }, () => {
    // Every comma after the first is an error (yaml 2.9.1 compose/resolve-props.js: a comma after a
    // comma), so the first is at column 3. The package's prettyErrors builds an excerpt of the 130 KB
    // line for each of them (82 s of CPU); only the first is reported, formatted here (1.6 s).
    const { ms, result } = timed(() => parseYamlDocument(`[${",".repeat(130_000)}]`, "v"));
    expect(result).toEqual(refused("v", "YAML syntax error: Unexpected , in flow sequence (line 1, column 3)"));
    expect(ms).toBeLessThan(15_000);
  });

  it("refuses values JSON cannot hold", () => {
    expect(parseYamlDocument("a: .inf\n", "v")).toEqual(refused("v.a", 'YAML value ".inf" cannot be represented in JSON (line 1, column 4)'));
    expect(parseYamlDocument("a: [.NaN]\n", "v", { yaml11: true })).toEqual(
      refused("v.a[0]", 'YAML value ".NaN" cannot be represented in JSON (line 1, column 5)'),
    );
  });

  it("turns parser errors into one short violation", () => {
    expect(parseYamlDocument("a: [1, 2\n", "v")).toEqual(
      refused(
        "v",
        "YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ] (line 2, column 1)",
      ),
    );
    expect(parseYamlDocument("a: b: c\n", "v")).toEqual(
      refused("v", "YAML syntax error: Nested mappings are not allowed in compact mappings (line 1, column 4)"),
    );
  });

  it("never throws on junk", () => {
    for (const junk of ["\u0000", "- [", "{", "\t\tkey: x", "'unterminated", "\"\\", "\ud800: x", ": : :", "? ? ?", "]]]", "- - -\n  - &", "|\n\t"]) {
      const r = parseYamlDocument(junk, "v");
      expect(typeof r.ok).toBe("boolean");
      if (!r.ok) for (const e of r.errors) expect(e.message).not.toContain("\n");
    }
  });
});

describe("parseYamlDocument: YAML 1.1 (sigs.k8s.io/yaml) versus 1.2", () => {
  it("on: yes is a boolean under 1.1 and a string under 1.2; keys stay strings", () => {
    expect(parseYamlDocument("on: yes\n", "v", { yaml11: true })).toEqual({ ok: true, value: { on: true } });
    expect(parseYamlDocument("on: yes\n", "v")).toEqual({ ok: true, value: { on: "yes" } });
    expect(parseYamlDocument("yes: 1\n1: 2\ntrue: 3\n", "v", { yaml11: true })).toEqual({
      ok: true,
      value: { yes: 1, "1": 2, true: 3 },
    });
  });

  it("the Norway problem: NO and 0777", () => {
    const text = "country: NO\nmode: 0777\nenabled: off\nshort: n\nquoted: 'NO'\n";
    expect(parseYamlDocument(text, "v", { yaml11: true })).toEqual({
      ok: true,
      value: { country: false, mode: 511, enabled: false, short: false, quoted: "NO" },
    });
    expect(parseYamlDocument(text, "v")).toEqual({
      ok: true,
      value: { country: "NO", mode: 777, enabled: "off", short: "n", quoted: "NO" },
    });
  });

  it("follows go-yaml v2 where it differs from the yaml package's own 1.1 schema", () => {
    const text = [
      "hex: 0x1F",
      "octal_o: 0o17",
      "underscores: 1_000",
      "sexagesimal: 1:30",
      "date: 2001-12-14",
      "not_octal: 08",
      "dot: .5",
      "plus: +12",
      "neg: -0b101",
      "tilde: ~",
      "empty:",
      "Yes_word: Yes!",
      "",
    ].join("\n");
    expect(parseYamlDocument(text, "v", { yaml11: true })).toEqual({
      ok: true,
      value: {
        hex: 31,
        octal_o: 15,
        underscores: 1000,
        sexagesimal: "1:30", // yaml's 1.1 schema says 90
        date: "2001-12-14", // yaml's 1.1 schema makes a Date; go-yaml v2 keeps the string
        not_octal: 8,
        dot: 0.5,
        plus: 12,
        neg: -5,
        tilde: null,
        empty: null,
        Yes_word: "Yes!",
      },
    });
  });
});

describe("parseYamlStream", () => {
  it("returns the non-empty documents in order", () => {
    const text = "---\nkind: A\n---\n---\n- x\n- y\n...\n---\nkind: B\n";
    expect(parseYamlStream(text, "resources")).toEqual({ ok: true, value: [{ kind: "A" }, ["x", "y"], { kind: "B" }] });
  });

  it("returns an empty list for empty text", () => {
    expect(parseYamlStream("", "resources")).toEqual({ ok: true, value: [] });
    expect(parseYamlStream("---\n---\n", "resources")).toEqual({ ok: true, value: [] });
  });

  it("reports violations inside document k at resources[k]", () => {
    expect(parseYamlStream("a: 1\n---\n---\nb:\n  c: 1\n  c: 2\n", "resources")).toEqual(
      refused("resources[1].b.c", 'duplicate key "c" (line 6, column 3)'),
    );
  });

  it("applies the same pre-scan refusals", () => {
    expect(parseYamlStream("a: 1\n...\n%YAML 1.2\n---\nb: 2\n", "resources")).toEqual(
      refused("resources", "YAML directives (%YAML, %TAG) are not accepted (line 3, column 1)"),
    );
    expect(parseYamlStream("a: &x 1\n---\nb: *x\n", "resources")).toEqual(
      refused("resources", "YAML anchors are not accepted (line 1, column 4)"),
    );
  });

  it("allows each document the full depth", () => {
    const deep = "[".repeat(64) + "]".repeat(64);
    const r = parseYamlStream(`${deep}\n---\n${deep}\n`, "resources");
    expect(r.ok && (r.value as unknown[]).length).toBe(2);
  });
});

describe("YamlMemo", () => {
  it("answers a text parsed before with the same value, per dialect, and never keeps a failure", () => {
    const memo = new YamlMemo();
    const first = memo.parse("a: yes\nb: [1, 2]", "value", { yaml11: true });
    expect(first).toEqual({ ok: true, value: { a: true, b: [1, 2] } });
    const again = memo.parse("a: yes\nb: [1, 2]", "elsewhere", { yaml11: true });
    expect(again.ok && first.ok && again.value).toBe(first.ok && first.value);
    // YAML 1.2 reads `yes` as a string: the dialect is part of the key.
    expect(memo.parse("a: yes\nb: [1, 2]", "value")).toEqual({ ok: true, value: { a: "yes", b: [1, 2] } });
    const bad = memo.parse("a: [", "first.path");
    const badAgain = memo.parse("a: [", "second.path");
    expect(bad.ok).toBe(false);
    expect(!badAgain.ok && badAgain.errors.every((e) => e.path.startsWith("second.path"))).toBe(true);
  });
});
