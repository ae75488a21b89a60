// Go encoding/base64 StdEncoding (src/encoding/base64/base64.go at go1.26.5).
import { describe, expect, it } from "vitest";
import { base64DecodeStd, base64Encode } from "./base64.js";

describe("base64 StdEncoding", () => {
  it("round-trips and ignores CR/LF", () => {
    const r = base64DecodeStd("aGVs\r\nbG8=");
    expect(r.ok && base64Encode(r.bytes)).toBe("aGVsbG8=");
    expect(base64Encode(new Uint8Array([0xff, 0xfe]))).toBe("//4=");
    expect(base64DecodeStd("")).toEqual({ ok: true, bytes: new Uint8Array([]) });
  });
  it("rejects bad characters and missing padding", () => {
    expect(base64DecodeStd("a!==")).toEqual({ ok: false, message: "illegal base64 data at input byte 1" });
    expect(base64DecodeStd("aGVsbG8")).toMatchObject({ ok: false });
    expect(base64DecodeStd("aGVsbG8=x")).toMatchObject({ ok: false });
  });
});
