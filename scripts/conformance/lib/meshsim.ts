/**
 * Running meshsim's core on inputs built for a golden. Inputs are written the way a meshsim user
 * writes them (Universal resources, `meshsim: {features}` for kuma-dp features) and go through the same
 * zod schemas the API uses, so a case can only use what meshsim actually accepts.
 */
import type { TrafficLogModel } from "../../../src/core/model/traffic-log.js";
import { applyStrictInboundPorts } from "../../../src/core/generate/inbound.js";
import { generateTransparentProxy } from "../../../src/core/generate/transparent-proxy.js";
import { validateResources } from "../../../src/core/xds/validate/index.js";
import { simulate } from "../../../src/core/simulate/simulate.js";
import type { SimulateBody } from "../../../src/core/simulate/schema.js";
import { DataplaneSpecSchema, dataplaneModel } from "../../../src/core/snapshot/dataplane.js";
import { type DataplaneModel } from "../../../src/core/model/dataplane.js";
import { MeshSpecSchema, meshModel } from "../../../src/core/snapshot/mesh.js";
import { type MeshModel } from "../../../src/core/model/mesh.js";
import { features, type KumaMinor, type Release } from "../../../src/core/model/versions.js";
import { renderConfig, type EnvoyConfig, type ResourceSet } from "../../../src/core/xds/resource-set.js";
import type { ResourceEntry } from "./compare.js";

export function dataplane(name: string, mesh: string, spec: unknown): DataplaneModel {
  const r = DataplaneSpecSchema.safeParse(spec);
  if (!r.success) throw new Error(`meshsim rejects the Dataplane built for this golden: ${r.error.message}`);
  return dataplaneModel(name, mesh, {}, r.data);
}

export function mesh(name: string, spec: unknown): MeshModel {
  const r = MeshSpecSchema.safeParse(spec);
  if (!r.success) throw new Error(`meshsim rejects the Mesh built for this golden: ${r.error.message}`);
  return meshModel(name, r.data);
}

/**
 * TransparentProxyGenerator alone, as Kuma's `transparent_proxy_generator_test.go` runs it. meshsim splits
 * Kuma's generator in two: `generateTransparentProxy()`, then `applyStrictInboundPorts()` (the strict branch
 * of CreateInboundPassthroughListener, 2.13+; a no-op without feature-strict-inbound-ports and Mesh mTLS
 * STRICT, or from 3.0 a workload identity: the test's `proxy.WorkloadIdentity`). `notes` carries what meshsim warns about the result (an Envoy NACK).
 */
export function runGenerator(
  dp: DataplaneModel,
  m: MeshModel,
  minor: KumaMinor | Release,
  trafficLogs?: Readonly<Record<string, TrafficLogModel>>,
  workloadIdentity = false,
): { resources: ResourceSet; notes: string[] } {
  const f = features(minor);
  const gen = generateTransparentProxy(dp, m, f, trafficLogs);
  const strict = applyStrictInboundPorts(gen.resources, dp, m, f, gen.plan, workloadIdentity);
  return { resources: strict.resources, notes: validateResources(strict.resources).map((r) => `meshsim warns: Envoy rejects ${r.type} ${r.name}: ${r.message}`) };
}

/** The whole pipeline (`simulate()` with `include: ["config"]`); the config Kuma would send. */
export function runPipeline(body: Omit<SimulateBody, "include">): EnvoyConfig {
  const out = simulate({ ...body, include: ["config"] });
  if (!out.ok) throw new Error(`meshsim rejects the input built for this golden: ${out.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`);
  if (out.result.verdict === "config-error") throw new Error(`meshsim reports a config error: ${out.result.reason.message}`);
  if (!out.result.config) throw new Error("simulate() returned no config");
  return out.result.config;
}

/** Rendered config → entries in the Delta-response shape (each resource carries its `@type`). */
export function configEntries(config: EnvoyConfig): ResourceEntry[] {
  return [...config.listeners, ...config.clusters].map((r) => {
    const typeUrl = r["@type"];
    const name = r["name"];
    if (typeof typeUrl !== "string" || typeof name !== "string") throw new Error("meshsim rendered a resource without @type or name");
    return { typeUrl, name, value: r };
  });
}

export function resourceSetEntries(rs: ResourceSet): ResourceEntry[] {
  return configEntries(renderConfig(rs));
}

/** Entries in the shape of an e2e dump: the type is the map key, the resource has no `@type`. */
export function inspectShape(entries: readonly ResourceEntry[]): ResourceEntry[] {
  return entries.map((e) => {
    const { "@type": _type, ...rest } = e.value as Record<string, unknown>;
    return { ...e, value: rest };
  });
}

/** Names of the resources the transparent-proxy generator owns, in either naming scheme. */
export const PASSTHROUGH_NAME = /^(outbound:passthrough:|inbound:passthrough:|self_transparentproxy_)/;

export function passthroughOnly(entries: readonly ResourceEntry[]): ResourceEntry[] {
  return entries.filter((e) => PASSTHROUGH_NAME.test(e.name));
}
