/**
 * Go standard-library behaviour that Kuma's protobuf JSON handling exposes in its error messages
 * and output: `time.ParseDuration` (Go src/time/format.go), jsonpb's Duration formatting
 * (golang/protobuf v1.5.4 jsonpb/encode.go), `strconv.Quote` (src/strconv/quote.go), the
 * `encoding/json` scanner's syntax errors (src/encoding/json/scanner.go, stream.go) and
 * `encoding/base64` StdEncoding (src/encoding/base64/base64.go). Pure and synchronous.
 */

// ---------------------------------------------------------------------------------------------
// strconv.Quote and time's quote
// ---------------------------------------------------------------------------------------------

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go `strconv.Quote` (what `%q` prints for a string): double-quoted, Go escapes. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === "\\") out += "\\" + ch;
    else if (PRINTABLE.test(ch)) out += ch;
    else if (ch === "\x07") out += "\\a";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\v") out += "\\v";
    else if (cp < 0x20 || cp === 0x7f) out += "\\x" + cp.toString(16).padStart(2, "0");
    else if (cp >= 0xd800 && cp <= 0xdfff) out += "\\ufffd";
    else if (cp < 0x10000) out += "\\u" + cp.toString(16).padStart(4, "0");
    else out += "\\U" + cp.toString(16).padStart(8, "0");
  }
  return out + '"';
}

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

// ---------------------------------------------------------------------------------------------
// time.ParseDuration and the jsonpb Duration format
// ---------------------------------------------------------------------------------------------

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

export type GoDurationResult = { readonly ok: true; readonly nanos: bigint } | { readonly ok: false; readonly message: string };

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";

/**
 * Go `time.ParseDuration` (src/time/format.go), exact to the nanosecond, with Go's error texts:
 * `time: invalid duration "x"`, `time: missing unit in duration "5"`,
 * `time: unknown unit "d" in duration "5d"`.
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

/**
 * A Duration as jsonpb.Marshaler writes it (golang/protobuf v1.5.4 jsonpb/encode.go):
 * seconds with 0, 3, 6 or 9 fractional digits and an `s` suffix: `99s`, `0.500s`, `-1.000000001s`.
 */
export function formatProtoDuration(nanos: bigint): string {
  let s = nanos / 1_000_000_000n;
  let ns = nanos % 1_000_000_000n;
  let sign = "";
  if (s < 0n || ns < 0n) {
    sign = "-";
    s = -s;
    ns = -ns;
  }
  let x = `${sign}${s}.${ns.toString().padStart(9, "0")}`;
  if (x.endsWith("000")) x = x.slice(0, -3);
  if (x.endsWith("000")) x = x.slice(0, -3);
  if (x.endsWith(".000")) x = x.slice(0, -4);
  return `${x}s`;
}

// ---------------------------------------------------------------------------------------------
// encoding/json syntax errors
// ---------------------------------------------------------------------------------------------

/** Go `encoding/json` quoteChar: how a byte is shown in a syntax error. */
function quoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return "'\"'";
  const q = goQuote(String.fromCharCode(c));
  return "'" + q.slice(1, -1) + "'";
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
const isHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
const isDig = (c: number): boolean => c >= 0x30 && c <= 0x39;

const CONTINUE = 0;
const END = 1;
const ERROR = 2;
const PARSE_OBJECT_KEY = 0;
const PARSE_OBJECT_VALUE = 1;
const PARSE_ARRAY_VALUE = 2;

/** A port of Go's encoding/json `scanner` state machine, reporting Go's error texts. */
class GoJsonScanner {
  step: (c: number) => number = (c) => this.beginValue(c);
  parseState: number[] = [];
  err: string | undefined;
  endTop = false;

  private error(c: number, context: string): number {
    this.step = () => ERROR;
    this.err = "invalid character " + quoteChar(c) + " " + context;
    return ERROR;
  }

  private beginValueOrEmpty(c: number): number {
    if (isSpace(c)) return CONTINUE;
    if (c === 0x5d) return this.endValue(c);
    return this.beginValue(c);
  }

  beginValue(c: number): number {
    if (isSpace(c)) return CONTINUE;
    switch (c) {
      case 0x7b: // {
        this.step = (x) => this.beginStringOrEmpty(x);
        this.parseState.push(PARSE_OBJECT_KEY);
        return CONTINUE;
      case 0x5b: // [
        this.step = (x) => this.beginValueOrEmpty(x);
        this.parseState.push(PARSE_ARRAY_VALUE);
        return CONTINUE;
      case 0x22:
        this.step = (x) => this.inString(x);
        return CONTINUE;
      case 0x2d: // -
        this.step = (x) => this.neg(x);
        return CONTINUE;
      case 0x30:
        this.step = (x) => this.zero(x);
        return CONTINUE;
      case 0x74: // t
        this.step = this.literal("rue", "true");
        return CONTINUE;
      case 0x66: // f
        this.step = this.literal("alse", "false");
        return CONTINUE;
      case 0x6e: // n
        this.step = this.literal("ull", "null");
        return CONTINUE;
    }
    if (c >= 0x31 && c <= 0x39) {
      this.step = (x) => this.one(x);
      return CONTINUE;
    }
    return this.error(c, "looking for beginning of value");
  }

