/**
 * What the legacy connection policies (FaultInjection, RateLimit) share: the `sources` / `destinations` selector
 * schema, Kuma's selector admission checks (kuma `pkg/core/resources/apis/mesh/validators.go` ValidateSelectors /
 * ValidateSelector / ProtocolValidator @ v2.14.3, the same at v2.7.20), the model `model/legacy-select.ts` ranks,
 * and which dataplanes a policy selects for the pipeline's policy list.
 */
import * as z from "zod";
import type { Violation } from "../errors.js";
import type { DataplaneModel } from "../model/dataplane.js";
import type { Envelope } from "../model/envelope.js";
import { TCP_PORT_RESERVED } from "../generate/inbound.js";
import { inboundInterfaces, type InboundInterface } from "../model/interfaces.js";
import { selectInboundConnectionAllPolicies, selectorMatches, type ConnectionPolicy, type TagSelector } from "../model/legacy-select.js";

const tagMap = z.record(z.string().max(253), z.string().max(253));

/** A `sources[]` / `destinations[]` item: `{match: {tag: value}}`. */
export const SelectorSchema = z.looseObject({ match: tagMap.optional() });

/** What every legacy connection policy spec has. */
export interface ConnectionSpec {
  readonly sources?: readonly { readonly match?: Readonly<Record<string, string>> | undefined }[] | undefined;
  readonly destinations?: readonly { readonly match?: Readonly<Record<string, string>> | undefined }[] | undefined;
}

/** The tag that names an inbound's protocol. */
const PROTOCOL_TAG = "kuma.io/protocol";

const TAG_NAME = /^[a-zA-Z0-9.\-_:/]*$/;
const SELECTOR_VALUE = /^([a-zA-Z0-9.\-_:/]*|\*)$/;

/** kuma `pkg/core/metadata/protocol.go` HTTPBasedProtocols @ v2.14.3. */
const HTTP_BASED = ["http", "http2", "grpc"] as const;

/** Options of Kuma's ValidateSelectors as the legacy policies use them. */
export interface SelectorRules {
  /** FaultInjection destinations: ProtocolValidator(HTTPBasedProtocols). */
  readonly httpProtocol?: boolean;
}

/** ValidateSelectors(RequireAtLeastOneSelector, RequireAtLeastOneTag) with Kuma's paths and messages. */
export function validateSelectors(path: string, list: ConnectionSpec["sources"], rules: SelectorRules = {}): Violation[] {
  const out: Violation[] = [];
  const items = list ?? [];
  if (items.length === 0) out.push({ path, message: "must have at least one element" });
  items.forEach((s, i) => {
    const at = `${path}[${i}].match`;
    const tags = s.match ?? {};
    const keyPath = (k: string) => `${at}[${JSON.stringify(k)}]`;
    const keys = Object.keys(tags).sort();
    if (keys.length === 0) out.push({ path: at, message: "must have at least one tag" });
    if (rules.httpProtocol) {
      const p = tags[PROTOCOL_TAG];
      if (p === undefined) out.push({ path: at, message: "protocol must be specified" });
      else if (!(HTTP_BASED as readonly string[]).includes(p.toLowerCase())) out.push({ path: keyPath(PROTOCOL_TAG), message: `must be one of the [${HTTP_BASED.join(", ")}]` });
    }
    for (const k of keys) {
      if (k === "") out.push({ path: at, message: "tag name must be non-empty" });
      if (!TAG_NAME.test(k)) out.push({ path: keyPath(k), message: "tag name must consist of alphanumeric characters, dots, dashes, slashes and underscores" });
      const v = tags[k]!;
      if (v === "") out.push({ path: keyPath(k), message: "tag value must be non-empty" });
      if (!SELECTOR_VALUE.test(v)) out.push({ path: keyPath(k), message: 'tag value must consist of alphanumeric characters, dots, dashes, slashes and underscores or be "*"' });
    }
  });
  return out;
}

/** Joins a spec path and a field the way Kuma's validators name it. */
export function field(path: string, name: string): string {
  return path === "" ? name : `${path}.${name}`;
}

/** The selectors of a spec as the ranking reads them. */
export function selectorsOf(list: ConnectionSpec["sources"]): TagSelector[] {
  return (list ?? []).map((s) => ({ ...(s.match ?? {}) }));
}

/** A legacy policy resource as `model/legacy-select.ts` ranks it. */
export function connectionPolicy<S extends ConnectionSpec>(envelope: Envelope, spec: S): ConnectionPolicy & { readonly spec: S } {
  return { name: envelope.name, mesh: envelope.mesh, creationTime: envelope.creationTime, sources: selectorsOf(spec.sources), destinations: selectorsOf(spec.destinations), spec };
}

/** Whether a destination selector of the policy matches one of the dataplane's inbounds (what Kuma applies it to). */
export function selectsSomeInbound(spec: ConnectionSpec, dp: DataplaneModel): boolean {
  const dsts = selectorsOf(spec.destinations);
  return dp.inbounds.some((i) => dsts.some((d) => selectorMatches(d, i.tags)));
}

/** How the policy list shows a legacy policy's selectors. */
export function describeSelectors(spec: ConnectionSpec): string {
  const one = (s: TagSelector) => {
    const e = Object.entries(s).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return e.length === 0 ? "{}" : e.map(([k, v]) => `${k}=${v}`).join(",");
  };
  return `sources ${selectorsOf(spec.sources).map(one).join(" | ")} → destinations ${selectorsOf(spec.destinations).map(one).join(" | ")}`;
}

/**
 * The inbounds a legacy inbound HTTP policy (FaultInjection, RateLimit) applies to, as InboundProxyGenerator visits
 * them (kumahq/kuma@v2.14.3 pkg/xds/generator/inbound_proxy_generator.go): HTTP, HTTP2 and gRPC inbounds with a
 * port, each with every policy whose destination matches its tags (SelectInboundConnectionAllPolicies); inbounds
 * no policy matches are left out.
 */
export function legacyHttpInbounds<P extends ConnectionPolicy>(dp: DataplaneModel, models: readonly P[]): { iface: InboundInterface; matched: P[] }[] {
  return inboundInterfaces(dp).flatMap((iface) => {
    if (iface.dataplanePort === TCP_PORT_RESERVED || iface.dataplanePort === 0) return [];
    if (iface.protocol !== "http" && iface.protocol !== "http2" && iface.protocol !== "grpc") return [];
    const matched = selectInboundConnectionAllPolicies(iface.tags, dp.mesh, models);
    return matched.length > 0 ? [{ iface, matched }] : [];
  });
}
