/**
 * Kuma's admission validation of MeshAccessLog (kuma `pkg/plugins/policies/meshaccesslog/api/v1alpha1/validator.go`
 * at each supported release; what changed between releases is the `mal*` rows of the version table): every violation
 * in Kuma's order (targetRef, to/from/rules presence, to, from, rules), with Kuma's paths and messages.
 */
import { joinPath, type Violation } from "../../errors.js";
import { isFilePath, isJSON, isURL } from "../../go/govalidator.js";
import type { ValidationContext } from "../../model/policy.js";
import type { TargetRef } from "../../model/target-ref.js";
import type { VersionFeatures } from "../../model/versions.js";
import { validateTargetRef } from "../target-ref.js";
import type { MalBackend, MalConf, MalFormat, MalMatch, MeshAccessLogSpec } from "./api.js";

const MUST_BE_DEFINED = "must be defined";
const SECTION_NAME_OUTBOUND_ONLY = "can only be used with inbound policies";

/** validators.MakeFieldMustBeOneOfErr. */
const mustBeOneOf = (field: string, values: readonly string[]) => `"${field}" must be one of [${values.map((v) => `"${v}"`).join(", ")}]`;

/** k8s.io/apimachinery validation.IsDNS1123Subdomain's messages (MaxLenError(253), RegexError). */
function dns1123SubdomainViolations(value: string): string[] {
  const out: string[] = [];
  if (value.length > 253) out.push("must be no more than 253 characters");
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(value))
    out.push(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  return out;
}

/** go-spiffe v2 `spiffeid.FromString`: the error text, or undefined for a valid SPIFFE ID. */
export function spiffeIdError(id: string): string | undefined {
  if (id === "") return "cannot be empty";
  if (!id.startsWith("spiffe://")) return "scheme is missing or invalid";
  const rest = id.slice("spiffe://".length);
  let i = 0;
  for (; i < rest.length && rest[i] !== "/"; i++) if (!/[a-z0-9._-]/.test(rest[i]!)) return "trust domain characters are limited to lowercase letters, numbers, dots, dashes, and underscores";
  if (i === 0) return "trust domain is missing";
  const path = rest.slice(i);
  if (path === "") return undefined;
  let segStart = 0;
  let end = 0;
  for (; end < path.length; end++) {
    if (path[end] === "/") {
      const seg = path.slice(segStart, end);
      if (seg === "/") return "path cannot contain empty segments";
      if (seg === "/." || seg === "/..") return "path cannot contain dot segments";
      segStart = end;
      continue;
    }
    if (!/[a-zA-Z0-9._-]/.test(path[end]!)) return "path segment characters are limited to letters, numbers, dots, dashes, and underscores";
  }
  const last = path.slice(segStart, end);
  if (last === "/") return "path cannot have a trailing slash";
  if (last === "/." || last === "/..") return "path cannot contain dot segments";
  return undefined;
}

/** kumahq/kuma@v2.14.3 pkg/core/resources/apis/mesh/validators.go ValidateMatch. */
function validateMatch(m: MalMatch, path: string): Violation[] {
  const out: Violation[] = [];
  if (m.spiffeID) {
    const err = spiffeIdError(m.spiffeID.value);
    if (err) out.push({ path: joinPath(path, "spiffeID"), message: `must be a valid Spiffe ID: ${err}` });
  }
  if (m.sni) {
    if (m.sni.type === "") out.push({ path: joinPath(path, "sni.type"), message: "must be set" });
    else if (m.sni.type !== "Exact") out.push({ path: joinPath(path, "sni.type"), message: `unrecognized type "${m.sni.type}", supported values are: Exact` });
    if (m.sni.value === "") out.push({ path: joinPath(path, "sni.value"), message: "must be set" });
    else for (const v of dns1123SubdomainViolations(m.sni.value)) out.push({ path: joinPath(path, "sni.value"), message: v });
  }
  return out;
}

/** validator.go validateFormat; an unknown `type` is refused by Kuma's schema before the validator (which would panic). */
function validateFormat(format: MalFormat, path: string): Violation[] {
  const out: Violation[] = [];
  switch (format.type) {
    case "Plain":
      if (format.plain === undefined) out.push({ path: joinPath(path, "plain"), message: MUST_BE_DEFINED });
      else if (format.plain === "") out.push({ path: joinPath(path, "plain"), message: "must not be empty" });
      break;
    case "Json": {
      if (format.json === undefined) {
        out.push({ path: joinPath(path, "json"), message: MUST_BE_DEFINED });
        break;
      }
      if (format.json.length === 0) out.push({ path: joinPath(path, "json"), message: "must not be empty" });
      format.json.forEach((field, i) => {
        const at = joinPath(path, "json", i);
        if (field.key === "") out.push({ path: joinPath(at, "key"), message: "key cannot be empty" });
        if (field.value === "") out.push({ path: joinPath(at, "value"), message: "value cannot be empty" });
        // govalidator.IsJSON(fmt.Sprintf(`{"%s": "%s"}`, key, value)): a quote or backslash in either breaks it.
        if (!isJSON(`{"${field.key}": "${field.value}"}`)) out.push({ path: at, message: "is not a valid JSON object" });
      });
      break;
    }
    default:
      out.push({ path: joinPath(path, "type"), message: `${mustBeOneOf("type", ["Plain", "Json"])} (Kuma's schema refuses it)` });
  }
  return out;
}

