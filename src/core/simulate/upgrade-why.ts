/**
 * Why an answer changed between two releases: the rows of the version table (`CHANGES`, each with the release that
 * made it and its Kuma source) between them whose behaviour flags can change that part of the answer. Every release
 * difference is a row of that table; this file only says which flags bear on which answer field.
 */
import { type Behaviour, CHANGES, compareReleases, hasChange, type Release, type Since } from "../model/versions.js";

/** One row of the version table that differs between the two releases. */
export interface ReleaseStep {
  /** The release(s) that made it: one release, or the first patch of each minor line that has a backport. */
  readonly since: string;
  readonly flags: readonly (keyof Behaviour)[];
  readonly source: string;
}

/** What part of an answer a change is about, so only the rows whose flags bear on it are cited. */
export type WhyTopic =
  | "outbound-verdict"
  | "inbound-verdict"
  | "outbound-names"
  | "inbound-names"
  | "outbound-connectTimeout"
  | "inbound-timeouts"
  | "circuitBreakers"
  | "outbound-http-limits"
  | "modification-match"
  | "modification-effect";

const MESH_PASSTHROUGH: readonly (keyof Behaviour)[] = [
  "meshPassthroughCrdDefaultNone",
  "meshPassthroughLayout",
  "meshPassthroughPrefixRoute",
  "meshPassthroughSkipsFamilyWithoutRules",
  "meshPassthroughIpHostPort",
  "meshPassthroughOriginalDst",
];
const STRICT_INBOUND: readonly (keyof Behaviour)[] = ["strictInboundPorts", "strictInboundPortsKeepCatchAll", "strictInboundPortsFixes", "noDestinationInboundCluster"];

/** The behaviour flags that can change each topic (a flag may bear on several). */
const TOPIC_FLAGS: Readonly<Record<WhyTopic, readonly (keyof Behaviour)[]>> = {
  "outbound-verdict": [
    "meshPassthroughField",
    ...MESH_PASSTHROUGH,
    "outboundTagsField",
    "mesClusterNeedsIdentity",
    "ipv6Rule",
    "meshDestinationKinds",
    "ipamVips",
    "hostnameSelectorPerKind",
    "defaultHostnameGenerators",
    "hostnameDns1123Check",
    "bindOutbounds",
    "tpInMetadata",
  ],
  "inbound-verdict": [
    "meshMtlsField",
    "inboundProtocolTag",
    "inboundProtocolField",
    "inboundTagsField",
    "policyFromField",
    ...STRICT_INBOUND,
    "defaultTrafficPermission",
    "mtpHttpRbacFilter",
    "mtpDefaultDeny",
    "mtpRulesApi",
    "mtpRulesCliques",
    "meshTlsRebuildsInboundPassthrough",
    "policyPluginsInDefaultProfile",
    "tpInMetadata",
  ],
  "outbound-names": ["unifiedNaming", "unifiedNamingAlways"],
  "inbound-names": ["unifiedNaming", "unifiedNamingAlways", "inboundUnifiedNameBySection", ...STRICT_INBOUND],
  /** The timeout Kuma writes on the clusters outbound requests reach (passthrough, in-mesh). */
  "outbound-connectTimeout": ["passthroughConnectTimeout", "policiesRealResources"],
  /** Timeouts of inbound listeners and clusters: MeshTimeout's defaults, Kuma's default policies, and where it finds them. */
  "inbound-timeouts": [
    "inboundTimeoutDefaults",
    "policiesFindUnifiedInboundClusters",
    "defaultMeshPolicies",
    "meshTimeoutRequestHeadersTimeout",
    "meshTimeoutInboundWithoutFrom",
    "meshTimeoutDefaultConfBug",
    "timeoutCircuitBreakerRulesApi",
    "meshTimeoutMatches",
  ],
  circuitBreakers: [
    "trackRemainingOnEveryCluster",
    "policiesFindUnifiedInboundClusters",
    "defaultMeshPolicies",
    "policiesRealResources",
    "timeoutCircuitBreakerRulesApi",
    "mcbMeshExternalServiceClusters",
    "mcbInboundClusterByWorkloadPort",
    "mcbDetectorDefaults",
    "mcbTrackRemainingAndPanicThreshold",
  ],
  "outbound-http-limits": ["meshPassthroughLayout", "meshPassthroughPrefixRoute"],
  /** What a modification's match selects: resource names, and what generates the resources it patches. */
  "modification-match": ["unifiedNaming", "unifiedNamingAlways", "inboundUnifiedNameBySection", "listenerNameEquivalence", "policyPluginsInDefaultProfile"],
  /** Whether what it wrote is read: the config around it. */
  "modification-effect": ["trackRemainingOnEveryCluster", "addedClusterOrigin", "policiesFindUnifiedInboundClusters", "policyPluginsInDefaultProfile"],
};

