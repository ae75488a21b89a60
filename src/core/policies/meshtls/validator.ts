/**
 * Kuma's admission validation of MeshTLS (kuma `pkg/plugins/policies/meshtls/api/v1alpha1/validator.go`, the 2.x
 * version with `rules`; `api/common/v1alpha1/tls/tls.go` ValidateVersion): every violation, in Kuma's order
 * (targetRef, from+rules conflict, rules, from), with Kuma's messages.
 */
import { joinPath, type Violation } from "../../errors.js";
import { validateTargetRef } from "../target-ref.js";
import type { ValidationContext } from "../../model/policy.js";
import { MODES, TLS_CIPHERS, TLS_VERSION_ORDER, TLS_VERSIONS, type MeshTlsConf, type MeshTlsSpec } from "./api.js";

/** validators.MakeFieldMustBeOneOfErr. */
const mustBeOneOf = (field: string, values: readonly string[]) => `"${field}" must be one of [${values.map((v) => `"${v}"`).join(", ")}]`;

/** tls.go ValidateVersion. */
function validateVersion(v: NonNullable<MeshTlsConf["tlsVersion"]>, path: string): Violation[] {
  const out: Violation[] = [];
  const valid = (x: string) => (TLS_VERSIONS as readonly string[]).includes(x);
  let specificMin = false;
  let specificMax = false;
  if (v.min !== undefined) {
    if (!valid(v.min)) out.push({ path: joinPath(path, "min"), message: mustBeOneOf("min", TLS_VERSIONS) });
    else if (v.min !== "TLSAuto") specificMin = true;
  }
  if (v.max !== undefined) {
    if (!valid(v.max)) out.push({ path: joinPath(path, "max"), message: mustBeOneOf("max", TLS_VERSIONS) });
    else if (v.max !== "TLSAuto") specificMax = true;
  }
  if (specificMin && specificMax && TLS_VERSION_ORDER[v.min!]! > TLS_VERSION_ORDER[v.max!]!) out.push({ path: joinPath(path, "min"), message: "min version must be lower than max" });
  return out;
}

/** validator.go validateDefault. */
function validateDefault(conf: MeshTlsConf | undefined, path: string, topKind: string): Violation[] {
  const out: Violation[] = [];
  if (!conf) return out;
  if (conf.mode !== undefined && !(MODES as readonly string[]).includes(conf.mode)) out.push({ path: joinPath(path, "mode"), message: mustBeOneOf("mode", MODES) });
  const ciphers = conf.tlsCiphers ?? [];
  if (ciphers.length > 0 && topKind !== "Mesh") out.push({ path: joinPath(path, "tlsCiphers"), message: "tlsCiphers can only be defined with top level targetRef kind: Mesh" });
  else if (!ciphers.every((c) => (TLS_CIPHERS as readonly string[]).includes(c))) out.push({ path: joinPath(path, "tlsCiphers"), message: mustBeOneOf("tlsCiphers", TLS_CIPHERS) });
  if (conf.tlsVersion !== undefined) {
    if (topKind !== "Mesh") out.push({ path: joinPath(path, "tlsVersion"), message: "tlsVersion can only be defined with top level targetRef kind: Mesh" });
    else out.push(...validateVersion(conf.tlsVersion, joinPath(path, "tlsVersion")));
  }
  return out;
}

/** MeshTLS is an inbound policy (IsInboundPolicy), so a Dataplane targetRef may name an inbound with `sectionName`. */
const SECTION_NAME_OUTBOUND_ONLY = "can only be used with inbound policies";

export function validateMeshTls(spec: MeshTlsSpec, ctx: ValidationContext, allowedKinds: readonly string[]): Violation[] {
  const out = validateTargetRef(spec.targetRef, allowedKinds, joinPath(ctx.path, "targetRef")).filter((v) => v.message !== SECTION_NAME_OUTBOUND_ONLY);
  const rules = spec.rules ?? [];
  const from = spec.from ?? [];
  if (rules.length > 0 && from.length > 0) out.push({ path: ctx.path, message: "field 'from' must be empty when 'rules' is defined" });
  const topKind = spec.targetRef?.kind ?? "Mesh";
  rules.forEach((r, i) => out.push(...validateDefault(r.default, joinPath(ctx.path, "rules", i, "default"), topKind)));
  from.forEach((f, i) => {
    out.push(...validateTargetRef(f.targetRef, ["Mesh"], joinPath(ctx.path, "from", i, "targetRef")));
    out.push(...validateDefault(f.default, joinPath(ctx.path, "from", i, "default"), topKind));
  });
  return out;
}
