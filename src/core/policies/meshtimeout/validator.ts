/**
 * Kuma's admission validation of MeshTimeout (kuma `pkg/plugins/policies/meshtimeout/api/v1alpha1/validator.go`
 * @ v2.14.3, with the release's shape: no `rules` before 2.10.0, no `matches` before v2.14.0, no `from` at 3.0): the
 * targetRef, the from / to / rules presence, each entry's targetRef kinds and its `default`, with Kuma's messages.
 */
import { joinPath, type Violation } from "../../errors.js";
import { parseGoDuration } from "../../go/time.js";
import type { ValidationContext } from "../../model/policy.js";
import { atRelease, type ByRelease, type VersionFeatures } from "../../model/versions.js";
import { validateTargetRef } from "../target-ref.js";
import type { MeshTimeoutConf, MeshTimeoutMatch, MeshTimeoutSpec } from "./api.js";

const SECTION_NAME_OUTBOUND_ONLY = "can only be used with inbound policies";

/** The `to[].targetRef` kinds validateTo admits for a top-level MeshHTTPRoute / MeshGateway, and for any other, by release. */
const TO_KINDS: ByRelease<{ readonly routeOrGateway: readonly string[]; readonly other: readonly string[] }> = [
  // kumahq/kuma@2.5.0 validator.go validateTo
  { since: "2.5.0", value: { routeOrGateway: ["Mesh"], other: ["Mesh", "MeshService"] } },
  // kumahq/kuma@2.9.0 validator.go validateTo (real MeshExternalService / MeshMultiZoneService)
  { since: "2.9.0", value: { routeOrGateway: ["Mesh", "MeshExternalService"], other: ["Mesh", "MeshService", "MeshExternalService", "MeshMultiZoneService"] } },
  // kumahq/kuma@2.11.0 validator.go validateTo (MeshHTTPRoute)
  { since: "2.11.0", value: { routeOrGateway: ["Mesh", "MeshExternalService"], other: ["Mesh", "MeshService", "MeshExternalService", "MeshMultiZoneService", "MeshHTTPRoute"] } },
];

// kumahq/kuma@v2.14.3 pkg/plugins/policies/meshtimeout/api/v1alpha1/validator.go validateTo (the kinds a `to` targetRef may have)
function toKinds(topKind: string, f: VersionFeatures): readonly string[] {
  const k = atRelease(TO_KINDS, f.release);
  return topKind === "MeshHTTPRoute" || topKind === "MeshGateway" ? k.routeOrGateway : k.other;
}

/** A duration field: Go's time.ParseDuration must read it (metav1.Duration); returns its nanoseconds. */
function duration(value: string | undefined, path: string, out: Violation[]): bigint | undefined {
  if (value === undefined) return undefined;
  const d = parseGoDuration(value);
  if (!d.ok) {
    out.push({ path, message: d.message });
    return undefined;
  }
  return d.nanos;
}

/** validator.go validateDefault and validateHttp. */
function validateDefault(conf: MeshTimeoutConf | undefined, path: string, topKind: string): Violation[] {
  const out: Violation[] = [];
  const c = conf ?? {};
  if (c.connectionTimeout === undefined && c.idleTimeout === undefined && c.http === undefined) return [{ path, message: "at least one timeout should be configured" }];
  if (topKind === "MeshHTTPRoute") {
    const msg = "can't be specified when top-level TargetRef is referencing MeshHTTPRoute";
    if (c.connectionTimeout !== undefined) out.push({ path: joinPath(path, "connectionTimeout"), message: msg });
    if (c.idleTimeout !== undefined) out.push({ path: joinPath(path, "idleTimeout"), message: msg });
    if (c.http?.maxStreamDuration !== undefined) out.push({ path: joinPath(path, "http", "maxStreamDuration"), message: msg });
    if (c.http?.maxConnectionDuration !== undefined) out.push({ path: joinPath(path, "http", "maxConnectionDuration"), message: msg });
  }
  const connect = duration(c.connectionTimeout, joinPath(path, "connectionTimeout"), out);
  if (connect !== undefined && connect <= 0n) out.push({ path: joinPath(path, "connectionTimeout"), message: "must be greater than zero when defined" });
  const notNegative = (v: string | undefined, at: string) => {
    const n = duration(v, at, out);
    if (n !== undefined && n < 0n) out.push({ path: at, message: "must not be negative when defined" });
  };
  notNegative(c.idleTimeout, joinPath(path, "idleTimeout"));
  const h = c.http;
  if (h) {
    const hp = joinPath(path, "http");
    if (h.requestTimeout === undefined && h.streamIdleTimeout === undefined && h.maxStreamDuration === undefined && h.maxConnectionDuration === undefined)
      out.push({ path: hp, message: "at least one timeout in this section should be configured" });
    notNegative(h.requestTimeout, joinPath(hp, "requestTimeout"));
    notNegative(h.streamIdleTimeout, joinPath(hp, "streamIdleTimeout"));
    notNegative(h.maxStreamDuration, joinPath(hp, "maxStreamDuration"));
    notNegative(h.maxConnectionDuration, joinPath(hp, "maxConnectionDuration"));
    notNegative(h.requestHeadersTimeout, joinPath(hp, "requestHeadersTimeout"));
  }
  return out;
}

