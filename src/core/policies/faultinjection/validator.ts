/**
 * FaultInjection admission (kuma `pkg/core/resources/apis/mesh/fault_injection_validator.go` @ v2.14.3; the same
 * checks at v2.7.20): selectors (destinations must name an HTTP-based `kuma.io/protocol`), at least one fault, and
 * per fault its percentage in [0, 100] and its value.
 */
import type { Violation } from "../../errors.js";
import { parseGoDuration } from "../../go/time.js";
import type { ValidationContext } from "../../model/policy.js";
import { field, validateSelectors } from "../legacy.js";
import { hasFault, type FaultInjectionSpec } from "./api.js";

/** Go net/http StatusText knows these codes (go1.24 net/http/status.go); any other is "http status code is incorrect". */
const GO_STATUS_TEXT = new Set([
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410,
  411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
]);

function percentage(path: string, p: number | undefined): Violation[] {
  if (p === undefined) return [{ path: field(path, "percentage"), message: "cannot be empty" }];
  if (p < 0 || p > 100) return [{ path: field(path, "percentage"), message: "has to be in [0.0 - 100.0] range" }];
  return [];
}

/** FaultInjectionResource.Validate with Kuma's paths (rooted at ctx.path) and messages. */
export function validateFaultInjection(spec: FaultInjectionSpec, ctx: Pick<ValidationContext, "path">): Violation[] {
  const at = (f: string) => field(ctx.path, f);
  const out: Violation[] = [...validateSelectors(at("sources"), spec.sources), ...validateSelectors(at("destinations"), spec.destinations, { httpProtocol: true })];
  const conf = spec.conf;
  const { delay, abort, responseBandwidth: bw } = conf ?? {};
  if (!hasFault(delay) && !hasFault(abort) && !hasFault(bw)) out.push({ path: at("conf"), message: "must have at least one of the faults configured" });
  if (delay && hasFault(delay)) {
    const p = at("conf.delay");
    out.push(...percentage(p, delay.percentage));
    if (delay.value === undefined) out.push({ path: field(p, "value"), message: "cannot be empty" });
    else {
      const d = parseGoDuration(delay.value);
      if (!d.ok) out.push({ path: field(p, "value"), message: d.message });
    }
  }
  if (abort && hasFault(abort)) {
    const p = at("conf.abort");
    out.push(...percentage(p, abort.percentage));
    if (abort.httpStatus === undefined) out.push({ path: field(p, "httpStatus"), message: "cannot be empty" });
    else if (!GO_STATUS_TEXT.has(abort.httpStatus)) out.push({ path: field(p, "httpStatus"), message: "http status code is incorrect" });
  }
  if (bw && hasFault(bw)) {
    const p = at("conf.responseBandwidth");
    out.push(...percentage(p, bw.percentage));
    if (bw.limit === undefined) out.push({ path: field(p, "limit"), message: "cannot be empty" });
    // regexp.MatchString(`\d*\s?[gmk]bps`) is unanchored: any text containing e.g. "kbps" passes.
    else if (!/\d*\s?[gmk]bps/.test(bw.limit)) out.push({ path: field(p, "limit"), message: "has to be in kbps/mbps/gbps units" });
  }
  return out;
}
