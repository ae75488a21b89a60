/**
 * Kuma's InboundProxyGenerator unit test (`pkg/xds/generator/inbound_proxy_generator_test.go @ v2.14.3`;
 * entries 01-08, 10 and 11 are transcribed below, run by `--kuma-src` on the goldens at each tag), goldens
 * `testdata/inbound-proxy/{6,7}-envoy-config.golden.yaml`, copied as
 * `mpt/v2.14.3/related/inbound-proxy-{6-permissive,7-strict}.envoy-config.golden.yaml` with their Dataplane
 * `inbound-proxy-{6,7}-dataplane.input.yaml`).
 *
 * Input: Dataplane `dp-1` in mesh `default` with the spec of the golden's `*-dataplane.input.yaml` (read as
 * it is, through meshsim's Dataplane schema), the entry's DP features; Mesh `default` with an enabled builtin
 * mTLS backend in the entry's mode (PERMISSIVE in 5 and 6, else STRICT) and its meshServices mode. meshsim side: `generateInbound(dp, mesh, features,
 * mesh.mtls, {rbacRules})` alone (src/core/generate/inbound.ts): no policy plugin runs, as in Kuma's test.
 * Every resource of the golden (`inbound:*` listeners, `localhost:*` clusters) is compared, except:
 *
 * - RBAC rules (input from the golden): Kuma's test derives them from TrafficPermissions (`tp-1` selects
 *   backend1, nothing selects the others, hence `{}`) and hands tp-1 to the generator directly, although its
 *   destination (`env: dev`) does not select the inbound's tags, so meshsim's TrafficPermission selection cannot
 *   reproduce that input: each listener's rules are taken from the golden and given to generateInbound as
 *   `options.rbacRules` (the TrafficPermission rule shape is tested in policies/trafficpermission/cases). Those fields are equal by construction and reported as such.
 * - masked `internalAddressConfig.cidrRanges` of every HttpConnectionManager: the test sets the proxy's
 *   InternalAddresses to test values (an `addressPrefix` holding a whole CIDR, `prefixLen` 128 for a /7)
 *   that meshsim's CIDR-string input cannot express.
 * - masked, Kuma's side only, in backend1's listener: the `envoy.filters.http.fault` and
 *   `envoy.filters.http.local_ratelimit` http filters and the routes matching the `x-kuma-tags` header,
 *   which the test's legacy FaultInjection and RateLimit policies add and meshsim does not model. The
 *   router filter and the catch-all route stay compared, so does everything else of those listeners.
 */
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { ALLOW_ALL_RBAC_RULES, generateInbound } from "../../../src/core/generate/inbound.js";
import { type InboundInterface } from "../../../src/core/model/interfaces.js";
import { features, type KumaMinor, type Release } from "../../../src/core/model/versions.js";
import type { JsonObject } from "../../../src/core/json.js";
import { INBOUND_FILTER, TYPE_URL } from "../../../src/core/xds/names.js";
import { dropRemovedFields } from "../../../src/core/snapshot/release-fields.js";
import type { ResourceEntry } from "../lib/compare.js";
import { readDeltaYaml } from "../lib/golden.js";
import { expandPointer, getAt } from "../lib/mask.js";
import { dataplane, mesh, resourceSetEntries } from "../lib/meshsim.js";
import type { Comparison, GoldenInput, MaskSpec, Plan } from "../lib/types.js";

type Mode = "STRICT" | "PERMISSIVE";

/** The test case fields of one entry that meshsim's input needs (the Dataplane comes from its input YAML). */
interface InboundCase {
  /** `mode` of the test case; unset in the entry means STRICT (the enum's zero value). */
  readonly mode: Mode;
  /** `dataplaneMeta` features. */
  readonly features?: readonly string[];
  /** `meshServiceMode` (unset: Disabled, the zero value). */
  readonly meshServices?: "Exclusive";
}

/**
 * Golden number → the entry's test case fields, inbound_proxy_generator_test.go @ v2.14.3 (entries 01-08,
 * 10, 11; 09 sets casByTrustDomain, CA bytes by trust domain, which no meshsim input expresses).
 */
const CASES: Readonly<Record<string, InboundCase>> = {
  "1": { mode: "STRICT" },
  "2": { mode: "STRICT" },
  "3": { mode: "STRICT" },
  "4": { mode: "STRICT" },
  "5": { mode: "PERMISSIVE" },
  "6": { mode: "PERMISSIVE" },
  "7": { mode: "STRICT" },
  "8": { mode: "STRICT", features: ["feature-unified-resource-naming"], meshServices: "Exclusive" },
  "10": { mode: "STRICT" },
  "11": { mode: "STRICT" },
};

