/** Envoy's config validation, as meshsim models it: the rules table, the validator and the accepted config. */
export { ENVOY_RULES, ENVOY_VERSION, envoyRule, type EnvoyRule, type EnvoyRuleId, type RejectionScope } from "./rules.js";
export { acceptedConfig, validateResources, ValidationMemo, type AcceptedConfig, type KeptFrom, type KeptResource } from "./validate.js";
export type { EnvoyRejection, RuleFailure } from "./types.js";