/** validator.go validateMatches (v2.14.0): each match needs a spiffeID or an SNI; spiffeID matches condition only per-request timeouts. */
function validateMatches(matches: readonly MeshTimeoutMatch[], path: string, defaultPath: string, conf: MeshTimeoutConf | undefined): Violation[] {
  const out: Violation[] = [];
  let spiffe = false;
  matches.forEach((m, i) => {
    const at = joinPath(path, i);
    if (m.spiffeID === undefined && m.sni === undefined) {
      out.push({ path: at, message: "must specify at least one of 'spiffeID' or 'sni'" });
      return;
    }
    if (m.spiffeID !== undefined) {
      spiffe = true;
      const t = m.spiffeID.type ?? "";
      if (t === "") out.push({ path: joinPath(at, "spiffeID", "type"), message: "must be set" });
      else if (t !== "Exact" && t !== "Prefix") out.push({ path: joinPath(at, "spiffeID", "type"), message: `unrecognized type ${JSON.stringify(t)}, supported values are: Exact, Prefix` });
    }
  });
  if (spiffe) {
    const msg = "can't be specified when matches contain spiffeID because this field cannot be conditioned on source identity";
    const c = conf ?? {};
    if (c.connectionTimeout !== undefined) out.push({ path: joinPath(defaultPath, "connectionTimeout"), message: msg });
    if (c.idleTimeout !== undefined) out.push({ path: joinPath(defaultPath, "idleTimeout"), message: msg });
    if (c.http?.requestHeadersTimeout !== undefined) out.push({ path: joinPath(defaultPath, "http", "requestHeadersTimeout"), message: msg });
    if (c.http?.maxStreamDuration !== undefined) out.push({ path: joinPath(defaultPath, "http", "maxStreamDuration"), message: msg });
    if (c.http?.maxConnectionDuration !== undefined) out.push({ path: joinPath(defaultPath, "http", "maxConnectionDuration"), message: msg });
  }
  return out;
}

// kumahq/kuma@v2.14.3 pkg/plugins/policies/meshtimeout/api/v1alpha1/validator.go (r *MeshTimeoutResource) validate
export function validateMeshTimeout(spec: MeshTimeoutSpec, ctx: ValidationContext): Violation[] {
  const f = ctx.features;
  const from = spec.from ?? [];
  const to = spec.to ?? [];
  const rules = spec.rules ?? [];
  // An inbound policy (inbound.AffectsInbounds: rules or from) may name an inbound with a Dataplane sectionName.
  const inbound = rules.length > 0 || from.length > 0;
  const out = validateTargetRef(spec.targetRef, ctx.targetKinds, joinPath(ctx.path, "targetRef")).filter((v) => !(inbound && v.message === SECTION_NAME_OUTBOUND_ONLY));
  if (!f.timeoutCircuitBreakerRulesApi) {
    if (rules.length > 0) out.push({ path: joinPath(ctx.path, "rules"), message: `field 'rules' does not exist in Kuma ${f.minor} (added in 2.10.0)` });
    if (to.length === 0 && from.length === 0) out.push({ path: ctx.path, message: "at least one of 'from', 'to' has to be defined" });
  } else if (!f.policyFromField) {
    // kumahq/kuma@348b6528bc validator.go validate: `from` is gone (the snapshot drops it, with a warning).
    if (rules.length > 0 && to.length > 0) out.push({ path: ctx.path, message: "fields 'to' must be empty when 'rules' is defined" });
    if (rules.length === 0 && to.length === 0) out.push({ path: ctx.path, message: "at least one of 'to' or 'rules' has to be defined" });
  } else {
    if (rules.length > 0 && (to.length > 0 || from.length > 0)) out.push({ path: ctx.path, message: "fields 'to' and 'from' must be empty when 'rules' is defined" });
    if (rules.length === 0 && to.length === 0 && from.length === 0) out.push({ path: ctx.path, message: "at least one of 'from', 'to' or 'rules' has to be defined" });
  }
  const topKind = spec.targetRef?.kind ?? "Mesh";
  if ((topKind === "MeshHTTPRoute" || topKind === "MeshGateway") && from.length > 0) out.push({ path: joinPath(ctx.path, "from"), message: "must not be defined" });
  else
    from.forEach((e, i) => {
      const at = joinPath(ctx.path, "from", i);
      out.push(...validateTargetRef(e.targetRef, ["Mesh"], joinPath(at, "targetRef")));
      out.push(...validateDefault(e.default, joinPath(at, "default"), topKind));
    });
  to.forEach((e, i) => {
    const at = joinPath(ctx.path, "to", i);
    out.push(...validateTargetRef(e.targetRef, toKinds(topKind, f), joinPath(at, "targetRef")));
    out.push(...validateDefault(e.default, joinPath(at, "default"), topKind));
  });
  rules.forEach((r, i) => {
    const at = joinPath(ctx.path, "rules", i);
    if (r.matches !== undefined && !f.meshTimeoutMatches) out.push({ path: joinPath(at, "matches"), message: `field 'matches' does not exist in Kuma ${f.minor} (added in 2.14.0)` });
    else out.push(...validateMatches(r.matches ?? [], joinPath(at, "matches"), joinPath(at, "default"), r.default));
    out.push(...validateDefault(r.default, joinPath(at, "default"), topKind));
  });
  return out;
}