/** The mTLS mode of a transcribed entry, lower case as in the mpt/ file names, or undefined. */
export function inboundCaseMode(n: string): string | undefined {
  return CASES[n]?.mode.toLowerCase();
}

/** Masks whose listener the golden has and whose pointer (and `where`) matches in it: not every entry has backend1's filters. */
function applicable(specs: readonly MaskSpec[], kuma: readonly ResourceEntry[]): MaskSpec[] {
  return specs.filter((m) => {
    const r = kuma.find((e) => e.typeUrl === m.typeUrl && e.name === m.name);
    if (!r) return false;
    const hits = expandPointer(r.value, m.pointer);
    return m.where ? hits.some((p) => sameJson(getAt(r.value, `${p}${m.where!.pointer}`).value, m.where!.equals)) : hits.length > 0;
  });
}

/** The listeners of the test Dataplane with `kuma.io/protocol: http` (backend1, backend3). */
const HTTP_LISTENERS = ["inbound:192.168.0.1:80", "inbound:192.168.0.2:80"];
const BACKEND1 = "inbound:192.168.0.1:80";
const HCM = "/filterChains/*/filters/*/typedConfig";

const RBAC_REASON = "RBAC rules: Kuma's test hands the TrafficPermission per inbound to the generator (tp-1's destination env: dev does not select the inbound by its tags, so no snapshot gives it); given to generateInbound as options.rbacRules";
const CIDR_REASON =
  "Kuma's test sets InternalAddresses to test values (addressPrefix holding a CIDR, prefixLen 128 for fc00::/7) that meshsim's CIDR-string internalAddresses cannot express";
const FAULT_REASON = "http fault filter of the test's legacy FaultInjection policy (backend1), which meshsim does not model";
const RATELIMIT_REASON = "http local_ratelimit filter of the test's legacy RateLimit policy (backend1), which meshsim does not model";
const ROUTE_REASON = "x-kuma-tags header-matched route of the test's legacy FaultInjection/RateLimit policies (backend1), which meshsim does not model; the catch-all route is compared";

