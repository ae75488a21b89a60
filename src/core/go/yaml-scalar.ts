/**
 * Go-compatible resolution of YAML plain scalars: what Kuma gets from `sigs.k8s.io/yaml`
 * `YAMLToJSON` (kumahq/kuma@v2.14.3 pkg/util/proto/proto.go `FromYAML`, used for MeshProxyPatch
 * `value:` strings). Kuma v2.14.3's go.mod pins sigs.k8s.io/yaml v1.6.0, which decodes with
 * go.yaml.in/yaml/v2 (selected at v2.4.4; its resolve.go is unchanged since gopkg.in/yaml.v2
 * v2.4.0): YAML 1.1 rules, so `yes`/`no`/`on`/`off`/`y`/`n` are booleans and `0777` is octal.
 */
import type { MutableJson } from "../json.js";

/** go-yaml v2 `resolve()` lookup table (yaml/go-yaml@v2.4.4 resolve.go `resolveMapList`). */
const GO_YAML_V2_CONSTANTS: ReadonlyMap<string, boolean | null | "non-finite" | "<<"> = new Map<
  string,
  boolean | null | "non-finite" | "<<"
>([
  ...["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"].map((s) => [s, true] as const),
  ...["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"].map((s) => [s, false] as const),
  ...["", "~", "null", "Null", "NULL"].map((s) => [s, null] as const),
  ...[".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF"].map(
    (s) => [s, "non-finite"] as const,
  ),
  ["<<", "<<"] as const,
]);

const DASH = 0x2d;
const DOT = 0x2e;
/** yaml/go-yaml@v2.4.4 resolve.go `yamlStyleFloat`. */
const GO_YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Go strconv.ParseInt(s, 0, 64) syntax: sign, then 0x / 0o / 0b / leading-0 octal / decimal. */
function goParseIntBase0(s: string): { value: bigint; signed: boolean } | null {
  const m = /^([+-]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]*)|([1-9][0-9]*))$/.exec(s);
  if (m === null || s.length > 1100) return null; // beyond ~1000 digits no double is finite anyway
  const [, sign, hex, oct, bin, legacyOct, dec] = m;
  const magnitude =
    hex !== undefined
      ? BigInt(`0x${hex}`)
      : oct !== undefined
        ? BigInt(`0o${oct}`)
        : bin !== undefined
          ? BigInt(`0b${bin}`)
          : legacyOct !== undefined
            ? legacyOct === ""
              ? 0n
              : BigInt(`0o${legacyOct}`)
            : BigInt(dec as string);
  return { value: sign === "-" ? -magnitude : magnitude, signed: sign !== "" };
}

/**
 * Resolves a plain scalar like go-yaml v2 decoding into `interface{}` and sigs.k8s.io/yaml turning
 * the result into JSON. Port of `resolve()` in yaml/go-yaml@v2.4.4 resolve.go (timestamps stay
 * strings: decode.go keeps a `!!timestamp` as its text when the target is `interface{}`).
 * Returns undefined for values JSON cannot hold (`.inf`, `.nan`, overflowing big integers), where
 * sigs.k8s.io/yaml fails with `json: unsupported value`.
 */
export function resolveGoYamlV2Plain(s: string): MutableJson | undefined {
  if (s === "") return null;
  const c = s.charCodeAt(0);
  const hint =
    c === 0x2b || c === DASH
      ? "S"
      : c >= 0x30 && c <= 0x39
        ? "D"
        : "yYnNtTfFoO~".includes(s[0] as string)
          ? "M"
          : c === DOT
            ? "."
            : "";
  if (hint === "") return s;
  const constant = GO_YAML_V2_CONSTANTS.get(s);
  if (constant !== undefined) return constant === "non-finite" ? undefined : constant;
  if (hint === "M") return s;
  if (hint === ".") {
    // strconv.ParseFloat: decimal only here (underscores are not allowed without a base prefix).
    if (/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s)) {
      const f = Number(s);
      if (Number.isFinite(f)) return f;
    }
    return s;
  }
  // 'D' / 'S': timestamps stay strings (go-yaml v2 keeps them as strings for interface{});
  // then int64, uint64, float, and finally big integers. Underscores are dropped first.
  const plain = s.replaceAll("_", "");
  const int = goParseIntBase0(plain);
  if (int !== null) {
    if (int.value >= INT64_MIN && int.value <= INT64_MAX) return Number(int.value);
    if (!int.signed && int.value <= UINT64_MAX) return Number(int.value);
  }
  if (GO_YAML_STYLE_FLOAT.test(plain)) {
    const f = Number(plain);
    if (Number.isFinite(f)) return f; // Go: ParseFloat overflow is an error, so the value stays a string
  }
  if (int !== null && !int.signed) {
    // Not in yaml/go-yaml@v2.4.4 resolve.go, which has no big-integer step and keeps such a
    // scalar (0x10000000000000000, a 400-digit decimal) as a string.
    // big.Int: JSON has it exactly, JS numbers only approximately.
    const f = Number(int.value);
    return Number.isFinite(f) ? f : undefined;
  }
  return s;
}
