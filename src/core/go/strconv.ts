/**
 * Go's `strconv.Quote`, which is what `%q` prints for a string: Kuma's error texts quote type URLs,
 * map keys and enum values with it. Port of src/strconv/quote.go at go1.26.5, the Go version Kuma
 * v2.14.3 builds with (`go 1.26.5` in kumahq/kuma@v2.14.3 go.mod). Pure and synchronous.
 */

// strconv.IsPrint has unicode.IsPrint's definition: letters, marks, numbers, punctuation, symbols
// and the ASCII space. JavaScript's Unicode tables stand in for Go's isprint.go tables.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/**
 * Go `strconv.Quote`: `s` double-quoted, printable runes kept, `"` and `\` backslashed, the C escapes
 * `\a \b \f \n \r \t \v`, other bytes below 0x20 and DEL as `\xNN`, other non-printable runes as
 * `\uNNNN` or `\UNNNNNNNN`. A lone surrogate (Go would see invalid UTF-8 there) becomes `\ufffd`.
 */
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
