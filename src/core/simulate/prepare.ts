/** What every request of one call shares: the release simulated, the snapshot read for it, and the zone. */
import type { Violation } from "../errors.js";
import { features as featuresOf, LINE_COMMITS, type KumaMinor, type Release, releaseLabel, type VersionFeatures, resolveVersion } from "../model/versions.js";
import { POLICIES } from "../policies/registry.js";
import { type BuildOptions, type Snapshot, type WhatIfChanges, buildSnapshot } from "../snapshot/snapshot.js";
import type { ZoneSettings } from "./proxy.js";
import type { SimulateBody } from "./schema.js";

/** Version and snapshot, shared by every request of a call. */
export interface Prepared {
  readonly minor: KumaMinor;
  /** The release simulated (a bare minor resolves to its newest known patch); answers name it as `kumaVersion`. */
  readonly release: Release;
  /** How answers name the release (`kumaVersion`): the release, or the commit a line follows (`3.0.0-dev+348b6528bc`). */
  readonly label: string;
  readonly features: VersionFeatures;
  readonly snapshot: Snapshot;
  readonly zone: ZoneSettings;
  readonly assumptions: readonly string[];
}

/**
 * Reads the version and the snapshot for it. `versionPath` names the version field in errors (the upgrade check has
 * two); `options` says how the snapshot treats kinds the release removed.
 */
export function prepare(
  body: Pick<SimulateBody, "kumaVersion" | "resources" | "patches" | "remove" | "zone">,
  options: BuildOptions = {},
  versionPath = "kumaVersion",
): { prepared: Prepared } | { errors: readonly Violation[] } {
  const version = resolveVersion(body.kumaVersion, versionPath);
  if ("error" in version) return { errors: [version.error] };
  const features = featuresOf(version.release);
  const built = buildSnapshot(body.resources, body.patches, features, POLICIES, undefined, { ...options, remove: body.remove });
  if ("errors" in built) return { errors: built.errors };
  return {
    prepared: {
      minor: version.minor,
      release: version.release,
      label: releaseLabel(version.release),
      features,
      snapshot: built.snapshot,
      zone: { environment: body.zone?.environment ?? "universal", apiServer: body.zone?.apiServer },
      assumptions: versionAssumptions(body.kumaVersion, version.release, version.newerThanKnown),
    },
  };
}

/** Says which release was simulated whenever the request did not name it exactly. */
function versionAssumptions(asked: string | undefined, release: Release, newerThanKnown: Release | undefined): string[] {
  const minor = release.split(".").slice(0, 2).join(".") as KumaMinor;
  const line = LINE_COMMITS[minor];
  if (line && asked !== undefined)
    return [
      `Kuma ${minor} is simulated from the ${minor} line's commit ${line.commit.slice(0, 10)} (${line.date}), not from a release tag: the released ${minor}.x may differ (docs/fidelity.md lists what is known to)`,
    ];
  if (asked === undefined) return [`kumaVersion not given: simulated Kuma ${release}, the newest release meshsim knows`];
  if (newerThanKnown !== undefined)
    return [`Kuma ${newerThanKnown} is newer than the newest ${release.split(".").slice(0, 2).join(".")} release meshsim knows: simulated ${release}; fixes backported after it are not modelled`];
  if (!/^v?\d+\.\d+\.\d+$/.test(asked.trim())) return [`kumaVersion "${asked}" names a minor: simulated its newest known release, ${release}`];
  return [];
}

/** The answer's `whatIf` field: what the what-if patches replaced and added and what `remove` deleted; absent when nothing. */
export function whatIfField(s: Snapshot): { whatIf?: WhatIfChanges } {
  const w = s.whatIf;
  return w.replaced.length + w.added.length + w.removed.length > 0 ? { whatIf: w } : {};
}
