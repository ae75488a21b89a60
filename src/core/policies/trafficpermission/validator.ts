/**
 * Kuma's admission validation of TrafficPermission (kuma `pkg/core/resources/apis/mesh/traffic_permission_validator.go`
 * @ v2.14.3): `sources` and `destinations` each need at least one selector, each selector at least one tag, the
 * `kuma.io/service` tag and well-formed tag names and values (ValidateSelectors, RequireAtLeastOneTag).
 */
import type { Violation } from "../../errors.js";
import type { ValidationContext } from "../../model/policy.js";
import { selectorViolations } from "../../snapshot/traffic-log.js";
import type { TrafficPermissionSpec } from "./api.js";

export function validateTrafficPermission(spec: TrafficPermissionSpec, ctx: ValidationContext): Violation[] {
  const out: Violation[] = [];
  for (const field of ["sources", "destinations"] as const) {
    const list = spec[field] ?? [];
    const at = ctx.path === "" ? field : `${ctx.path}.${field}`;
    if (list.length === 0) out.push({ path: at, message: "must have at least one element" });
    list.forEach((s, i) => out.push(...selectorViolations(`${at}[${i}].match`, s.match ?? {}, false)));
  }
  return out;
}
