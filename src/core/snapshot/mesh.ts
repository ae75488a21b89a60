/**
 * The Mesh resource, as far as meshsim models it (kuma `api/mesh/v1alpha1/mesh.proto` @ v2.14.3).
 * Unmodelled Mesh fields (tracing, metrics, constraints, …) are accepted and ignored.
 */
import * as z from "zod";
import type { MeshModel } from "../model/mesh.js";

const str = z.string().max(253);

/** `logging`: the backends legacy TrafficLog refers to (mesh.proto Logging / LoggingBackend). */
const LoggingSchema = z.looseObject({
  defaultBackend: str.optional().describe("Backend a TrafficLog without conf.backend uses."),
  backends: z
    .array(
      z.looseObject({
        name: str.optional(),
        type: str.optional().describe("file or tcp."),
        format: z.string().max(4096).optional().describe("Access log format; Kuma's default when unset."),
        conf: z.looseObject({ path: z.string().max(4096).optional(), address: str.optional() }).optional(),
      }),
    )
    .max(64)
    .optional(),
});
type LoggingSpec = z.infer<typeof LoggingSchema>;

/** Go net.SplitHostPort's acceptance, as Kuma's validateLoggingTcp uses it (host and port non-empty). */
function isHostPort(address: string): boolean {
  let host: string;
  let port: string;
  if (address.startsWith("[")) {
    const end = address.indexOf("]");
    if (end < 0 || address[end + 1] !== ":") return false;
    host = address.slice(1, end);
    port = address.slice(end + 2);
    if (/[[\]]/.test(port)) return false;
  } else {
    const i = address.lastIndexOf(":");
    if (i < 0) return false;
    host = address.slice(0, i);
    port = address.slice(i + 1);
    if (host.includes(":") || /[[\]]/.test(address)) return false;
  }
  return host !== "" && port !== "";
}

/** A Mesh violation as path segments under the spec (zod issue paths). */
interface MeshIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** kuma `pkg/core/resources/apis/mesh/mesh_validator.go` validateLogging (the format grammar is not checked). */
export function loggingIssues(logging: LoggingSpec | undefined): MeshIssue[] {
  const out: MeshIssue[] = [];
  if (!logging) return out;
  const used = new Set<string>();
  (logging.backends ?? []).forEach((b, i) => {
    const at = (...rest: string[]) => ["logging", "backends", i, ...rest];
    const name = b.name ?? "";
    if (name === "") out.push({ path: at("name"), message: "cannot be empty" });
    if (b.type === "file") {
      if (!b.conf?.path) out.push({ path: at("conf", "path"), message: "cannot be empty" });
    } else if (b.type === "tcp") {
      const address = b.conf?.address ?? "";
      if (address === "") out.push({ path: at("conf", "address"), message: "cannot be empty" });
      else if (!isHostPort(address)) out.push({ path: at("conf", "address"), message: "has to be in format of HOST:PORT" });
    } else out.push({ path: at("type"), message: 'unknown backend type. Available backends: "tcp", "file"' });
    if (used.has(name)) out.push({ path: at("name"), message: `${JSON.stringify(name)} name is already used for another backend` });
    used.add(name);
  });
  if (logging.defaultBackend && !used.has(logging.defaultBackend))
    out.push({ path: ["logging", "defaultBackend"], message: "has to be set to one of the logging backend in mesh" });
  return out;
}

export const MeshSpecSchema = z.looseObject({
  networking: z
    .looseObject({
      outbound: z.looseObject({ passthrough: z.boolean().optional().describe("Default true when unset (mesh_helpers.go IsPassthrough).") }).optional(),
    })
    .optional(),
  meshServices: z.looseObject({ mode: z.enum(["Disabled", "Everywhere", "ReachableBackends", "Exclusive"]).optional() }).optional(),
  mtls: z
    .looseObject({
      enabledBackend: str.optional(),
      backends: z.array(z.looseObject({ name: str, type: str.optional(), mode: z.enum(["STRICT", "PERMISSIVE"]).optional() })).max(16).optional(),
    })
    .optional(),
  routing: z.looseObject({ zoneEgress: z.boolean().optional() }).optional(),
  logging: LoggingSchema.optional(),
  skipCreatingInitialPolicies: z
    .array(str)
    .max(64)
    .optional()
    .describe("Default policies kuma-cp did not create with the Mesh: kinds (MeshTimeout, MeshCircuitBreaker, …) or \"*\" for all."),
}).superRefine((spec, ctx) => {
  for (const issue of loggingIssues(spec.logging)) ctx.addIssue({ code: "custom", message: issue.message, path: [...issue.path] });
});
export type MeshSpec = z.infer<typeof MeshSpecSchema>;

export function meshModel(name: string, spec: MeshSpec): MeshModel {
  const enabled = spec.mtls?.enabledBackend;
  const backend = enabled ? spec.mtls?.backends?.find((b) => b.name === enabled) : undefined;
  return {
    name,
    passthrough: spec.networking?.outbound?.passthrough ?? true,
    meshServicesMode: spec.meshServices?.mode ?? "Disabled",
    // STRICT is the proto enum zero, so an enabled backend without a mode is STRICT.
    mtls: enabled ? (backend?.mode ?? "STRICT") : "off",
    zoneEgress: spec.routing?.zoneEgress ?? false,
    logging: {
      defaultBackend: spec.logging?.defaultBackend ?? "",
      backends: (spec.logging?.backends ?? []).map((b) => ({
        name: b.name ?? "",
        type: b.type === "tcp" ? "tcp" : "file",
        format: b.format ?? "",
        path: b.conf?.path ?? "",
        address: b.conf?.address ?? "",
      })),
    },
    ...(spec.skipCreatingInitialPolicies ? { skipCreatingInitialPolicies: spec.skipCreatingInitialPolicies } : {}),
  };
}
