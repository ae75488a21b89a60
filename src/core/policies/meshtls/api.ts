/**
 * MeshTLS API (kuma `pkg/plugins/policies/meshtls/api/v1alpha1/meshtls.go`, `api/common/v1alpha1/tls/tls.go`).
 *
 * The shape is Kuma's public API: `from[] {targetRef (kind Mesh), default}` and, from 2.10.0, `rules[] {default}`
 * (kumahq/kuma commit 6be1437bab, #12752; `from` deprecated by commit e575584ccb, #12789: "'from' field is
 * deprecated, use 'rules' instead"); `default` is `{mode, tlsVersion {min, max}, tlsCiphers}`. meshsim accepts
 * both forms on every minor that has MeshTLS, so a `rules` policy on 2.9 is accepted although Kuma 2.9 lacks it.
 * `mode`, versions and ciphers are plain strings so the validator can answer with Kuma's own messages.
 */
import * as z from "zod";
import { TargetRefSchema } from "../../model/target-ref.js";

/** `+kubebuilder:validation:Enum=Permissive;Strict`, in validator.go's `allModes` order. */
export const MODES = ["Strict", "Permissive"] as const;
export type MeshTlsMode = (typeof MODES)[number];

/** common_tls `allTlsVersions`, in order. */
export const TLS_VERSIONS = ["TLSAuto", "TLS10", "TLS11", "TLS12", "TLS13"] as const;
/** common_tls `TlsVersionOrder` (TLSAuto is never compared). */
export const TLS_VERSION_ORDER: Readonly<Record<string, number>> = { TLS10: 0, TLS11: 1, TLS12: 2, TLS13: 3 };

/** common_tls `AllCiphers`, in order. */
export const TLS_CIPHERS = [
  "ECDHE-ECDSA-AES128-GCM-SHA256",
  "ECDHE-ECDSA-AES256-GCM-SHA384",
  "ECDHE-ECDSA-CHACHA20-POLY1305",
  "ECDHE-RSA-AES128-GCM-SHA256",
  "ECDHE-RSA-AES256-GCM-SHA384",
  "ECDHE-RSA-CHACHA20-POLY1305",
] as const;

export const TlsVersionSchema = z.strictObject({
  min: z.string().max(16).optional().describe("TLSAuto | TLS10 | TLS11 | TLS12 | TLS13; default TLSAuto."),
  max: z.string().max(16).optional().describe("TLSAuto | TLS10 | TLS11 | TLS12 | TLS13; default TLSAuto."),
});

export const ConfSchema = z.strictObject({
  mode: z.string().max(16).optional().describe("Strict | Permissive; unset: the Mesh's mTLS backend mode."),
  tlsVersion: TlsVersionSchema.optional().describe("Only with a top-level targetRef of kind Mesh."),
  tlsCiphers: z.array(z.string().max(64)).max(16).optional().describe("Only with a top-level targetRef of kind Mesh."),
});

export const FromSchema = z.strictObject({ targetRef: TargetRefSchema, default: ConfSchema.optional() });
export const RuleSchema = z.strictObject({ default: ConfSchema.optional() });

export const MeshTlsSpecSchema = z.strictObject({
  targetRef: TargetRefSchema.optional(),
  from: z.array(FromSchema).max(64).optional().describe("Deprecated in favour of rules; from[].targetRef takes kind Mesh only."),
  rules: z.array(RuleSchema).max(64).optional(),
});

export type MeshTlsConf = z.infer<typeof ConfSchema>;
export type MeshTlsSpec = z.infer<typeof MeshTlsSpecSchema>;
