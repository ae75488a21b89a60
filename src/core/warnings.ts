/** Warnings meshsim attaches to a result. Codes are a closed union so clients can switch on them. */

/** Every warning code, as a value: the API schemas list them (`expect.warnings`, `failOn`) and the OpenAPI document shows them. */
export const WARNING_CODES = [
  "docs-connect-timeout", // the docs print 10s; Kuma ≥2.6 sets 5s
  "docs-policies-dont-apply", // the docs say policies don't apply to non-mesh traffic; some do
  "docs-traffic-log", // traffic logging does not cover passthrough unless configured for pass_through
  "docs-ipv6-not-patched", // the docs' patch touches only the IPv4 passthrough resources
  "unified-naming-mismatch", // a patch names a resource that exists only under the other naming scheme
  "kuma-drops-field", // a value: key Kuma silently drops
  "kuma-ignores-zero", // a value: zero value Kuma's proto merge ignores
  "ineffective-modification", // a modification changes something Envoy never reads
  "policy-ignored", // a selected policy Kuma ignores for this proxy (with Kuma's own message)
  "resource-not-modelled", // a known Kuma kind meshsim accepts but does not model
  "traffic-log-backend-not-found", // the TrafficLog for pass_through names a logging backend the Mesh lacks: no access log
  "host-unresolved", // the destination host has no IP in the input or the snapshot
  "destination-filtered", // an in-mesh destination this dataplane has no outbound listener for
  "vip-unroutable", // passthrough to a mesh VIP, which no network routes
  "config-not-applied", // Kuma would fail generation and keep serving the previous config
  "docs-tls-bypass-without-transparent-proxy", // inbound: the application port is reachable without the sidecar
  "mtls-bypassed-via-inbound-passthrough", // inbound: a port without an inbound listener is forwarded in the clear
  "permissive-unauthenticated", // inbound: PERMISSIVE accepted a client without mesh identity
  "proxy-template-no-default", // the selected ProxyTemplate does not import default-proxy: Kuma generates no default config
  "proxy-template-approximate", // a ProxyTemplate part meshsim does not generate (another proxy kind's profile, a raw resource type it does not model)
  "fault-injected", // inbound HTTP: a fault filter (legacy FaultInjection) delays or aborts a share of the matching requests
  "rate-limited", // inbound HTTP: the route's local rate limit (legacy RateLimit) rejects requests beyond its token bucket
  "field-ignored", // a field this Kuma release accepts and silently ignores (removed from its API), e.g. Mesh networking.outbound.passthrough on 3.0
  "release-line-unsettled", // the release line follows a commit, and a later public Kuma issue or PR changes this behaviour
  "envoy-nack", // Envoy rejects a listener or cluster Kuma sends (src/core/xds/validate): Envoy keeps the version it last accepted
] as const;

/** One of {@link WARNING_CODES}. */
export type WarningCode = (typeof WARNING_CODES)[number];

export interface Warning {
  readonly code: WarningCode;
  readonly message: string;
}
