/**
 * MeshPassthrough lint: what Kuma admits but that does not do what it says, per release. For one policy's
 * `appendMatch` (each policy on its own, as it is written): entries whose traffic Envoy hands to another entry's
 * filter chain (or to none), pairs Kuma's generator refuses (kuma `plugin/xds/order.go` validatePortAndProtocol) or
 * Envoy rejects once Kuma generated them (meshsim's own generator and Envoy checks, `xds/validate`), entries Kuma
 * collapses into an earlier one, and domains that differ only by case or a trailing dot.
 *
 * Envoy picks a filter chain by destination port, then destination IP (longest prefix; a chain without prefix
 * ranges is the least specific), then server name (exact before wildcard), transport protocol, application
 * protocols, and never backtracks (Envoy `config.listener.v3.FilterChainMatch`; {@link ENVOY_MATCH_DOC}). Kuma
 * copies a port-less entry onto every port the list names (order.go GetOrderedMatchers), so two entries meet on a
 * port when their ports are equal or one of them has none.
 */
import { joinPath } from "../../errors.js";
import type { Envelope } from "../../model/envelope.js";
import { kumaTag, LINE_COMMITS, type VersionFeatures } from "../../model/versions.js";
import { bits, type Family } from "../../net/ip.js";
import { goParseCIDR, goParseIP } from "../../go/net.js";
import { meshPassthroughName, ORIGIN, passthroughName } from "../../xds/names.js";
import { outboundPassthroughListener } from "../../generate/transparent-proxy.js";
import type { ResourceSet, XdsResource } from "../../xds/resource-set.js";
import { ENVOY_VERSION, envoyRule, validateResources, type EnvoyRejection } from "../../xds/validate/index.js";
import { protocolOf, type Match, type MeshPassthroughSpec } from "./api.js";
import { applyMeshPassthrough } from "./plugin.js";
import { isL7 } from "./order.js";

/** The lint's rules; each finding names one. */
export type LintRule =
  /** Kuma's generator refuses the merged list (order.go: http, http2, grpc on one port): no config is sent. */
  | "kuma-generation-error"
  /** Envoy rejects the listener Kuma generates for these entries (NACK): it keeps the previous one. */
  | "envoy-rejects"
  /** The entry produces no filter chain or route at this release: it never matches. */
  | "never-matches"
  /** Kuma collapses the entry into an earlier identical one: it adds nothing. */
  | "duplicate-entry"
  /** On a port both use, a more specific destination-IP entry takes the entry's traffic for its addresses. */
  | "shadowed-by-address"
  /** Two domains that differ only by letter case (Envoy compares server names and virtual-host domains in lower case). */
  | "case-duplicate"
  /** Two domains that differ only by a trailing dot (Envoy does not strip it; TLS clients never send it in SNI). */
  | "trailing-dot-duplicate";

export const LINT_RULES: readonly LintRule[] = [
  "kuma-generation-error",
  "envoy-rejects",
  "never-matches",
  "duplicate-entry",
  "shadowed-by-address",
  "case-duplicate",
  "trailing-dot-duplicate",
];

/**
 * `error`: Kuma or Envoy refuses the config, or an entry never matches; `warning`: an entry loses traffic it names
 * (the connection is closed) or adds nothing; `info`: its traffic still passes, through another entry's cluster.
 */
export type LintSeverity = "error" | "warning" | "info";

/** A request that shows a finding: paste it as `request` into `POST /v1/simulate` (with a `from` the policy selects). */
export interface LintRequest {
  readonly to: string | { readonly host: string; readonly port: number; readonly protocol: "http"; readonly httpVersion: "2" };
  readonly ip?: string;
}

/** The probe of a finding: the request, and the cluster of the entry's own chain, which the request does not reach. */
export interface LintProbe {
  readonly request: LintRequest;
  readonly entryCluster: string;
}

