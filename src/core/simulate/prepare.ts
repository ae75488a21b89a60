/** What every request of one call shares: the release simulated, the snapshot read for it, and the zone. */
import type { Violation } from "../errors.js";
import { features as featuresOf, type KumaMinor, type VersionFeatures, resolveVersion } from "../model/versions.js";
import { POLICIES } from "../policies/registry.js";
import { type Snapshot, buildSnapshot } from "../snapshot/snapshot.js";
import type { ZoneSettings } from "./proxy.js";
import type { SimulateBody } from "./schema.js";

/** Version and snapshot, shared by every request of a call. */
export interface Prepared {
  readonly minor: KumaMinor;
  readonly features: VersionFeatures;
  readonly snapshot: Snapshot;
  readonly zone: ZoneSettings;
  readonly assumptions: readonly string[];
}

export function prepare(body: Pick<SimulateBody, "kumaVersion" | "resources" | "patches" | "zone">): { prepared: Prepared } | { errors: readonly Violation[] } {
  const version = resolveVersion(body.kumaVersion, "kumaVersion");
  if ("error" in version) return { errors: [version.error] };
  const features = featuresOf(version.release);
  const built = buildSnapshot(body.resources, body.patches, features, POLICIES);
  if ("errors" in built) return { errors: built.errors };
  return {
    prepared: {
      minor: version.minor,
      features,
      snapshot: built.snapshot,
      zone: { environment: body.zone?.environment ?? "universal", apiServer: body.zone?.apiServer },
      assumptions: body.kumaVersion ? [] : [`kumaVersion not given: simulated Kuma ${version.minor}`],
    },
  };
}
