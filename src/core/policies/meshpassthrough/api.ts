/**
 * MeshPassthrough API (kuma `pkg/plugins/policies/meshpassthrough/api/v1alpha1/meshpassthrough.go`,
 * `rest.yaml`, `validator.go` @ v2.14.3).
 * `type`, `protocol` and `passthroughMode` are plain strings so the validator can answer with Kuma's
 * own messages (the Go validator, not the schema, rejects `protocol: "1"`).
 */
import * as z from "zod";
import { TargetRefSchema } from "../../model/target-ref.js";

export const MATCH_TYPES = ["Domain", "IP", "CIDR"] as const;
/** In the order Kuma's validator lists them (validator.go `allMatchProtocols`). */
export const MATCH_PROTOCOLS = ["tcp", "tls", "grpc", "http", "http2", "mysql"] as const;
export const PASSTHROUGH_MODES = ["All", "Matched", "None"] as const;
/** Protocols Envoy cannot tell apart on one port (validator.go `notAllowedProtocolsOnTheSamePort`). */
export const L7_PROTOCOLS = ["grpc", "http", "http2"] as const;

export type MatchProtocol = (typeof MATCH_PROTOCOLS)[number];
export type PassthroughMode = (typeof PASSTHROUGH_MODES)[number];

/** Schema default of `protocol` (`+kubebuilder:default=tcp`, rest.yaml `default: tcp`). */
export const DEFAULT_PROTOCOL = "tcp";
/** What the plugin uses when no selected policy sets `passthroughMode` (plugin.go: `todo: this should be handled by "base policy"`). */
export const DEFAULT_MODE: PassthroughMode = "Matched";

/**
 * A YAML scalar read into a Go string field: `protocol: 1` arrives as "1" (the validator golden
 * full-invalid.input.yaml answers it with the enum message), so numbers and booleans become strings.
 */
const goString = (max: number) => z.union([z.string().max(max), z.number(), z.boolean()]).transform((v) => String(v));

export const MatchSchema = z.strictObject({
  type: goString(16).describe("Domain | IP | CIDR"),
  value: goString(1024).describe("A domain (`api.example.com`, `*.example.com`), an IPv4/IPv6 address or a CIDR."),
  // Go `*uint32`: negative ports fail to unmarshal; 0 and > 65535 reach the validator.
  port: z.number().int().min(0).max(4294967295).optional().describe("Destination port; omitted means every port."),
  protocol: goString(16).optional().describe("tcp | tls | grpc | http | http2 | mysql; default tcp."),
});

export const MeshPassthroughConfSchema = z.strictObject({
  passthroughMode: z.string().max(16).optional().describe("All | Matched | None; unset means Matched (Kuma ≥ 2.10 and Universal; the ≤ 2.9 CRD defaulted to None)."),
  appendMatch: z.array(MatchSchema).max(1000).optional(),
});

export const MeshPassthroughSpecSchema = z.strictObject({
  targetRef: TargetRefSchema.optional(),
  // Not required (rest.yaml): Go's zero Conf, i.e. mode unset and no matches.
  default: MeshPassthroughConfSchema.optional(),
});

export type Match = z.infer<typeof MatchSchema>;
export type MeshPassthroughConf = z.infer<typeof MeshPassthroughConfSchema>;
export type MeshPassthroughSpec = z.infer<typeof MeshPassthroughSpecSchema>;

/** A match's protocol with the schema default applied. */
export function protocolOf(m: Pick<Match, "protocol">): string {
  return m.protocol ?? DEFAULT_PROTOCOL;
}