export interface LintFinding {
  readonly rule: LintRule;
  readonly severity: LintSeverity;
  readonly policy: { readonly kind: string; readonly mesh: string; readonly name: string };
  /** JSON path of the entry in the request, e.g. `resources[2].spec.default.appendMatch[1]`. */
  readonly path: string;
  readonly message: string;
  /** Where the rule comes from: a Kuma file at the release's tag, or Envoy's documentation or source. */
  readonly source: string;
  /** The other entry of the pair (the one that shadows, collides or came first). */
  readonly related?: { readonly path: string };
  readonly probe?: LintProbe;
}

/** Envoy's filter-chain matching order, in the docs of the Envoy meshsim's checks are written for. */
export const ENVOY_MATCH_DOC = `https://www.envoyproxy.io/docs/envoy/v${ENVOY_VERSION}/api-v3/config/listener/v3/listener_components.proto#config-listener-v3-filterchainmatch`;
const ENVOY_SNI_RFC = "RFC 6066 section 3 (server_name: \"without a trailing dot\")";

/** The kumahq/kuma tag (or the line's commit) of a release, for a finding's source. */
export function kumaRef(f: VersionFeatures): string {
  const line = LINE_COMMITS[f.minor];
  return `kumahq/kuma@${line ? line.commit.slice(0, 10) : kumaTag(f.release)}`;
}

const MP = "pkg/plugins/policies/meshpassthrough";
/** At most this many findings per rule and policy: a list of thousands says nothing more. */
const MAX_PER_RULE = 20;

/** One appendMatch entry with its index and what the lint derives from it. */
interface Entry {
  readonly index: number;
  readonly m: Match;
  readonly protocol: string;
  readonly port: number;
  /** Destination range of an IP or CIDR entry; undefined for a Domain (it matches every address). */
  readonly range: Range | undefined;
}

interface Range {
  readonly family: Family;
  readonly network: bigint;
  readonly len: number;
}

function rangeOf(m: Match): Range | undefined {
  if (m.type === "IP") {
    const ip = goParseIP(m.value);
    return ip ? { family: ip.family, network: ip.value, len: bits(ip.family) } : undefined;
  }
  if (m.type === "CIDR") {
    const c = goParseCIDR(m.value);
    if (!c) return undefined;
    const shift = BigInt(bits(c.ip.family) - c.prefixLen);
    return { family: c.ip.family, network: (c.ip.value >> shift) << shift, len: c.prefixLen };
  }
  return undefined;
}

const contains = (outer: Range, inner: Range) => {
  if (outer.family !== inner.family || outer.len > inner.len) return false;
  const shift = BigInt(bits(outer.family) - outer.len);
  return outer.network >> shift === inner.network >> shift;
};
const sameRange = (a: Range, b: Range) => a.family === b.family && a.len === b.len && a.network === b.network;

function ipText(family: Family, v: bigint): string {
  if (family === "ipv4") return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 0xffn)).join(".");
  const hex = Array.from({ length: 8 }, (_, i) => ((v >> BigInt(16 * (7 - i))) & 0xffffn).toString(16)).join(":");
  return goParseIP(hex)?.text ?? hex;
}

/** Two entries meet on a port when their ports are equal or one is port-less (order.go copies it to every port). */
const meet = (a: Entry, b: Entry) => a.port === b.port || a.port === 0 || b.port === 0;

/** What Envoy sees of the traffic an entry names: transport, and (cleartext) whether the HTTP inspector finds HTTP. */
type Traffic = "tls" | "http" | "raw";
const trafficOf = (e: Entry): Traffic => (e.protocol === "tls" ? "tls" : isL7(e.protocol) ? "http" : "raw");
/** Whether an entry's chain takes a connection of that traffic once its destination-IP group is chosen (SNI aside). */
function accepts(chain: Entry, t: Traffic): boolean {
  const c = trafficOf(chain);
  if (t === "tls") return c === "tls" && chain.m.type !== "Domain";
  // A chain without application protocols (tcp, mysql) takes HTTP as well: Envoy falls back to it.
  return t === "http" ? c === "http" || c === "raw" : c === "raw";
}

const DEFAULT_PORT: Readonly<Record<Traffic, number>> = { tls: 443, http: 80, raw: 5432 };

