/**
 * How golang/protobuf's `jsonpb.Marshaler` writes a google.protobuf.Duration. Kuma keeps jsonpb
 * rather than protojson on purpose (see the note above `github.com/golang/protobuf v1.5.4` in
 * kumahq/kuma@v2.14.3 go.mod), so this is the Duration text Kuma prints. Port of the "Duration"
 * case of marshalMessage in golang/protobuf@v1.5.4 jsonpb/encode.go. Pure and synchronous.
 */

/**
 * A Duration (given as total nanoseconds) as jsonpb.Marshaler writes it, without the JSON quotes:
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