const DESTINATIONS = ["MeshService", "MeshExternalService", "MeshMultiZoneService"];

/**
 * Flags that only bear on a snapshot holding one of these kinds (a MeshPassthrough change does not explain a
 * snapshot without MeshPassthrough). Flags not listed bear on every snapshot.
 */
const NEEDS_KIND: Partial<Record<keyof Behaviour, readonly string[]>> = {
  ...Object.fromEntries(MESH_PASSTHROUGH.map((f) => [f, ["MeshPassthrough"]])),
  mtpHttpRbacFilter: ["MeshTrafficPermission"],
  mtpDefaultDeny: ["MeshTrafficPermission"],
  mtpRulesApi: ["MeshTrafficPermission"],
  mtpRulesCliques: ["MeshTrafficPermission"],
  meshTlsRebuildsInboundPassthrough: ["MeshTLS"],
  meshDestinationKinds: DESTINATIONS,
  ipamVips: DESTINATIONS,
  defaultHostnameGenerators: DESTINATIONS,
  hostnameSelectorPerKind: ["HostnameGenerator"],
  hostnameDns1123Check: [...DESTINATIONS, "HostnameGenerator"],
  mesClusterNeedsIdentity: ["MeshExternalService"],
  policyFromField: ["MeshTLS", "MeshTimeout", "MeshCircuitBreaker", "MeshTrafficPermission"],
  // Kuma's default MeshTimeout has a `from` and the default MeshCircuitBreaker only `to` and connection limits: these
  // bear only on policies the snapshot holds (the others change what the default policies write too).
  meshTimeoutInboundWithoutFrom: ["MeshTimeout"],
  meshTimeoutDefaultConfBug: ["MeshTimeout"],
  timeoutCircuitBreakerRulesApi: ["MeshTimeout", "MeshCircuitBreaker"],
  policiesRealResources: DESTINATIONS,
  mcbMeshExternalServiceClusters: ["MeshExternalService"],
  mcbInboundClusterByWorkloadPort: ["MeshCircuitBreaker"],
  mcbDetectorDefaults: ["MeshCircuitBreaker"],
  listenerNameEquivalence: ["MeshProxyPatch"],
  addedClusterOrigin: ["MeshProxyPatch"],
  policyPluginsInDefaultProfile: ["ProxyTemplate"],
  meshMtlsField: ["Mesh"],
  meshPassthroughField: ["Mesh"],
  defaultTrafficPermission: ["Mesh"],
};

/** The flags of `topics` that bear on a snapshot holding `kinds`. */
function flagsOf(topics: readonly WhyTopic[], kinds: ReadonlySet<string>): Set<keyof Behaviour> {
  return new Set(topics.flatMap((t) => TOPIC_FLAGS[t]).filter((f) => NEEDS_KIND[f]?.some((k) => kinds.has(k)) ?? true));
}

function sinceText(since: Since): string {
  return typeof since === "string" ? since : since.join(" / ");
}

/** The version-table rows that differ between `a` and `b` (either order), oldest first. */
export function stepsBetween(a: Release, b: Release): readonly ReleaseStep[] {
  const [older, newer] = compareReleases(a, b) <= 0 ? [a, b] : [b, a];
  return CHANGES.filter((c) => hasChange(newer, c.since) !== hasChange(older, c.since)).map((c) => ({
    since: sinceText(c.since),
    flags: Object.keys(c.set) as (keyof Behaviour)[],
    source: c.source,
  }));
}

/** The rows of `steps` that can explain a change of any of `topics` for a snapshot holding `kinds`, each once, oldest first. */
export function stepsFor(steps: readonly ReleaseStep[], kinds: ReadonlySet<string>, ...topics: readonly WhyTopic[]): readonly ReleaseStep[] {
  const flags = flagsOf(topics, kinds);
  return steps.filter((s) => s.flags.some((f) => flags.has(f)));
}

/** How a row is cited in a `why`: the release, the flags that bear on the topics, the source. */
export function cite(step: ReleaseStep, kinds: ReadonlySet<string>, ...topics: readonly WhyTopic[]): string {
  const flags = flagsOf(topics, kinds);
  return `Kuma ${step.since} (${step.flags.filter((f) => flags.has(f)).join(", ")}): ${step.source}`;
}
