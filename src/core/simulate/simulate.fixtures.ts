/**
 * Hand-written resources for the simulate layer's tests (dataplane selection, request walks, endpoints). Universal
 * form, as a user would write them; nothing is copied from a Kuma golden or from meshsim's output.
 */
import { prepare, type Prepared } from "./prepare.js";

/** A transparent-proxied sidecar (IPv4) with one inbound `service` on `port`. */
export function sidecar(name: string, address: string, service: string, port: number, extra: { mesh?: string; reachableServices?: string[] } = {}): Record<string, unknown> {
  return {
    type: "Dataplane",
    mesh: extra.mesh ?? "default",
    name,
    networking: {
      address,
      inbound: [{ port, tags: { "kuma.io/service": service } }],
      transparentProxying: {
        redirectPortInbound: 15006,
        redirectPortOutbound: 15001,
        ipFamilyMode: "IPv4",
        ...(extra.reachableServices ? { reachableServices: extra.reachableServices } : {}),
      },
    },
  };
}

/** A Mesh with no spec (Kuma's defaults: passthrough on, mTLS off). */
export function mesh(name = "default", spec: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: "Mesh", name, ...spec };
}

/** `prepare` that must succeed. */
export function prepared(resources: Record<string, unknown>[], kumaVersion?: string): Prepared {
  const p = prepare({ ...(kumaVersion ? { kumaVersion } : {}), resources });
  if ("errors" in p) throw new Error(JSON.stringify(p.errors));
  return p.prepared;
}