/** A request of the entry's kind to `host` at `ip:port`, and the cluster the entry's own chain on that port names. */
function probeOf(e: Entry, host: string | undefined, ip: string, port: number, explicit: ReadonlySet<number>): LintProbe {
  const own = e.port !== 0 ? e.port : explicit.has(port) ? port : 0;
  return { request: requestOf(e, host, ip, port), entryCluster: meshPassthroughName(e.protocol, e.m.value, own) };
}

function requestOf(e: Entry, host: string | undefined, ip: string, port: number): LintRequest {
  const h = host ?? (ip.includes(":") ? `[${ip}]` : ip);
  switch (e.protocol) {
    case "tls":
      return { to: `tls://${h}:${port}`, ...(host ? { ip } : {}) };
    case "http":
      return { to: `http://${h}:${port}/`, ...(host ? { ip } : {}) };
    case "grpc":
      return { to: `grpc://${h}:${port}`, ...(host ? { ip } : {}) };
    case "http2":
      return { to: { host: host ?? ip, port, protocol: "http", httpVersion: "2" }, ip };
    case "mysql":
      return { to: `mysql://${h}:${port}` };
    default:
      return { to: `tcp://${h}:${port}` };
  }
}

/** A host a Domain entry names: the value, or a name under a wildcard. */
const hostOf = (m: Match) => (m.value.startsWith("*.") ? `probe.${m.value.slice(2)}` : m.value);

const describe = (e: Entry) => `appendMatch[${e.index}] (${e.m.type} ${e.m.value} ${e.protocol}${e.port === 0 ? "" : ` ${e.port}`})`;

interface Ctx {
  readonly f: VersionFeatures;
  readonly envelope: Envelope;
  readonly entries: readonly Entry[];
  readonly at: (i: number) => string;
  readonly out: LintFinding[];
}

function push(ctx: Ctx, f: Omit<LintFinding, "policy">): void {
  if (ctx.out.filter((x) => x.rule === f.rule).length >= MAX_PER_RULE) return;
  const { rule, severity, ...rest } = f;
  ctx.out.push({ rule, severity, policy: { kind: ctx.envelope.kind, mesh: ctx.envelope.mesh, name: ctx.envelope.name }, ...rest });
}

// ---- generation: what Kuma sends for these entries alone, and what Envoy says of it ----

/** Both outbound passthrough listeners with their catch-all chain, as the transparent-proxy generator writes them. */
function baseListeners(): ResourceSet {
  return (["ipv4", "ipv6"] as const).map((family): XdsResource => {
    const name = passthroughName("outbound", family, "legacy");
    return { type: "listener", name, origin: ORIGIN.transparent, value: outboundPassthroughListener(name, family, 15001) };
  });
}

type Generated = { readonly kind: "error"; readonly message: string; readonly ports: readonly number[] } | { readonly kind: "sent"; readonly rejections: readonly EnvoyRejection[] };

function generate(matches: readonly Match[], f: VersionFeatures): Generated {
  const r = applyMeshPassthrough(baseListeners(), { passthroughMode: "Matched", appendMatch: [...matches] }, { features: f, meshPassthrough: true, scheme: "legacy", internalAddresses: [] });
  if (r.error) return r.error.kind === "kuma" ? { kind: "error", message: r.error.message, ports: r.error.ports } : { kind: "sent", rejections: [] };
  return { kind: "sent", rejections: validateResources(r.resources) };
}

const rejected = (es: readonly Entry[], f: VersionFeatures): EnvoyRejection | undefined => {
  const g = generate(es.map((e) => e.m), f);
  return g.kind === "sent" ? g.rejections[0] : undefined;
};

/**
 * The pairs behind Envoy's rejections: the shortest prefix of the list Envoy rejects ends with one culprit; the
 * shortest prefix before it that, with the culprit, is still rejected ends with its partner (none: the culprit
 * alone). The culprit is then left out and the search repeats.
 */
