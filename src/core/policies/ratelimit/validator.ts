/**
 * RateLimit admission (kuma `pkg/core/resources/apis/mesh/rate_limit_validator.go` @ v2.14.3; the same at v2.7.20):
 * selectors, a `conf`, and for `conf.http` the requests, the interval and each onRateLimit header's key and value.
 */
import type { Violation } from "../../errors.js";
import { parseGoDuration } from "../../go/time.js";
import type { ValidationContext } from "../../model/policy.js";
import { field, validateSelectors } from "../legacy.js";
import type { RateLimitSpec } from "./api.js";

/** RateLimitResource.Validate with Kuma's paths (rooted at ctx.path) and messages. */
export function validateRateLimit(spec: RateLimitSpec, ctx: Pick<ValidationContext, "path">): Violation[] {
  const at = (f: string) => field(ctx.path, f);
  const out: Violation[] = [...validateSelectors(at("sources"), spec.sources), ...validateSelectors(at("destinations"), spec.destinations)];
  if (spec.conf === undefined) out.push({ path: at("conf"), message: "must have conf" });
  const http = spec.conf?.http;
  if (http) {
    const p = at("conf.http");
    if (!http.requests) out.push({ path: field(p, "requests"), message: "requests must be set" });
    if (http.interval === undefined) out.push({ path: field(p, "interval"), message: "interval must be set" });
    else {
      const d = parseGoDuration(http.interval);
      if (!d.ok) out.push({ path: field(p, "interval"), message: d.message });
    }
    (http.onRateLimit?.headers ?? []).forEach((h, i) => {
      // validators.PathBuilder Key(i): `header["0"]`, as Kuma names it (the field is `headers`).
      const hp = `${field(p, "onRateLimit")}.header[${JSON.stringify(String(i))}]`;
      if (!h.key) out.push({ path: hp, message: "key must be set" });
      if (!h.value) out.push({ path: hp, message: "value must be set" });
    });
  }
  return out;
}