/** kumahq/kuma@v2.14.3 pkg/core/validators/common_validators.go ValidateBackendResourceRef. */
function validateBackendRef(ref: NonNullable<NonNullable<MalBackend["openTelemetry"]>["backendRef"]>, path: string): Violation[] {
  const out: Violation[] = [];
  if (ref.kind !== "MeshOpenTelemetryBackend") out.push({ path: joinPath(path, "kind"), message: mustBeOneOf("kind", ["MeshOpenTelemetryBackend"]) });
  if (Object.keys(ref.labels ?? {}).length === 0) out.push({ path, message: "backendRef must have exactly one defined: labels" });
  return out;
}

/** kumahq/kuma@v2.14.3 pkg/core/validators/common_validators.go ValidateOtelAttributeName. */
function attributeNameViolation(key: string): string | undefined {
  if (key === "") return MUST_BE_DEFINED;
  if (key.includes("%")) return "must be a static OpenTelemetry attribute name; placeholders are only supported in values";
  if (key.startsWith("otel.")) return "must not use the reserved OpenTelemetry prefix 'otel.'";
  if (!/^[a-z](?:[a-z0-9]|[._][a-z0-9])*$/.test(key))
    return "must start with a lowercase letter, use only lowercase letters, digits, '.' or '_', avoid consecutive delimiters, and end with a letter or digit";
  return undefined;
}

