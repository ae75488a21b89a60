/** `POST /v1/validate`. */
import type { Violation } from "../errors.js";
import { lintSnapshot } from "./lint-proof.js";
import { prepare, whatIfField } from "./prepare.js";
import type { ValidationResult } from "./result.js";
import { VALIDATE_IGNORES, type ValidateBody } from "./schema.js";

/**
 * Validates a snapshot without simulating (`POST /v1/validate`): the same admission checks as a
 * simulation, so a CI job can lint policies before it has a request to try.
 */
export function validateSnapshot(body: ValidateBody): { readonly ok: true; readonly result: ValidationResult } | { readonly ok: false; readonly errors: readonly Violation[] } {
  const prep = prepare({ kumaVersion: body.kumaVersion, resources: body.resources, patches: body.patches, remove: body.remove });
  if ("errors" in prep) return { ok: false, errors: prep.errors };
  const s = prep.prepared.snapshot;
  const counts: Record<string, number> = {};
  const count = (k: string, n: number) => {
    if (n > 0) counts[k] = (counts[k] ?? 0) + n;
  };
  count("Mesh", s.meshes.size);
  count("Dataplane", s.dataplanes.length);
  for (const p of s.policies) count(p.kind, 1);
  for (const d of s.destinations) count(d.kind, 1);
  count("TrafficLog", s.trafficLogs.length);
  count("HostnameGenerator", s.hostnameGenerators.length);
  const resources = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const fields = VALIDATE_IGNORES.filter((f) => body[f] !== undefined);
  const ignored =
    fields.length === 0
      ? {}
      : { ignored: { fields, note: `validated the snapshot only (kumaVersion, resources, patches, remove); ${fields.join(", ")} ${fields.length === 1 ? "was" : "were"} not checked or run: POST the same body to /v1/simulate${fields.includes("requests") ? "/batch" : ""} for that` } };
  // Only snapshots with a MeshPassthrough get the field: other answers keep their bytes.
  const lint = lintSnapshot(prep.prepared);
  return {
    ok: true,
    result: { valid: true, kumaVersion: prep.prepared.label, resources, warnings: s.warnings, assumptions: [...prep.prepared.assumptions, ...s.assumptions], ...ignored, ...whatIfField(s), ...(lint ? { lint } : {}) },
  };
}
