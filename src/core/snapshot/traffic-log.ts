/**
 * The legacy TrafficLog resource (kuma `api/mesh/v1alpha1/traffic_log.proto` @ v2.14.3): its schema, Kuma's admission
 * checks (kuma `pkg/core/resources/apis/mesh/traffic_log_validator.go`, selector helpers in `validators.go`) and the
 * model the generators read. What it does to a proxy is in `generate/traffic-log.ts`.
 */
import * as z from "zod";
import type { Violation } from "../errors.js";
import { SERVICE_TAG } from "../model/dataplane.js";
import type { TagSelector, TrafficLogModel } from "../model/traffic-log.js";

const tagMap = z.record(z.string().max(253), z.string().max(253));

const selector = z.looseObject({ match: tagMap.optional() });

/** Universal form keeps these at the top level; Kubernetes form under `spec`. */
export const TrafficLogSpecSchema = z.looseObject({
  sources: z.array(selector).max(64).optional(),
  destinations: z.array(selector).max(64).optional(),
  conf: z.looseObject({ backend: z.string().max(253).optional() }).optional(),
});

export type TrafficLogSpec = z.infer<typeof TrafficLogSpecSchema>;

export function trafficLogModel(name: string, mesh: string, spec: TrafficLogSpec, creationTime?: string): TrafficLogModel {
  return {
    name,
    mesh,
    sources: (spec.sources ?? []).map((s) => s.match ?? {}),
    destinations: (spec.destinations ?? []).map((d) => d.match ?? {}),
    backend: spec.conf?.backend ?? "",
    creationTime,
  };
}

const TAG_NAME = /^[a-zA-Z0-9.\-_:/]*$/;

const SELECTOR_VALUE = /^([a-zA-Z0-9.\-_:/]*|\*)$/;

/** validateTagKeyValues with Kuma's messages (validators.go ValidateSelectors); `onlyService` is OnlyServiceTagAllowed (TrafficLog destinations). */
export function selectorViolations(path: string, tags: TagSelector, onlyService: boolean): Violation[] {
  const out: Violation[] = [];
  const keyPath = (k: string) => `${path}[${JSON.stringify(k)}]`;
  const keys = Object.keys(tags).sort();
  if (!onlyService && keys.length === 0) out.push({ path, message: "must have at least one tag" });
  if (onlyService && (keys.length !== 1 || !(SERVICE_TAG in tags))) out.push({ path, message: `must consist of exactly one tag "${SERVICE_TAG}"` });
  for (const k of keys) {
    if (k === "") out.push({ path, message: "tag name must be non-empty" });
    if (!TAG_NAME.test(k)) out.push({ path: keyPath(k), message: "tag name must consist of alphanumeric characters, dots, dashes, slashes and underscores" });
    if (onlyService && k !== SERVICE_TAG) out.push({ path: keyPath(k), message: `tag "${k}" is not allowed` });
    const v = tags[k]!;
    if (v === "") out.push({ path: keyPath(k), message: "tag value must be non-empty" });
    if (!SELECTOR_VALUE.test(v)) out.push({ path: keyPath(k), message: 'tag value must consist of alphanumeric characters, dots, dashes, slashes and underscores or be "*"' });
  }
  if (!(SERVICE_TAG in tags)) out.push({ path, message: `mandatory tag "${SERVICE_TAG}" is missing` });
  return out;
}

/** TrafficLogResource.Validate: sources select the client (kuma.io/service required), destinations name only kuma.io/service. */
export function validateTrafficLog(spec: TrafficLogSpec, path: string): Violation[] {
  const out: Violation[] = [];
  for (const [field, onlyService] of [["sources", false], ["destinations", true]] as const) {
    const list = spec[field] ?? [];
    const at = path === "" ? field : `${path}.${field}`;
    if (list.length === 0) out.push({ path: at, message: "must have at least one element" });
    list.forEach((s, i) => out.push(...selectorViolations(`${at}[${i}].match`, s.match ?? {}, onlyService)));
  }
  return out;
}
