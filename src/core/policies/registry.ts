/**
 * Every policy plugin meshsim runs, in any order (the pipeline sorts by Kuma's plugin order).
 * Adding a policy: write its folder, add one line here.
 */
import { meshCircuitBreakerDefaultPlugin } from "./meshcircuitbreaker/plugin.js";
import { plugin as meshPassthrough } from "./meshpassthrough/index.js";
import { plugin as meshProxyPatch } from "./meshproxypatch/index.js";
import { plugin as meshTls } from "./meshtls/index.js";
import { meshTimeoutDefaultPlugin } from "./meshtimeout/plugin.js";
import type { PolicyKind, PolicyPlugin } from "./types.js";

export const PLUGINS: readonly PolicyPlugin[] = [meshCircuitBreakerDefaultPlugin, meshPassthrough, meshProxyPatch, meshTimeoutDefaultPlugin, meshTls].slice().sort((a, b) => a.order - b.order);

/** Policy kinds meshsim parses and validates, by kind name. */
export const POLICY_KINDS: ReadonlyMap<string, PolicyKind<unknown>> = new Map(
  PLUGINS.flatMap((p) => (p.kind ? [[p.kind.kind, p.kind] as const] : [])),
);
