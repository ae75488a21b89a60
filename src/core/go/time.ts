/**
 * Go's `time.ParseDuration`, with its error texts: jsonpb reads a google.protobuf.Duration string
 * with it, so Kuma's messages for a bad Duration are Go's. Port of src/time/format.go at go1.26.5,
 * the Go version Kuma v2.14.3 builds with (`go 1.26.5` in kumahq/kuma@v2.14.3 go.mod).
 * Pure and synchronous.
 */

const utf8 = new TextEncoder();

/** The `quote` helper of Go's time package: `"` + s + `"`, non-ASCII and control bytes as `\xNN`. */
function timeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || cp >= 0x80) {
      for (const b of utf8.encode(ch)) out += "\\x" + b.toString(16).padStart(2, "0");
    } else {
      if (ch === '"' || ch === "\\") out += "\\";
      out += ch;
    }
  }
  return out + '"';
}

// time's unitMap, in nanoseconds.
const UNIT_NANOS: ReadonlyMap<string, bigint> = new Map([
  ["ns", 1n],
  ["us", 1_000n],
  ["\u00b5s", 1_000n], // U+00B5 micro sign
  ["\u03bcs", 1_000n], // U+03BC Greek mu
  ["ms", 1_000_000n],
  ["s", 1_000_000_000n],
  ["m", 60_000_000_000n],
  ["h", 3_600_000_000_000n],
]);
const TWO63 = 1n << 63n;

/** Result of {@link parseGoDuration}: nanoseconds, or Go's error text. */
export type GoDurationResult = { readonly ok: true; readonly nanos: bigint } | { readonly ok: false; readonly message: string };

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";

/**
 * Go `time.ParseDuration`, exact to the nanosecond (Go's uint64 arithmetic in bigint, its float64
 * step for fractions kept), with Go's error texts: `time: invalid duration "x"`,
 * `time: missing unit in duration "5"`, `time: unknown unit "d" in duration "5d"`.
 */
export function parseGoDuration(orig: string): GoDurationResult {
  const invalid = (): GoDurationResult => ({ ok: false, message: "time: invalid duration " + timeQuote(orig) });
  let s = orig;
  let d = 0n;
  let neg = false;
  if (s !== "") {
    const c = s[0];
    if (c === "-" || c === "+") {
      neg = c === "-";
      s = s.slice(1);
    }
  }
  if (s === "0") return { ok: true, nanos: 0n };
  if (s === "") return invalid();
  while (s !== "") {
    let v = 0n;
    let f = 0n;
    let scale = 1;
    if (!(s[0] === "." || isDigit(s[0]))) return invalid();
    // leadingInt
    let i = 0;
    for (; i < s.length && isDigit(s[i]); i++) {
      if (v > TWO63 / 10n) return invalid();
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > TWO63) return invalid();
    }
    const pre = i > 0;
    s = s.slice(i);
    let post = false;
    if (s !== "" && s[0] === ".") {
      s = s.slice(1);
      // leadingFraction
      let j = 0;
      let overflow = false;
      for (; j < s.length && isDigit(s[j]); j++) {
        if (overflow) continue;
        if (f > (TWO63 - 1n) / 10n) {
          overflow = true;
          continue;
        }
        const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
        if (y > TWO63) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) return invalid();
    let k = 0;
    for (; k < s.length; k++) {
      const c = s[k];
      if (c === "." || isDigit(c)) break;
    }
    if (k === 0) return { ok: false, message: "time: missing unit in duration " + timeQuote(orig) };
    const u = s.slice(0, k);
    s = s.slice(k);
    const unit = UNIT_NANOS.get(u);
    if (unit === undefined) return { ok: false, message: "time: unknown unit " + timeQuote(u) + " in duration " + timeQuote(orig) };
    if (v > TWO63 / unit) return invalid();
    v *= unit;
    if (f > 0n) {
      // float64 arithmetic, as Go does: v += uint64(float64(f) * (float64(unit) / scale))
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > TWO63) return invalid();
    }
    d += v;
    if (d > TWO63) return invalid();
  }
  if (neg) return { ok: true, nanos: -d };
  if (d > TWO63 - 1n) return invalid();
  return { ok: true, nanos: d };
}
