/**
 * Envoy's wording for a proto constraint (protoc-gen-validate) failure: `MessageUtil::validate` throws
 * `ProtoValidationException` "Proto constraint validation failed (<PGV error>): <the message in text form>"
 * (envoyproxy/envoy@v1.38.2 source/common/protobuf/utility.cc), where a nested failure reads
 * `<Msg>ValidationError.<Field>: embedded message failed validation | caused by <inner>` (PGV's C++ templates).
 * meshsim renders the part in parentheses; Envoy's trailing text form of the whole config is left out.
 */

/** One step of the path to the failing field: the message type and the field in PGV's CamelCase (with `[i]` for a list item). */
export interface PgvStep {
  readonly message: string;
  readonly field: string;
}

/** `ListenerValidationError.Address: embedded message failed validation | caused by …`, ending with the leaf. */
export function pgvError(path: readonly PgvStep[], leaf: string): string {
  const parts = path.map((s, i) => (i === path.length - 1 ? `${s.message}ValidationError.${s.field}: ${leaf}` : `${s.message}ValidationError.${s.field}: embedded message failed validation`));
  return `Proto constraint validation failed (${parts.join(" | caused by ")})`;
}

/** A required oneof left unset: PGV names the oneof in snake case. */
export function pgvRequiredOneof(path: readonly PgvStep[], oneof: string): string {
  const leaf = `field: "${oneof}", reason: is required`;
  if (path.length === 0) return `Proto constraint validation failed (${leaf})`;
  const parts = path.map((s) => `${s.message}ValidationError.${s.field}: embedded message failed validation`);
  return `Proto constraint validation failed (${[...parts, leaf].join(" | caused by ")})`;
}

/** PGV's leaf messages for the rules meshsim checks. */
export const PGV = {
  minLen1: "value length must be at least 1 characters",
  minItems1: "value must contain at least 1 item(s)",
  required: "value is required",
  lte65535: "value must be less than or equal to 65535",
  portRange: "value must be inside range [1, 65535]",
  durationGt0: "value must be greater than 0s",
} as const;