  private beginStringOrEmpty(c: number): number {
    if (isSpace(c)) return CONTINUE;
    if (c === 0x7d) {
      this.parseState[this.parseState.length - 1] = PARSE_OBJECT_VALUE;
      return this.endValue(c);
    }
    return this.beginString(c);
  }

  private beginString(c: number): number {
    if (isSpace(c)) return CONTINUE;
    if (c === 0x22) {
      this.step = (x) => this.inString(x);
      return CONTINUE;
    }
    return this.error(c, "looking for beginning of object key string");
  }

  private endValue(c: number): number {
    const n = this.parseState.length;
    if (n === 0) {
      this.step = (x) => this.endTopState(x);
      this.endTop = true;
      return this.endTopState(c);
    }
    if (isSpace(c)) {
      this.step = (x) => this.endValue(x);
      return CONTINUE;
    }
    const ps = this.parseState[n - 1];
    if (ps === PARSE_OBJECT_KEY) {
      if (c === 0x3a) {
        this.parseState[n - 1] = PARSE_OBJECT_VALUE;
        this.step = (x) => this.beginValue(x);
        return CONTINUE;
      }
      return this.error(c, "after object key");
    }
    if (ps === PARSE_OBJECT_VALUE) {
      if (c === 0x2c) {
        this.parseState[n - 1] = PARSE_OBJECT_KEY;
        this.step = (x) => this.beginString(x);
        return CONTINUE;
      }
      if (c === 0x7d) return this.popParseState();
      return this.error(c, "after object key:value pair");
    }
    if (c === 0x2c) {
      this.step = (x) => this.beginValue(x);
      return CONTINUE;
    }
    if (c === 0x5d) return this.popParseState();
    return this.error(c, "after array element");
  }

  private popParseState(): number {
    this.parseState.pop();
    if (this.parseState.length === 0) {
      this.step = (x) => this.endTopState(x);
      this.endTop = true;
    } else {
      this.step = (x) => this.endValue(x);
    }
    return CONTINUE;
  }

  private endTopState(c: number): number {
    if (!isSpace(c)) this.error(c, "after top-level value");
    return END;
  }

  private inString(c: number): number {
    if (c === 0x22) {
      this.step = (x) => this.endValue(x);
      return CONTINUE;
    }
    if (c === 0x5c) {
      this.step = (x) => this.inStringEsc(x);
      return CONTINUE;
    }
    if (c < 0x20) return this.error(c, "in string literal");
    return CONTINUE;
  }

  private inStringEsc(c: number): number {
    switch (c) {
      case 0x62: case 0x66: case 0x6e: case 0x72: case 0x74: case 0x5c: case 0x2f: case 0x22: // prettier-ignore
        this.step = (x) => this.inString(x);
        return CONTINUE;
      case 0x75:
        this.step = this.escU(4);
        return CONTINUE;
    }
    return this.error(c, "in string escape code");
  }

  private escU(left: number): (c: number) => number {
    return (c) => {
      if (isHex(c)) {
        this.step = left === 1 ? (x) => this.inString(x) : this.escU(left - 1);
        return CONTINUE;
      }
      return this.error(c, "in \\u hexadecimal character escape");
    };
  }

  private neg(c: number): number {
    if (c === 0x30) {
      this.step = (x) => this.zero(x);
      return CONTINUE;
    }
    if (c >= 0x31 && c <= 0x39) {
      this.step = (x) => this.one(x);
      return CONTINUE;
    }
    return this.error(c, "in numeric literal");
  }

  private one(c: number): number {
    if (isDig(c)) return CONTINUE;
    return this.zero(c);
  }

  private zero(c: number): number {
    if (c === 0x2e) {
      this.step = (x) => this.dot(x);
      return CONTINUE;
    }
    if (c === 0x65 || c === 0x45) {
      this.step = (x) => this.e(x);
      return CONTINUE;
    }
    return this.endValue(c);
  }

  private dot(c: number): number {
    if (isDig(c)) {
      this.step = (x) => this.dot0(x);
      return CONTINUE;
    }
    return this.error(c, "after decimal point in numeric literal");
  }

  private dot0(c: number): number {
    if (isDig(c)) return CONTINUE;
    if (c === 0x65 || c === 0x45) {
      this.step = (x) => this.e(x);
      return CONTINUE;
    }
    return this.endValue(c);
  }

  private e(c: number): number {
    if (c === 0x2b || c === 0x2d) {
      this.step = (x) => this.eSign(x);
      return CONTINUE;
    }
    return this.eSign(c);
  }

  private eSign(c: number): number {
    if (isDig(c)) {
      this.step = (x) => this.e0(x);
      return CONTINUE;
    }
    return this.error(c, "in exponent of numeric literal");
  }