function envoyRejections(ctx: Ctx): void {
  let pool = [...ctx.entries];
  for (let round = 0; round < MAX_PER_RULE && rejected(pool, ctx.f); round++) {
    let lo = 1;
    let hi = pool.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rejected(pool.slice(0, mid), ctx.f)) hi = mid;
      else lo = mid + 1;
    }
    const culprit = pool[lo - 1]!;
    const before = pool.slice(0, lo - 1);
    let a = 0;
    let b = before.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (rejected([...before.slice(0, mid), culprit], ctx.f)) b = mid;
      else a = mid + 1;
    }
    const partner = a === 0 ? undefined : before[a - 1];
    const why = rejected(partner ? [partner, culprit] : [culprit], ctx.f) ?? rejected([...before.slice(0, a), culprit], ctx.f);
    if (why) {
      const rule = envoyRule(why.rule);
      push(ctx, {
        rule: "envoy-rejects",
        severity: "error",
        path: ctx.at(culprit.index),
        message: `${describe(culprit)}${partner ? ` with ${describe(partner)}` : ""}: Kuma ${ctx.f.release} generates a ${why.type} ${why.name} that Envoy rejects (${rule.what}): "${why.message}"; Envoy keeps the listener it had, so no change of this policy takes effect on the proxies it selects`,
        source: `envoyproxy/envoy@v${ENVOY_VERSION} ${rule.envoyFile}; ${kumaRef(ctx.f)} ${MP}/plugin/xds/listeners_filter_chain.go`,
        ...(partner ? { related: { path: ctx.at(partner.index) } } : {}),
      });
    }
    pool = pool.filter((e) => e !== culprit);
  }
}

// ---- the structural rules ----

function generationError(ctx: Ctx): boolean {
  const g = generate(ctx.entries.map((e) => e.m), ctx.f);
  if (g.kind !== "error") return false;
  for (const port of g.ports) {
    // The L7 entries that meet on that port (port-less entries are port 0 in Kuma's check).
    const l7 = ctx.entries.filter((e) => isL7(e.protocol) && e.port === port);
    const first = l7[0];
    const other = l7.find((e) => e.protocol !== first?.protocol);
    if (!first || !other) continue;
    push(ctx, {
      rule: "kuma-generation-error",
      severity: "error",
      path: ctx.at(other.index),
      message: `${describe(other)} and ${describe(first)}: Kuma ${ctx.f.release} refuses to generate the proxy's config ("you cannot configure http, http2, grpc on the same port ${port}"; admission checks this only for entries with a port), so every proxy this policy selects keeps its previous config`,
      source: `${kumaRef(ctx.f)} ${MP}/plugin/xds/order.go`,
      related: { path: ctx.at(first.index) },
    });
  }
  return true;
}

/** Kuma's matcher key (order.go): protocol (lower-cased), port, type and value; equal keys collapse. */
const keyOf = (e: Entry) => JSON.stringify([e.protocol, e.port, e.m.type, e.m.value]);

function duplicates(ctx: Ctx): Set<number> {
  const seen = new Map<string, Entry>();
  const dup = new Set<number>();
  for (const e of ctx.entries) {
    const first = seen.get(keyOf(e));
    if (!first) {
      seen.set(keyOf(e), e);
      continue;
    }
    dup.add(e.index);
    push(ctx, {
      rule: "duplicate-entry",
      severity: "warning",
      path: ctx.at(e.index),
      message: `${describe(e)} repeats ${describe(first)}: Kuma collapses equal (protocol, port, type, value) into one filter chain, so it adds nothing (admission refuses repeats only for entries with a port)`,
      source: `${kumaRef(ctx.f)} ${MP}/plugin/xds/order.go`,
      related: { path: ctx.at(first.index) },
    });
  }
  return dup;
}

const explicitPorts = (ctx: Ctx) => new Set(ctx.entries.map((e) => e.port).filter((p) => p !== 0));

