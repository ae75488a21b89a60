/**
 * Go's `encoding/base64` StdEncoding, which `encoding/json` (and so jsonpb) uses for protobuf
 * `bytes` fields: what Kuma accepts and prints for them, and its error text. Port of
 * src/encoding/base64/base64.go at go1.26.5, the Go version Kuma v2.14.3 builds with
 * (`go 1.26.5` in kumahq/kuma@v2.14.3 go.mod). Pure and synchronous.
 */

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Go `base64.StdEncoding.EncodeToString`: standard alphabet, `=` padding. */
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

/** Result of {@link base64DecodeStd}: the bytes, or Go's `CorruptInputError` text. */
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
