/** What a check reports, and what the validator answers. */
import type { XdsType } from "../resource-set.js";
import type { EnvoyRuleId, RejectionScope } from "./rules.js";

/** One failed rule: its id and Envoy's message. */
export interface RuleFailure {
  readonly rule: EnvoyRuleId;
  readonly message: string;
}

/** A resource Envoy rejects. */
export interface EnvoyRejection {
  readonly type: XdsType;
  /** The resource's name in the resource set (what MeshProxyPatch matches and provenance records). */
  readonly name: string;
  readonly rule: EnvoyRuleId;
  readonly scope: RejectionScope;
  /** Envoy's message, as Envoy prints it after `<name>: ` in the NACK. */
  readonly message: string;
}
