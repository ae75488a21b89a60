/**
 * The default MeshTimeouts kuma-cp creates with every Mesh (kuma `pkg/defaults/mesh/meshtimeout.go`), per release:
 * - 2.5.x: none (2.5 creates the legacy Timeout `timeout-all-<mesh>` instead, which meshsim does not model).
 * - 2.6.0 … v2.14.3: `mesh-timeout-all-<mesh>` (Sidecar proxies; `from` Mesh: connect 10s, idle 2h, request 0s, stream
 *   idle 1h, max stream duration 0s — twice the defaults or off; `to` Mesh: connect 5s, idle 1h, request 15s, stream
 *   idle 30m) and `mesh-gateways-timeout-all-<mesh>` (Gateway proxies; top-level MeshSubset until 2.8.x, Mesh from
 *   2.9.0).
 * - 3.0 (348b6528bc): `mesh-timeout-all-<mesh>` with the inbound conf as `rules` and `mesh-timeout-to-all-<mesh>` with
 *   the `to` conf (`rules` and `to` may not share a policy, commit e57cdf04fb #17589); no gateway default.
 */
import { atRelease, type ByRelease, type VersionFeatures } from "../../model/versions.js";
import type { DefaultPolicy } from "../default-policies.js";

// factor × policies_defaults (pkg/plugins/policies/core/defaults/consts.go): DefaultConnectTimeout 5s, DefaultIdleTimeout
// 1h, DefaultStreamIdleTimeout 30m, DefaultRequestTimeout 15s; gateway 5m / 5s / 500ms.
const INBOUND = { connectionTimeout: "10s", idleTimeout: "2h0m0s", http: { requestTimeout: "0s", streamIdleTimeout: "1h0m0s", maxStreamDuration: "0s" } };
const OUTBOUND = { connectionTimeout: "5s", idleTimeout: "1h0m0s", http: { requestTimeout: "15s", streamIdleTimeout: "30m0s" } };
const GATEWAY_FROM = { idleTimeout: "5m0s", http: { streamIdleTimeout: "5s", requestHeadersTimeout: "500ms" } };
const GATEWAY_TO = { idleTimeout: "1h0m0s", http: { streamIdleTimeout: "5s" } };
const MESH = { kind: "Mesh" } as const;

// kumahq/kuma@2.8.8 pkg/defaults/mesh/meshtimeout.go defaulMeshGatewaysTimeoutResource: kind MeshSubset; @2.9.0: kind Mesh.
const GATEWAY_KIND: ByRelease<string> = [
  { since: "2.6.0", value: "MeshSubset" },
  { since: "2.9.0", value: "Mesh" },
];

/** Kuma's default MeshTimeouts for the release (prefixes; the Mesh name is appended). */
export function defaultMeshTimeouts(f: VersionFeatures): DefaultPolicy[] {
  switch (f.defaultMeshPolicies) {
    case "legacy":
      return [];
    case "from-to":
      return [
        { prefix: "mesh-timeout-all", spec: { targetRef: { kind: "Mesh", proxyTypes: ["Sidecar"] }, from: [{ targetRef: MESH, default: INBOUND }], to: [{ targetRef: MESH, default: OUTBOUND }] } },
        {
          prefix: "mesh-gateways-timeout-all",
          spec: { targetRef: { kind: atRelease(GATEWAY_KIND, f.release), proxyTypes: ["Gateway"] }, from: [{ targetRef: MESH, default: GATEWAY_FROM }], to: [{ targetRef: MESH, default: GATEWAY_TO }] },
        },
      ];
    case "rules-to":
      return [
        { prefix: "mesh-timeout-all", spec: { targetRef: MESH, rules: [{ default: INBOUND }] } },
        { prefix: "mesh-timeout-to-all", spec: { targetRef: MESH, to: [{ targetRef: MESH, default: OUTBOUND }] } },
      ];
  }
}

/** The defaults in a few words, for the assumption. */
export const DEFAULT_MESH_TIMEOUTS_TEXT = "inbound: connect 10s, idle 2h, request timeout off, stream idle 1h; outbound: connect 5s, idle 1h, request 15s, stream idle 30m";
