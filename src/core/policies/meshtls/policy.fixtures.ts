/**
 * Hand-written fixtures for the inbound and MeshTLS tests (generate/inbound, match/inbound, policies/meshtls).
 * No Kuma golden is copied: values are typed from reading them.
 * `dataplaneModel` does not carry servicePort / serviceAddress / name yet, so `inboundDataplane` adds them
 * back from the spec, as the pipeline will once the model has them.
 */
import { dataplaneModel, type DataplaneSpec } from "../../snapshot/dataplane.js";
import { meshModel } from "../../snapshot/mesh.js";
import { type MeshModel } from "../../model/mesh.js";
import { applyStrictInboundPorts, generateInbound, type InboundDataplane, type InboundOptions } from "../../generate/inbound.js";
import { generateTransparentProxy } from "../../generate/transparent-proxy.js";
import { type TransparentProxyPlan } from "../../model/transparent-proxy.js";
import { meshTls as meshTlsPolicy } from "./index.js";
import type { MeshTlsSpec } from "./api.js";
import type { PolicyResource } from "../../model/policy.js";
import { features, type KumaMinor } from "../../model/versions.js";
import type { ResourceSet } from "../../xds/resource-set.js";
import { traceTexts } from "../../model/trace-line.js";

export function inboundDataplane(name: string, mesh: string, spec: Record<string, unknown>): InboundDataplane {
  const s = spec as DataplaneSpec;
  const dp = dataplaneModel(name, mesh, {}, s);
  const raw = s.networking.inbound ?? [];
  return {
    ...dp,
    inbounds: dp.inbounds.map((i, k) => ({
      ...i,
      ...(raw[k]?.servicePort !== undefined ? { servicePort: raw[k]!.servicePort! } : {}),
      ...(raw[k]?.serviceAddress !== undefined ? { serviceAddress: raw[k]!.serviceAddress! } : {}),
      ...(raw[k]?.name !== undefined ? { name: raw[k]!.name! } : {}),
    })),
  };
}

/** A Mesh with the builtin CA backend `ca-1` in `mode` (or mTLS off). */
export function mesh(mode: "off" | "STRICT" | "PERMISSIVE", name = "default", extra: Record<string, unknown> = {}): MeshModel {
  return meshModel(name, (mode === "off" ? extra : { ...extra, mtls: { enabledBackend: "ca-1", backends: [{ name: "ca-1", type: "builtin", mode }] } }) as never);
}

/** The Dataplane of Kuma's inbound-proxy test cases 6 and 7 (inbound-proxy-{6,7}-dataplane.input.yaml), retyped. */
export const GOLDEN_DP_SPEC = {
  networking: {
    transparentProxying: { redirectPortOutbound: 15001, redirectPortInbound: 15006 },
    address: "192.168.0.1",
    inbound: [
      { port: 80, servicePort: 8080, tags: { "kuma.io/service": "backend1", "kuma.io/protocol": "http" } },
      { port: 443, servicePort: 8443, tags: { "kuma.io/service": "backend2" } },
      { address: "192.168.0.2", port: 80, servicePort: 8080, tags: { "kuma.io/service": "backend3", "kuma.io/protocol": "http" } },
      { address: "192.168.0.2", port: 443, servicePort: 8443, tags: { "kuma.io/service": "backend4" } },
      { address: "127.0.0.1", port: 8080, servicePort: 1234, tags: { "kuma.io/service": "loopback" } },
      { address: "::1", port: 8081, servicePort: 12345, tags: { "kuma.io/service": "loopbackv6" } },
    ],
  },
};

/** A MeshTLS policy as the pipeline hands it to the plugin (Universal form, producer-less role). */
export function meshTls(name: string, spec: MeshTlsSpec, meshName = "default"): PolicyResource {
  return {
    envelope: { kind: "MeshTLS", name, mesh: meshName, form: "universal", namespace: undefined, labels: {}, specPath: "resources[0].spec", spec, path: "resources[0]", status: undefined },
    spec,
    role: "workload-owner",
    whatIf: false,
  };
}

export interface Built {
  readonly resources: ResourceSet;
  readonly plan: TransparentProxyPlan;
  readonly warnings: readonly { code: string; message: string }[];
  readonly trace: readonly string[];
}

/**
 * The generation stages in Kuma's order, as the pipeline is expected to run them: TransparentProxyGenerator
 * (+ strict inbound ports), InboundProxyGenerator with the Mesh's mode, then the MeshTLS plugin (order 300)
 * when MeshTLS policies select the dataplane.
 */
export function build(dp: InboundDataplane, m: MeshModel, opts: { minor?: KumaMinor; policies?: readonly PolicyResource[]; inbound?: InboundOptions; workloadIdentity?: boolean } = {}): Built {
  const f = features(opts.minor ?? "2.14");
  const tp = generateTransparentProxy(dp, m, f);
  const strict = applyStrictInboundPorts(tp.resources, dp, m, f, tp.plan, opts.workloadIdentity);
  const inb = generateInbound(dp, m, f, m.mtls, opts.inbound);
  let rs: ResourceSet = [...strict.resources, ...inb.resources];
  const warnings: { code: string; message: string }[] = [];
  const trace = [...strict.trace, ...inb.trace];
  if (opts.policies && opts.policies.length > 0) {
    const out = meshTlsPolicy.plugin!.apply(rs, { features: f, dataplane: dp, mesh: m, transparentProxy: tp.plan, policies: opts.policies, workloadIdentity: opts.workloadIdentity });
    rs = out.resources;
    warnings.push(...out.warnings);
    trace.push(...traceTexts(out.trace, true));
  }
  return { resources: rs, plan: tp.plan, warnings, trace };
}
