/**
 * HostnameGenerator resources (kumahq/kuma@v2.14.3 pkg/core/resources/apis/hostnamegenerator/api/v1alpha1):
 * a selector per kind (`matchLabels`) and a Go template for the hostname.
 */
import * as z from "zod";
import { joinPath, type Violation } from "../errors.js";
import type { Envelope } from "../model/envelope.js";
import type { HostnameGeneratorModel, HostnameTargetKind } from "../model/hostname-generator.js";
import type { VersionFeatures } from "../model/versions.js";

const str = z.string().max(253);
const selector = z.looseObject({ matchLabels: z.record(str, z.string().max(253)).optional() });

/** `spec` of a HostnameGenerator. */
export const HostnameGeneratorSpecSchema = z.looseObject({
  selector: z.looseObject({ meshService: selector.optional(), meshExternalService: selector.optional(), meshMultiZoneService: selector.optional() }).optional(),
  template: z.string().max(1024).optional(),
  extension: z.looseObject({ type: str }).optional(),
});
export type HostnameGeneratorSpec = z.infer<typeof HostnameGeneratorSpecSchema>;

const KEYS: readonly (readonly [HostnameTargetKind, "meshService" | "meshExternalService" | "meshMultiZoneService"])[] = [
  ["MeshService", "meshService"],
  ["MeshExternalService", "meshExternalService"],
  ["MeshMultiZoneService", "meshMultiZoneService"],
];

/**
 * Kuma's admission checks that meshsim models (validate.go @ v2.14.3): a non-empty template and, from 2.8.1, exactly
 * one selector. The template's DNS check with stub values is not repeated; evaluation reports what fails.
 */
export function validateHostnameGenerator(spec: HostnameGeneratorSpec, f: VersionFeatures, specPath: string): Violation[] {
  const out: Violation[] = [];
  const defined = KEYS.filter(([, k]) => spec.selector?.[k] !== undefined).length;
  if (f.hostnameSelectorPerKind && defined !== 1) out.push({ path: joinPath(specPath, "selector"), message: "exact one selector (meshService, meshExternalService) must be defined" });
  if (!spec.template) out.push({ path: joinPath(specPath, "template"), message: "must not be empty" });
  return out;
}

/**
 * The model of a valid HostnameGenerator. Before 2.8.1 every selector was a struct, so a kind without one was
 * selected by the empty selector, which matches everything (hostnamegenerator.go @ 2.8.0).
 */
export function hostnameGeneratorModel(e: Envelope, spec: HostnameGeneratorSpec, f: VersionFeatures): HostnameGeneratorModel {
  const sel: Partial<Record<HostnameTargetKind, Record<string, string>>> = {};
  for (const [kind, key] of KEYS) {
    const s = spec.selector?.[key];
    if (s) sel[kind] = s.matchLabels ?? {};
    else if (!f.hostnameSelectorPerKind && kind !== "MeshMultiZoneService") sel[kind] = {};
  }
  return {
    name: e.namespace ? `${e.name}.${e.namespace}` : e.name,
    labels: e.labels,
    selector: sel,
    template: spec.template ?? "",
    ...(e.creationTime !== undefined ? { creationTime: e.creationTime } : {}),
    ...(spec.extension ? { extension: spec.extension.type } : {}),
    source: "snapshot",
  };
}
