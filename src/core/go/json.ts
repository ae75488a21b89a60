/**
 * Go's `encoding/json` syntax checking, with its error texts: jsonpb reads its input through
 * `json.Decoder` and a quoted number's text through `json.Unmarshal`, so the JSON syntax errors
 * Kuma reports are this scanner's. Port of src/encoding/json/scanner.go (the scanner state machine,
 * `checkValid`, `quoteChar`) and the value framing of `Decoder.readValue` in stream.go at go1.26.5,
 * the Go version Kuma v2.14.3 builds with (`go 1.26.5` in kumahq/kuma@v2.14.3 go.mod); that is the
 * default encoding/json, not the GOEXPERIMENT=jsonv2 one. Pure and synchronous.
 */
import { goQuote } from "./strconv.js";

const utf8 = new TextEncoder();

/** Go `encoding/json` quoteChar: how a byte is shown in a syntax error. */
function quoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return "'\"'";
  // Go's string(c) of a byte is the rune U+00XX (0xc3 shows as 'Ã'); fromCharCode gives the same.
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