/** validator.go validateBackend (the OpenTelemetry checks per `malOtelChecks` / `malToAndRulesOnly`). */
function validateBackend(b: MalBackend, path: string, f: VersionFeatures): Violation[] {
  const out: Violation[] = [];
  switch (b.type) {
    case "File": {
      const root = joinPath(path, "file");
      if (!b.file) {
        out.push({ path: root, message: MUST_BE_DEFINED });
        break;
      }
      if (b.file.format) out.push(...validateFormat(b.file.format, joinPath(root, "format")));
      if (!isFilePath(b.file.path)) out.push({ path: joinPath(root, "path"), message: "file backend requires a valid path" });
      break;
    }
    case "Tcp": {
      const root = joinPath(path, "tcp");
      if (!b.tcp) {
        out.push({ path: root, message: MUST_BE_DEFINED });
        break;
      }
      if (b.tcp.format) out.push(...validateFormat(b.tcp.format, joinPath(root, "format")));
      if (!isURL(b.tcp.address)) out.push({ path: joinPath(root, "address"), message: "tcp backend requires valid address" });
      break;
    }
    case "OpenTelemetry": {
      const root = joinPath(path, "openTelemetry");
      const o = b.openTelemetry;
      if (!o) {
        out.push({ path: root, message: MUST_BE_DEFINED });
        break;
      }
      if (f.malToAndRulesOnly) {
        // kumahq/kuma@348b6528bc validator.go: backendRef only.
        if (!o.backendRef) out.push({ path: joinPath(root, "backendRef"), message: MUST_BE_DEFINED });
        else out.push(...validateBackendRef(o.backendRef, joinPath(root, "backendRef")));
      } else if (f.malOtelChecks) {
        // kumahq/kuma@v2.14.3 common_validators.go ValidateOtelBackendRefOrEndpoint.
        const endpoint = o.endpoint ?? "";
        if (endpoint !== "" && o.backendRef) out.push({ path: root, message: "openTelemetry must have only one type defined: endpoint, backendRef" });
        else if (endpoint === "" && !o.backendRef) out.push({ path: root, message: "openTelemetry must have exactly one defined: endpoint, backendRef" });
        else if (o.backendRef) out.push(...validateBackendRef(o.backendRef, joinPath(root, "backendRef")));
        else if (/[/?#]/.test(endpoint)) out.push({ path: joinPath(root, "endpoint"), message: "must be in host:port format, not a URL" });
      }
      if (f.malOtelChecks)
        (o.attributes ?? []).forEach((a, i) => {
          const v = attributeNameViolation(a.key);
          if (v) out.push({ path: joinPath(root, "attributes", i, "key"), message: v });
        });
      break;
    }
    default:
      out.push({ path: joinPath(path, "type"), message: `${mustBeOneOf("type", ["Tcp", "File", "OpenTelemetry"])} (Kuma's schema refuses it)` });
  }
  return out;
}

/** validator.go validateDefault: `backends` must be defined (it may be empty), each backend valid. */
function validateDefault(conf: MalConf | undefined, path: string, f: VersionFeatures): Violation[] {
  if (conf?.backends === undefined) return [{ path: joinPath(path, "backends"), message: MUST_BE_DEFINED }];
  return conf.backends.flatMap((b, i) => validateBackend(b, joinPath(path, "backends", i), f));
}

/** validator.go validateTo: the kinds of the release (a MeshGateway policy's `to` only Mesh while `malGatewayToMeshOnly`). */
function validateTo(spec: MeshAccessLogSpec, path: string, f: VersionFeatures): Violation[] {
  const top = spec.targetRef?.kind ?? "Mesh";
  const kinds = f.malGatewayToMeshOnly && top === "MeshGateway" ? ["Mesh"] : f.malToKinds;
  return (spec.to ?? []).flatMap((t, i) => [
    ...validateTargetRef(t.targetRef, kinds, joinPath(path, "to", i, "targetRef")),
    ...validateDefault(t.default, joinPath(path, "to", i, "default"), f),
  ]);
}

/** The top-level targetRef: a Dataplane may name an inbound with `sectionName` only in an inbound policy (inbound.AffectsInbounds). */
function validateTop(ref: TargetRef | undefined, kinds: readonly string[], path: string, inbound: boolean): Violation[] {
  const out = validateTargetRef(ref, kinds, path);
  return inbound ? out.filter((v) => v.message !== SECTION_NAME_OUTBOUND_ONLY) : out;
}

export function validateMeshAccessLog(spec: MeshAccessLogSpec, ctx: ValidationContext): Violation[] {
  const f = ctx.features;
  const to = spec.to ?? [];
  const from = spec.from ?? [];
  const rules = spec.rules ?? [];
  const out = validateTop(spec.targetRef, ctx.targetKinds, joinPath(ctx.path, "targetRef"), rules.length > 0 || from.length > 0);
  if (f.malToAndRulesOnly) {
    // kumahq/kuma@348b6528bc validator.go validate (`from` is dropped on deserialization, with a warning).
    if (rules.length > 0 && to.length > 0) out.push({ path: ctx.path, message: "'to' must be empty when 'rules' is defined" });
    if (rules.length === 0 && to.length === 0) out.push({ path: ctx.path, message: "at least one of 'to' or 'rules' has to be defined" });
  } else if (f.malRules !== "none") {
    // kumahq/kuma@2.10.0 … v2.14.3 validator.go validate
    if (rules.length > 0 && (to.length > 0 || from.length > 0)) out.push({ path: ctx.path, message: "fields 'to' and 'from' must be empty when 'rules' is defined" });
    if (rules.length === 0 && to.length === 0 && from.length === 0) out.push({ path: ctx.path, message: "at least one of 'from', 'to' or 'rules' has to be defined" });
  } else {
    // kumahq/kuma@2.5.0 … 2.9.19 validator.go validate: no `rules` field yet.
    if (spec.rules !== undefined) out.push({ path: joinPath(ctx.path, "rules"), message: `field 'rules' does not exist in Kuma ${f.minor} (added in 2.10.0)` });
    if (to.length === 0 && from.length === 0) out.push({ path: ctx.path, message: "at least one of 'from', 'to' has to be defined" });
  }
  if (spec.to !== undefined) out.push(...validateTo(spec, ctx.path, f));
  if (spec.from !== undefined && !f.malToAndRulesOnly)
    from.forEach((item, i) => {
      const at = joinPath(ctx.path, "from", i);
      out.push(...validateTargetRef(item.targetRef, ["Mesh"], joinPath(at, "targetRef")));
      out.push(...validateDefault(item.default, joinPath(at, "default"), f));
    });
  // 2.10.0 … 2.13.x validate `rules` only when `from` is set (`if r.Spec.From != nil`); 2.14.0 when `rules` is.
  const checkRules = f.malRules === "always" ? spec.rules !== undefined : f.malRules === "with-from" && spec.from !== undefined;
  if (checkRules)
    rules.forEach((r, i) => {
      const at = joinPath(ctx.path, "rules", i);
      if (f.malRules === "always") (r.matches ?? []).forEach((m, j) => out.push(...validateMatch(m, joinPath(at, "matches", j))));
      out.push(...validateDefault(r.default, joinPath(at, "default"), f));
    });
  return out;
}
