/**
 * Modifications whose change Envoy throws away: a modification that wrote to a listener or cluster Envoy rejects
 * (or, for a rejection of a whole update, to any resource of that type) does not take effect, since Envoy keeps the
 * version it had. Such a modification is reported `rejected` instead of `applied`.
 */
import type { Write } from "../xds/provenance.js";
import type { EnvoyRejection } from "../xds/validate/index.js";
import type { ModificationReport } from "./modification.js";

/** The rejection that makes a write void, if any. */
function rejectionOf(write: Pick<Write, "resource">, rejections: readonly EnvoyRejection[]): EnvoyRejection | undefined {
  return (
    rejections.find((r) => `${r.type}/${r.name}` === write.resource) ??
    rejections.find((r) => r.scope === "update" && write.resource.startsWith(`${r.type}/`))
  );
}

/** `applied` reports whose writes landed in a rejected resource become `rejected`, naming the resource and Envoy's message. */
export function markRejected(reports: readonly ModificationReport[], writes: readonly Pick<Write, "resource" | "source">[], rejections: readonly EnvoyRejection[]): ModificationReport[] {
  if (rejections.length === 0) return [...reports];
  return reports.map((r) => {
    if (r.status !== "applied") return r;
    const hit = writes.filter((w) => w.source === r.source).map((w) => rejectionOf(w, rejections)).find((x) => x !== undefined);
    if (!hit) return r;
    const whole = hit.scope === "update" ? ` (Envoy refuses the whole ${hit.type} update)` : "";
    return {
      ...r,
      status: "rejected",
      message: `Envoy rejects ${hit.type} ${hit.name}${whole}: ${hit.message}. Envoy keeps the ${hit.type} it had, so this change does not take effect.`,
      hints: [...r.hints, "every change to a rejected resource is lost, not only the one that made it invalid; the warning envoy-nack names the rule"],
    };
  });
}