function masks(): MaskSpec[] {
  const L = TYPE_URL.listener;
  return [
    ...HTTP_LISTENERS.map((name): MaskSpec => ({ typeUrl: L, name, pointer: `${HCM}/internalAddressConfig/cidrRanges`, reason: CIDR_REASON })),
    { typeUrl: L, name: BACKEND1, pointer: `${HCM}/httpFilters/*`, where: { pointer: "/name", equals: "envoy.filters.http.fault" }, side: "kuma", reason: FAULT_REASON },
    { typeUrl: L, name: BACKEND1, pointer: `${HCM}/httpFilters/*`, where: { pointer: "/name", equals: "envoy.filters.http.local_ratelimit" }, side: "kuma", reason: RATELIMIT_REASON },
    {
      typeUrl: L,
      name: BACKEND1,
      pointer: `${HCM}/routeConfig/virtualHosts/*/routes/*`,
      where: { pointer: "/match/headers/0/name", equals: "x-kuma-tags" },
      side: "kuma",
      reason: ROUTE_REASON,
    },
  ];
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Every RBAC filter's `rules` in Kuma's listeners, by listener name; one listener's filters must agree. */
function goldenRbacRules(kuma: readonly ResourceEntry[]): { byListener: Map<string, JsonObject>; inputs: GoldenInput[] } {
  const byListener = new Map<string, JsonObject>();
  const inputs: GoldenInput[] = [];
  for (const r of kuma) {
    if (r.typeUrl !== TYPE_URL.listener) continue;
    for (const p of expandPointer(r.value, "/filterChains/*/filters/*")) {
      if (getAt(r.value, `${p}/name`).value !== INBOUND_FILTER.rbac) continue;
      const at = getAt(r.value, `${p}/typedConfig/rules`);
      if (!at.found) continue;
      const seen = byListener.get(r.name);
      if (seen !== undefined && !sameJson(seen, at.value)) throw new Error(`listener ${r.name} of the golden has RBAC filters with different rules: one rbacRules input cannot give both`);
      byListener.set(r.name, at.value as JsonObject);
      inputs.push({ typeUrl: r.typeUrl, name: r.name, pointer: `${p}/typedConfig/rules`, reason: RBAC_REASON });
    }
  }
  return { byListener, inputs };
}

/** Plan for `related/inbound-proxy-<n>-<mode>.envoy-config.golden.yaml` @ v2.14.3; meshsim runs at `runAt` (default 2.14). */
export function inboundProxyPlan(abs: string, inputAbs: string, n: string, modeInName: string, runAt: KumaMinor | Release = "2.14"): Plan {
  const c = CASES[n];
  if (!c) return { kind: "not-covered", reason: `no input is known for InboundProxyGenerator golden ${n}` };
  const mode = c.mode;
  if (mode.toLowerCase() !== modeInName) return { kind: "not-covered", reason: `golden ${n} is the ${mode} case, but its file name says "${modeInName}"` };
  return {
    kind: "compare",
    describe: `generateInbound @ ${runAt} (no plugins), inbound_proxy_generator_test golden ${n}: DP dp-1 from inbound-proxy-${n}-dataplane.input.yaml, Mesh default with builtin mTLS ${mode}`,
    run: (): Comparison => {
      const kuma = readDeltaYaml(abs);
      const spec = parseYaml(readFileSync(inputAbs, "utf8"), { schema: "core", uniqueKeys: true }) as Record<string, unknown> | null;
      const dp = dataplane("dp-1", "default", { ...(spec ?? {}), ...(c.features ? { meshsim: { features: c.features } } : {}) });
      const m = mesh("default", {
        mtls: { enabledBackend: "ca-1", backends: [{ name: "ca-1", type: "builtin", mode }] },
        ...(c.meshServices ? { meshServices: { mode: c.meshServices } } : {}),
      });
      const rbac = goldenRbacRules(kuma);
      // A listener the golden does not have keeps meshsim's default rules (it shows as extra anyway).
      const rbacRules = (iface: InboundInterface): JsonObject => rbac.byListener.get(iface.listenerName) ?? ALLOW_ALL_RBAC_RULES;
      const out = generateInbound(dp, m, features(runAt), m.mtls, { rbacRules });
      // The test's InternalAddresses reach every HTTP inbound listener of the golden, not only backend1/backend3's.
      const cidr = kuma
        .filter((r) => r.typeUrl === TYPE_URL.listener && !HTTP_LISTENERS.includes(r.name))
        .map((r): MaskSpec => ({ typeUrl: r.typeUrl, name: r.name, pointer: `${HCM}/internalAddressConfig/cidrRanges`, reason: CIDR_REASON }));
      return { kuma, meshsim: resourceSetEntries(out.resources), masks: applicable([...masks(), ...cidr], kuma), fromGolden: rbac.inputs };
    },
  };
}

/**
 * The 3.0 line's entries (inbound_proxy_generator_test.go @ kumahq/kuma 348b6528bc): the test's Mesh `default` has an
 * empty spec (no mTLS: `Mesh.mtls` is gone), no entry sets `dataplaneMeta` or hands the generator a policy, and
 * naming is always unified. Entries 01 and 02 read a Dataplane without `networking.address` (test-only input, as at
 * 2.x); 03, 04, 07, 10, 11 and 12 are transcribed. The Dataplane YAML is read through the release's field drops
 * (src/core/snapshot/release-fields.ts), as Kuma's `util_proto.FromYAML` drops the removed inbound `tags` (entry 12).
 */
export const INBOUND_30_ENTRIES: readonly string[] = ["3", "4", "7", "10", "11", "12"];

/** Plan for an inbound-proxy golden `n` at the 3.0 line's commit; `inputAbs` is its Dataplane YAML. */
export function inbound30Plan(abs: string, inputAbs: string, n: string, runAt: Release): Plan {
  if (!INBOUND_30_ENTRIES.includes(n)) return { kind: "not-covered", reason: `no input is known for InboundProxyGenerator golden ${n} at 3.0` };
  return {
    kind: "compare",
    describe: `generateInbound @ ${runAt} (no plugins), inbound_proxy_generator_test golden ${n}: DP dp-1 from ${n}-dataplane.input.yaml, Mesh default with an empty spec (no mTLS)`,
    run: (): Comparison => {
      const kuma = readDeltaYaml(abs);
      const f = features(runAt);
      const raw = parseYaml(readFileSync(inputAbs, "utf8"), { schema: "core", uniqueKeys: true }) as Record<string, unknown> | null;
      const read = dropRemovedFields({ kind: "Dataplane", name: "dp-1", mesh: "default", form: "universal", namespace: undefined, labels: {}, specPath: "", spec: raw ?? {}, path: "", status: undefined }, f);
      const dp = dataplane("dp-1", "default", read.spec);
      const m = mesh("default", {});
      const out = generateInbound(dp, m, f, m.mtls);
      // The test's InternalAddresses (test values meshsim's CIDR strings cannot express) reach every HTTP inbound listener.
      const cidr = kuma
        .filter((r) => r.typeUrl === TYPE_URL.listener)
        .map((r): MaskSpec => ({ typeUrl: r.typeUrl, name: r.name, pointer: `${HCM}/internalAddressConfig/cidrRanges`, reason: CIDR_REASON }));
      return { kuma, meshsim: resourceSetEntries(out.resources), masks: applicable(cidr, kuma), notes: read.warnings.map((w) => `meshsim warns: ${w.message}`) };
    },
  };
}