  private e0(c: number): number {
    if (isDig(c)) return CONTINUE;
    return this.endValue(c);
  }

  private literal(rest: string, word: string): (c: number) => number {
    return (c) => {
      const want = rest.charCodeAt(0);
      if (c !== want) return this.error(c, `in literal ${word} (expecting ${quoteChar(want)})`);
      this.step = rest.length === 1 ? (x) => this.endValue(x) : this.literal(rest.slice(1), word);
      return CONTINUE;
    };
  }
}

/**
 * Go `json.Unmarshal`'s validity check (`checkValid`): the syntax error Go reports for `text`, or
 * `undefined` when `text` is exactly one JSON value. Empty input → `unexpected end of JSON input`.
 */
export function goJsonSyntaxError(text: string): string | undefined {
  const s = new GoJsonScanner();
  for (const c of utf8.encode(text)) {
    if (s.step(c) === ERROR) return s.err;
  }
  if (s.err !== undefined) return s.err;
  if (s.endTop) return undefined;
  s.step(0x20);
  if (s.endTop) return s.err;
  return s.err ?? "unexpected end of JSON input";
}

export type GoJsonDecodeResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/**
 * Go `json.NewDecoder(r).Decode(&raw)`, as jsonpb.Unmarshaler.Unmarshal reads its input: the first
 * JSON value of `text` (trailing data after a complete value is ignored), or Go's error text
 * (`unexpected EOF`, `EOF`, `invalid character 'x' looking for beginning of value`, ...).
 */
export function goJsonDecodeFirst(text: string): GoJsonDecodeResult {
  const bytes = utf8.encode(text);
  const s = new GoJsonScanner();
  let end = -1;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] ?? 0;
    const r = s.step(c);
    if (r === END) {
      end = i;
      break;
    }
    if (r === ERROR) return { ok: false, message: s.err ?? "invalid JSON" };
    // Objects and arrays end without a delimiter: Go invents a space to finish them.
    if (s.endTop && s.parseState.length === 0 && (c === 0x7d || c === 0x5d)) {
      end = i + 1;
      break;
    }
  }
  if (end < 0) {
    if (s.step(0x20) === END) end = bytes.length;
    else if (bytes.some((b) => !isSpace(b))) return { ok: false, message: "unexpected EOF" };
    else return { ok: false, message: "EOF" };
  }
  const valueText = new TextDecoder().decode(bytes.subarray(0, end));
  return { ok: true, value: JSON.parse(valueText) as unknown };
}

// ---------------------------------------------------------------------------------------------
// encoding/base64 StdEncoding (what encoding/json uses for []byte)
// ---------------------------------------------------------------------------------------------

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Standard base64 with padding. */
export function base64Encode(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63];
    out += B64[(n >> 12) & 63];
    out += b === undefined ? "=" : B64[(n >> 6) & 63];
    out += c === undefined ? "=" : B64[n & 63];
  }
  return out;
}

export type Base64Result = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly message: string };

/**
 * Go `base64.StdEncoding.Decode`: padding required, `\r` and `\n` ignored. Error text
 * `illegal base64 data at input byte N` (N approximates Go's offset for malformed padding).
 */
export function base64DecodeStd(s: string): Base64Result {
  const out: number[] = [];
  const quantum: number[] = [];
  let i = 0;
  let padded = false;
  const bad = (at: number): Base64Result => ({ ok: false, message: `illegal base64 data at input byte ${at}` });
  for (; i < s.length; i++) {
    const ch = s[i];
    if (ch === "\r" || ch === "\n") continue;
    if (padded) return bad(i);
    if (ch === "=") {
      // "xx==" or "xxx=" only
      if (quantum.length < 2) return bad(i);
      if (quantum.length === 2) {
        let j = i + 1;
        while (j < s.length && (s[j] === "\r" || s[j] === "\n")) j++;
        if (s[j] !== "=") return bad(j < s.length ? j : s.length);
        i = j;
      }
      padded = true;
      const n = ((quantum[0] ?? 0) << 18) | ((quantum[1] ?? 0) << 12) | ((quantum[2] ?? 0) << 6);
      out.push((n >> 16) & 255);
      if (quantum.length === 3) out.push((n >> 8) & 255);
      quantum.length = 0;
      continue;
    }
    const v = ch === undefined ? -1 : B64.indexOf(ch);
    if (v < 0) return bad(i);
    quantum.push(v);
    if (quantum.length === 4) {
      const n = ((quantum[0] ?? 0) << 18) | ((quantum[1] ?? 0) << 12) | ((quantum[2] ?? 0) << 6) | (quantum[3] ?? 0);
      out.push((n >> 16) & 255, (n >> 8) & 255, n & 255);
      quantum.length = 0;
    }
  }
  if (quantum.length !== 0) return bad(s.length - quantum.length + (quantum.length === 1 ? 0 : quantum.length - 1));
  return { ok: true, bytes: Uint8Array.from(out) };
}
