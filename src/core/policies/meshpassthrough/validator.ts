/**
 * Kuma's admission validation of MeshPassthrough (kuma `pkg/plugins/policies/meshpassthrough/api/v1alpha1/validator.go`
 * @ v2.14.3): every violation is collected, per entry in Kuma's order, with Kuma's messages (typos included). Earlier
 * releases differ by rows of the version table: the 2.8 targetRef/proxyTypes rule, the wildcard port rule (2.9.2),
 * `mysql` (2.10.0) and the DNS check of `*.` domains (2.14.0).
 * Kuma's own cases: `api/v1alpha1/testdata/{full-invalid,valid}.input.yaml` with `validator_test.go` @ v2.14.3.
 */
import { joinPath, type Violation } from "../../errors.js";
import { validateTargetRef } from "../target-ref.js";
import type { ValidationContext } from "../../model/policy.js";
import { L7_PROTOCOLS, MATCH_PROTOCOLS, PASSTHROUGH_MODES, protocolOf, type Match, type MeshPassthroughSpec } from "./api.js";
import { goParseCIDR, goParseIP, isDNSName } from "../../go/net.js";
import type { VersionFeatures } from "../../model/versions.js";

const MAX_PORT = 65535;
// validator.go `wildcardPartialPrefixPattern`.
const PARTIAL_WILDCARD = /^\*[^.]+/;

const isL7 = (protocol: string) => (L7_PROTOCOLS as readonly string[]).includes(protocol);
/** Go's `%v` of a []ProtocolType: `[grpc http http2]`. */
const L7_LIST = `[${L7_PROTOCOLS.join(" ")}]`;
/** validators.MakeFieldMustBeOneOfErr("protocol", allMatchProtocols...). */
const oneOf = (protocols: readonly string[]) => `"protocol" must be one of [${protocols.map((p) => `"${p}"`).join(", ")}]`;

/** The release's admission rules that changed over time (version table rows). */
export type AppendMatchRules = Pick<VersionFeatures, "meshPassthroughWildcardL7PortRule" | "meshPassthroughMysql" | "meshPassthroughWildcardDnsCheck">;

/** The rules of the newest release (v2.14.3 and the 3.0 line). */
const NEWEST: AppendMatchRules = { meshPassthroughWildcardL7PortRule: true, meshPassthroughMysql: true, meshPassthroughWildcardDnsCheck: true };

/** validator.go `validateDefault`: its twelve checks per entry, in Kuma's order, rooted at `path` (the spec's `default.appendMatch`). */
export function validateAppendMatch(matches: readonly Match[], path: string, rules: AppendMatchRules = NEWEST): Violation[] {
  const protocols = rules.meshPassthroughMysql ? MATCH_PROTOCOLS : MATCH_PROTOCOLS.filter((p) => p !== "mysql");
  const out: Violation[] = [];
  // Latest protocol recorded per port; only updated when rule 3 raises nothing (order dependent, as in Kuma).
  const portProtocol = new Map<number, string>();
  // Values seen per (port, protocol).
  const uniqueValues = new Map<string, Set<string>>();
  matches.forEach((m, i) => {
    const at = (field: string) => joinPath(path, i, field);
    const protocol = protocolOf(m);
    const hasPort = m.port !== undefined;
    // 1
    if (rules.meshPassthroughMysql && protocol === "mysql" && !hasPort) out.push({ path: at("port"), message: "port must be defined for Mysql protocol" });
    // 2
    if ((hasPort && m.port === 0) || (m.port ?? 0) > MAX_PORT) out.push({ path: at("port"), message: "port must be a valid (1-65535)" });
    if (m.port !== undefined) {
      // 3
      const seen = portProtocol.get(m.port);
      if (seen !== undefined && seen !== protocol && isL7(protocol))
        out.push({ path: at("port"), message: `using the same port in multiple matches requires the same protocol for the following protocols: ${L7_LIST}` });
      else portProtocol.set(m.port, protocol);
      // 4
      const key = `${m.port}/${protocol}`;
      const values = uniqueValues.get(key);
      if (!values) uniqueValues.set(key, new Set([m.value]));
      else if (values.has(m.value)) out.push({ path: at("value"), message: `value ${m.value} is already defiend for this port and protocol` });
      else values.add(m.value);
    }
    // 5
    if (!(protocols as readonly string[]).includes(protocol)) out.push({ path: at("protocol"), message: oneOf(protocols) });
    switch (m.type) {
      case "CIDR":
        // 6
        if (!goParseCIDR(m.value)) out.push({ path: at("value"), message: "provided CIDR has incorrect value" });
        break;
      case "IP":
        // 7
        if (!goParseIP(m.value)) out.push({ path: at("value"), message: "provided IP has incorrect value" });
        break;
      case "Domain": {
        // 8
        if (protocol === "tcp" || (rules.meshPassthroughMysql && protocol === "mysql")) out.push({ path: at("protocol"), message: `protocol ${protocol} is not supported for a domain` });
        // 9
        if (PARTIAL_WILDCARD.test(m.value)) out.push({ path: at("value"), message: "provided DNS has incorrect value, partial wildcard is currently not supported" });
        // 10
        if (rules.meshPassthroughWildcardL7PortRule && !hasPort && m.value.startsWith("*") && isL7(protocol)) out.push({ path: at("port"), message: "wildcard domains doesn't work for all ports and layer 7 protocol" });
        // 11
        const rest = rules.meshPassthroughWildcardDnsCheck && m.value.startsWith("*.") ? m.value.slice(2) : m.value;
        if (!rest.startsWith("*") && !isDNSName(rest)) out.push({ path: at("value"), message: "provided DNS has incorrect value" });
        break;
      }
      default:
        // 12
        out.push({ path: at("type"), message: `provided type ${m.type} is not supported, one of Domain, IP, or CIDR is supported` });
    }
  });
  return out;
}

/**
 * Validates a MeshPassthrough spec; paths are rooted at `ctx.path` (the resource's `spec`).
 * targetRef first, then `default` (validator.go `validate`). `passthroughMode` is not checked by the Go
 * validator but by the schema enum (CRD / rest.yaml) before it; meshsim reports it with the Kubernetes
 * API server's enum message and keeps going.
 */
export function validateMeshPassthrough(spec: MeshPassthroughSpec, ctx: ValidationContext, allowedKinds: readonly string[]): Violation[] {
  const top = joinPath(ctx.path, "targetRef");
  const required = ctx.features.meshPassthroughProxyTypesRule;
  // kumahq/kuma@2.8.0 validator.go validateTop: the targetRef is a value (omitted: an empty kind), then the proxyTypes rule.
  const out = validateTargetRef(spec.targetRef ?? (required ? { kind: "" } : undefined), allowedKinds, top);
  const types = spec.targetRef?.proxyTypes ?? [];
  if (required && types.length !== 1 && !types.includes("Sidecar")) out.push({ path: joinPath(top, "proxyTypes"), message: "proxyTypes needs to be set, currently only Sidecar is supported" });
  const mode = spec.default?.passthroughMode;
  if (mode !== undefined && !(PASSTHROUGH_MODES as readonly string[]).includes(mode))
    out.push({
      path: joinPath(ctx.path, "default", "passthroughMode"),
      message: `Unsupported value: ${JSON.stringify(mode)}: supported values: ${PASSTHROUGH_MODES.map((m) => `"${m}"`).join(", ")}`,
    });
  out.push(...validateAppendMatch(spec.default?.appendMatch ?? [], joinPath(ctx.path, "default", "appendMatch"), ctx.features));
  return out;
}