/** Domains of one protocol meeting on a port that differ only by case or by a trailing dot. */
function spellings(ctx: Ctx): void {
  const domains = ctx.entries.filter((e) => e.m.type === "Domain");
  const norm = (v: string) => v.toLowerCase().replace(/\.$/, "");
  domains.forEach((b, j) => {
    const a = domains.slice(0, j).find((x) => x.protocol === b.protocol && meet(x, b) && x.m.value !== b.m.value && norm(x.m.value) === norm(b.m.value));
    if (!a) return;
    const dotted = a.m.value.endsWith(".") !== b.m.value.endsWith(".");
    if (dotted) {
      const dot = a.m.value.endsWith(".") ? a : b;
      push(ctx, {
        rule: "trailing-dot-duplicate",
        severity: "warning",
        path: ctx.at(b.index),
        message:
          b.protocol === "tls"
            ? `${describe(b)} and ${describe(a)} differ only by a trailing dot: Envoy compares server names as written, and TLS clients send the name without the dot, so ${describe(dot)} never matches`
            : `${describe(b)} and ${describe(a)} differ only by a trailing dot: Envoy does not strip it, so ${describe(dot)} matches only requests whose Host ends with a dot`,
        source: b.protocol === "tls" ? `${ENVOY_MATCH_DOC} (server_names); ${ENVOY_SNI_RFC}` : `envoyproxy/envoy@v${ENVOY_VERSION} source/common/router/config_impl.cc (virtual host domains)`,
        related: { path: ctx.at(a.index) },
        probe: probeOf(dot, norm(dot.m.value).replace(/^\*\./, "probe."), "203.0.113.10", dot.port || DEFAULT_PORT[trafficOf(dot)], explicitPorts(ctx)),
      });
    } else {
      push(ctx, {
        rule: "case-duplicate",
        severity: "error",
        path: ctx.at(b.index),
        message: `${describe(b)} and ${describe(a)} differ only by letter case: Kuma's admission compares them as written and keeps both, but Envoy lower-cases ${b.protocol === "tls" ? "server names, so the two filter chains overlap" : "virtual-host domains, so the route has the same domain twice"} and rejects the listener`,
        source: b.protocol === "tls" ? `envoyproxy/envoy@v${ENVOY_VERSION} source/common/listener_manager/filter_chain_manager_impl.cc` : `envoyproxy/envoy@v${ENVOY_VERSION} source/common/router/config_impl.cc`,
        related: { path: ctx.at(a.index) },
      });
    }
  });
}

/** 2.8.0 … 2.9.1 (one L7 chain per protocol and port, no address match): the generator drops L7 CIDR entries. */
function droppedByGenerator(ctx: Ctx): void {
  if (ctx.f.meshPassthroughLayout !== "by-protocol-port") return;
  for (const e of ctx.entries) {
    if (e.m.type !== "CIDR" || !isL7(e.protocol)) continue;
    push(ctx, {
      rule: "never-matches",
      severity: "error",
      path: ctx.at(e.index),
      message: `${describe(e)}: Kuma ${ctx.f.release} puts http, http2 and grpc entries in one chain per port as virtual hosts, and a CIDR makes no virtual host, so this entry never matches (from 2.9.2 each IP or CIDR entry has its own chain)`,
      source: `${kumaRef(ctx.f)} ${MP}/plugin/xds/listeners_filter_chain.go`,
    });
  }
}

/** A probe address in `r` whose most specific range among `ranges` is `r` itself (none when all of `r` is covered). */
function probeAddress(r: Range, ranges: readonly Range[]): bigint | undefined {
  const width = bits(r.family);
  const size = 1n << BigInt(width - r.len);
  const candidates = [r.network + (size > 2n ? 1n : 0n), r.network, r.network + size - 1n, r.network + size / 2n];
  return candidates.find((v) => !ranges.some((o) => o.family === r.family && o.len > r.len && contains(o, { family: r.family, network: v, len: width })));
}

/**
 * On a port both use, a more specific IP or CIDR entry `b` wins Envoy's destination-IP step for its addresses, so
 * the less specific entry `a` (a Domain, or a wider CIDR) is not looked at there: its traffic goes to a chain of
 * `b`'s group that takes it, or is closed.
 */
