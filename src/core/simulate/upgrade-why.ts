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
export type WhyTopic = "verdict" | "names" | "connectTimeout" | "idleTimeout" | "circuitBreakers" | "http-limits" | "modification-match" | "modification-effect";

const NAMING: readonly (keyof Behaviour)[] = [
  "unifiedNaming",
  "unifiedNamingAlways",
  "inboundUnifiedNameBySection",
  "noDestinationInboundCluster",
  "strictInboundPorts",
  "strictInboundPortsKeepCatchAll",
  "strictInboundPortsFixes",
  "meshPassthroughLayout",
  "unifiedListenerStatPrefix",
  "inboundVhostListenerFallback",
];

/** The behaviour flags that can change each topic (a flag may bear on several). */
const TOPIC_FLAGS: Readonly<Record<WhyTopic, readonly (keyof Behaviour)[]>> = {
  verdict: [
    "meshPassthroughField",
    "meshPassthroughCrdDefaultNone",
    "meshPassthroughLayout",
    "meshPassthroughPrefixRoute",
    "meshPassthroughSkipsFamilyWithoutRules",
    "meshPassthroughIpHostPort",
    "meshPassthroughOriginalDst",
    "meshMtlsField",
    "inboundProtocolTag",
    "inboundProtocolField",
    "inboundTagsField",
    "outboundTagsField",
    "mesClusterNeedsIdentity",
    "policyFromField",
    "ipv6Rule",
    "strictInboundPorts",
    "strictInboundPortsKeepCatchAll",
    "meshDestinationKinds",
    "ipamVips",
    "hostnameSelectorPerKind",
    "defaultHostnameGenerators",
    "hostnameDns1123Check",
    "defaultTrafficPermission",
    "mtpHttpRbacFilter",
    "mtpDefaultDeny",
    "mtpRulesApi",
    "mtpRulesCliques",
    "policyPluginsInDefaultProfile",
    "meshTlsRebuildsInboundPassthrough",
    "bindOutbounds",
    "tpInMetadata",
  ],
  names: NAMING,
  connectTimeout: ["passthroughConnectTimeout", "inboundTimeoutDefaults", "policiesFindUnifiedInboundClusters"],
  idleTimeout: ["inboundTimeoutDefaults", "policiesFindUnifiedInboundClusters"],
  circuitBreakers: ["trackRemainingOnEveryCluster", "policiesFindUnifiedInboundClusters"],
  "http-limits": ["inboundTimeoutDefaults", "policiesFindUnifiedInboundClusters", "hcmInternalAddressConfig"],
  /** What a modification's match selects: resource names, and what generates the resources it patches. */
  "modification-match": [...NAMING, "listenerNameEquivalence", "policyPluginsInDefaultProfile"],
  /** Whether what it wrote is read: the config around it. */
  "modification-effect": ["trackRemainingOnEveryCluster", "addedClusterOrigin", "policiesFindUnifiedInboundClusters", "policyPluginsInDefaultProfile"],
};

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

const flagsOf = (topics: readonly WhyTopic[]) => new Set(topics.flatMap((t) => TOPIC_FLAGS[t]));

/** The rows of `steps` that can explain a change of any of `topics`, each once, oldest first. */
export function stepsFor(steps: readonly ReleaseStep[], ...topics: readonly WhyTopic[]): readonly ReleaseStep[] {
  const flags = flagsOf(topics);
  return steps.filter((s) => s.flags.some((f) => flags.has(f)));
}

/** How a row is cited in a `why`: the release, the flags that bear on the topics, the source. */
export function cite(step: ReleaseStep, ...topics: readonly WhyTopic[]): string {
  const flags = flagsOf(topics);
  return `Kuma ${step.since} (${step.flags.filter((f) => flags.has(f)).join(", ")}): ${step.source}`;
}
