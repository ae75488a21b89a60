/**
 * MeshAccessLog API (kuma `pkg/plugins/policies/meshaccesslog/api/v1alpha1/meshaccesslog.go` @ v2.14.3; the same
 * shape, without `rules`, at 2.5.0): a top-level `targetRef`; `to[] {targetRef, default}` for outgoing traffic;
 * `from[] {targetRef (kind Mesh), default}` and, from 2.10.0, `rules[] {matches?, default}` for incoming traffic (3.0
 * drops `from`); `default` is `{backends[]}`, each backend `{type: File | Tcp | OpenTelemetry, file | tcp |
 * openTelemetry}`. Enums are plain strings here so the validator answers with Kuma's messages; `openTelemetry.body`
 * is any JSON value (`apiextensionsv1.JSON`: Kuma keeps its raw bytes).
 */
import * as z from "zod";
import { labelMap, str, TargetRefSchema } from "../../model/target-ref.js";

export const BACKEND_TYPES = ["Tcp", "File", "OpenTelemetry"] as const;
export const FORMAT_TYPES = ["Plain", "Json"] as const;

const text = z.string().max(4096);

export const JsonValueSchema = z.strictObject({ key: text, value: text });

export const FormatSchema = z.strictObject({
  type: z.string().max(16).describe("Plain | Json."),
  plain: text.optional().describe("Envoy command operators and %KUMA_*% placeholders."),
  json: z.array(JsonValueSchema).max(64).optional(),
  omitEmptyValues: z.boolean().optional(),
});

export const OtelAttributeSchema = z.strictObject({ key: text, value: text });

export const BackendRefSchema = z.strictObject({
  kind: z.string().max(64).describe("MeshOpenTelemetryBackend."),
  name: str.optional(),
  labels: labelMap.optional(),
});

export const BackendSchema = z.strictObject({
  type: z.string().max(16).describe("File | Tcp | OpenTelemetry."),
  file: z.strictObject({ format: FormatSchema.optional(), path: z.string().max(1024) }).optional(),
  tcp: z.strictObject({ format: FormatSchema.optional(), address: z.string().max(1024) }).optional(),
  openTelemetry: z
    .strictObject({
      attributes: z.array(OtelAttributeSchema).max(64).optional(),
      body: z.json().optional().describe("A string, or an OTLP AnyValue object (kvlistValue, arrayValue, stringValue, …)."),
      endpoint: z.string().max(1024).optional().describe("host:port of the collector (port 4317 when omitted); deprecated from 2.14 in favour of backendRef."),
      backendRef: BackendRefSchema.optional(),
    })
    .optional(),
});

export const ConfSchema = z.strictObject({ backends: z.array(BackendSchema).max(32).optional() });

export const ToSchema = z.strictObject({ targetRef: TargetRefSchema, default: ConfSchema.optional() });
export const FromSchema = z.strictObject({ targetRef: TargetRefSchema, default: ConfSchema.optional() });

export const MatchSchema = z.strictObject({
  spiffeID: z.strictObject({ type: z.string().max(16), value: z.string().max(2048) }).optional(),
  sni: z.strictObject({ type: z.string().max(16), value: z.string().max(253) }).optional(),
});

export const RuleSchema = z.strictObject({ matches: z.array(MatchSchema).max(64).optional(), default: ConfSchema.optional() });

export const MeshAccessLogSpecSchema = z.strictObject({
  targetRef: TargetRefSchema.optional(),
  to: z.array(ToSchema).max(64).optional().describe("Outgoing traffic: Mesh (every destination, and the passthrough listeners), MeshService, MeshExternalService, MeshMultiZoneService, MeshHTTPRoute."),
  from: z.array(FromSchema).max(64).optional().describe("Incoming traffic (targetRef kind Mesh); removed in 3.0 in favour of rules."),
  rules: z.array(RuleSchema).max(64).optional().describe("2.10+: incoming traffic; 2.14+: each rule may match a client's SPIFFE ID or SNI."),
});

export type MeshAccessLogSpec = z.infer<typeof MeshAccessLogSpecSchema>;
export type MalConf = z.infer<typeof ConfSchema>;
export type MalBackend = z.infer<typeof BackendSchema>;
export type MalFormat = z.infer<typeof FormatSchema>;
export type MalMatch = z.infer<typeof MatchSchema>;