function shadows(ctx: Ctx, skip: ReadonlySet<number>): void {
  if (ctx.f.meshPassthroughLayout !== "by-match") return;
  const live = ctx.entries.filter((e) => !skip.has(e.index));
  const explicit = new Set(live.map((e) => e.port).filter((p) => p !== 0));
  for (const a of live) {
    for (const b of live) {
      if (a === b || !b.range || !meet(a, b)) continue;
      if (a.range && !(a.range.len < b.range.len && contains(a.range, b.range))) continue;
      // The port both are on: the explicit one; two port-less entries share the port-less bucket.
      let port = a.port || b.port;
      if (port === 0) for (port = DEFAULT_PORT[trafficOf(a)]; explicit.has(port); port++);
      const onPort = live.filter((e) => e.port === port || e.port === 0);
      const addr = probeAddress(b.range, onPort.flatMap((e) => (e.range ? [e.range] : [])));
      if (addr === undefined) continue;
      // b's group: the entries on that port with exactly b's range.
      const group = onPort.filter((e) => e.range && sameRange(e.range, b.range!));
      // The entry's own traffic would have reached a chain of the group already: nothing is shadowed.
      if (group.includes(a)) continue;
      const t = trafficOf(a);
      const taker = group.find((e) => accepts(e, t) && (t !== "http" || trafficOf(e) === "http")) ?? group.find((e) => accepts(e, t));
      if (group[0] !== b) continue; // one finding per group: the group's first entry names it
      const ip = ipText(b.range.family, addr);
      const host = a.m.type === "Domain" ? hostOf(a.m) : undefined;
      const where = `${b.range.len === bits(b.range.family) ? ip : `${ipText(b.range.family, b.range.network)}/${b.range.len}`} port ${port}`;
      push(ctx, {
        rule: "shadowed-by-address",
        severity: taker ? "info" : "warning",
        path: ctx.at(a.index),
        message: `${describe(a)} never matches connections to ${where}: Envoy picks the filter chains of the most specific destination IP (${describe(b)}) before it looks at ${a.m.type === "Domain" ? (t === "tls" ? "the server name" : "the Host") : "anything else"}, ${taker ? `so that traffic goes through ${describe(taker)} instead` : `and none of them takes ${t === "tls" ? "TLS" : t === "http" ? "HTTP" : "raw TCP"}, so the connection is closed`}`,
        source: `${ENVOY_MATCH_DOC}; ${kumaRef(ctx.f)} ${MP}/plugin/xds/order.go (port-less entries copied to every port)`,
        related: { path: ctx.at(b.index) },
        probe: probeOf(a, host, ip, port, explicit),
      });
    }
  }
}

/**
 * The lint of one MeshPassthrough (already admitted) at one release. `envelope.specPath` roots the paths. Only
 * `Matched` uses `appendMatch`; a policy that sets All or None is linted all the same, since merging can give its
 * entries to a proxy whose merged mode is Matched.
 */
export function lintMeshPassthrough(envelope: Envelope, spec: MeshPassthroughSpec, f: VersionFeatures): LintFinding[] {
  const matches = spec.default?.appendMatch ?? [];
  const entries: Entry[] = matches.map((m, index) => ({ index, m, protocol: protocolOf(m).toLowerCase(), port: m.port ?? 0, range: rangeOf(m) }));
  const base = joinPath(envelope.specPath, "default", "appendMatch");
  const ctx: Ctx = { f, envelope, entries, at: (i) => joinPath(base, i), out: [] };
  if (entries.length === 0) return [];
  if (generationError(ctx)) return ctx.out;
  const dup = duplicates(ctx);
  spellings(ctx);
  droppedByGenerator(ctx);
  shadows(ctx, dup);
  const spelled = new Set(ctx.out.filter((x) => x.rule === "case-duplicate").map((x) => x.path));
  const before = ctx.out.length;
  envoyRejections(ctx);
  // A case duplicate already names the pair Envoy rejects.
  const extra = ctx.out.splice(before).filter((x) => !spelled.has(x.path));
  return [...ctx.out, ...extra];
}
