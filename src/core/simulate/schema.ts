/**
 * The request bodies of the v1 API, as zod schemas. They validate requests and produce the OpenAPI
 * document (`scripts/openapi.ts`), so the two cannot drift.
 */
import * as z from "zod";
import { POLICIES } from "../policies/registry.js";
import { ExpectationSchema, FAIL_ON } from "./expect.js";
import { InboundClientSchema } from "../match/inbound-client.js";
import { RequestToSchema } from "../match/request.js";

export const MAX_RESOURCES = 5000;

const modelled = POLICIES.filter((p) => p.api).map((p) => p.kind);
const defaultsOnly = POLICIES.filter((p) => !p.api).map((p) => p.kind);

const ResourceSchema = z
  .record(z.string().max(253), z.unknown())
  .describe(
    `A Kuma resource in Universal form (type, mesh, name, ...) or Kubernetes form (apiVersion, kind, metadata, spec); \`kind: List\` holds \`items\`. Policies read and applied: ${modelled.join(", ")}.${defaultsOnly.length > 0 ? ` Accepted and ignored, with the defaults their plugins apply without a policy: ${defaultsOnly.join(", ")}.` : ""}`,
  );

export const ResourcesSchema = z.union([
  z.array(ResourceSchema).max(MAX_RESOURCES),
  ResourceSchema.describe(
    "One object: a single resource, a Kubernetes `kind: List` (`kubectl get -o yaml|json`), or a kumactl list (`{items, next, total}`, `kumactl get -o yaml|json`).",
  ),
  z.string().max(1 << 20).describe("One YAML string with one resource per document (`---` separated)."),
]);

export const SimRequestSchema = z.strictObject({
  from: z.string().max(253).optional().describe("Name of the source Dataplane; optional when the snapshot has at most one."),
  to: RequestToSchema,
  ip: z.string().max(64).optional().describe("Address the URL's host resolves to (the connection's original destination)."),
  direction: z.enum(["outbound", "inbound"]).optional().describe("outbound (default): from `from` to `to`; inbound: a client calling the dataplane at `to` (its inbound or application port)."),
  client: InboundClientSchema.optional().describe("Inbound only: who calls (plaintext, its own TLS, or a mesh sidecar with mTLS); default from the URL scheme."),
});

export const ZoneSchema = z
  .strictObject({
    environment: z.enum(["universal", "kubernetes"]).optional().describe("Where the dataplane runs; default universal."),
    apiServer: z
      .strictObject({ address: z.string().max(64), port: z.number().int().min(1).max(65535) })
      .optional()
      .describe("KUBERNETES_SERVICE_HOST/PORT as kuma-cp sees them (for the API-server bypass); default 10.96.0.1:443."),
  })
  .describe("The zone the dataplane runs in (facts the resources do not carry).");

export const RemoveSchema = z
  .array(
    z.strictObject({
      kind: z.string().min(1).max(253).describe("The resource's kind, e.g. MeshProxyPatch."),
      name: z.string().min(1).max(253).describe("Its name (metadata.name in Kubernetes form)."),
      mesh: z.string().max(253).optional().describe("Its mesh; default `default`; not read for a Mesh."),
      namespace: z.string().max(253).optional().describe("Kubernetes form only: its namespace, needed when the name exists in several."),
    }),
  )
  .max(MAX_RESOURCES)
  .describe("What-if deletions of resources of `resources`, applied after `patches`; the answer's `whatIf.removed` lists them.");

export const INCLUDE = ["config", "diff", "trace", "full"] as const;

/** What `full` does, for both bodies' `include` description (and so for the OpenAPI document). */
const FULL_NOTE =
  '`full` answers every long list whole: without it, a list of more than 20 names is answered as its first 20 and its length — a modification\'s `matched` (then `matchedCount` follows it with the number of names matched), and the names a `trace` line lists (the line then ends with `… and N more (include "full" lists all M)`). `full` asks for no field by itself: `[config, diff, trace, full]` is the default answer with every list whole. The query parameter `?full=1` adds `full` to whatever `include` says (or to its default).';

export const SimulateBodySchema = z.strictObject({
  kumaVersion: z.string().max(32).optional().describe('Kuma release, "2.13.4", or a minor, "2.13" (its newest known patch); default: the newest known release. Answers name the release simulated.'),
  resources: ResourcesSchema.optional(),
  patches: ResourcesSchema.optional().describe(
    "What-if resources of any kind meshsim accepts, applied on top of `resources`: one with the same kind, mesh, namespace and name replaces the snapshot's, any other is added. The answer's `whatIf` lists both.",
  ),
  remove: RemoveSchema.optional(),
  zone: ZoneSchema.optional(),
  request: SimRequestSchema,
  include: z
    .array(z.enum(INCLUDE))
    .max(INCLUDE.length)
    .optional()
    .describe(`Which heavy fields to return (config, diff, trace); default all three. ${FULL_NOTE}`),
});
export type SimulateBody = z.infer<typeof SimulateBodySchema>;
export type SimRequest = z.infer<typeof SimRequestSchema>;

export const MAX_BATCH_REQUESTS = 2000;

export const BatchBodySchema = z.strictObject({
  kumaVersion: SimulateBodySchema.shape.kumaVersion,
  resources: SimulateBodySchema.shape.resources,
  patches: SimulateBodySchema.shape.patches,
  remove: SimulateBodySchema.shape.remove,
  zone: SimulateBodySchema.shape.zone,
  requests: z
    .array(SimRequestSchema.extend({ expect: ExpectationSchema.optional().describe("What the result must show; the build fails when it does not.") }))
    .min(1)
    .max(MAX_BATCH_REQUESTS),
  failOn: z
    .array(z.enum(FAIL_ON))
    .max(FAIL_ON.length)
    .optional()
    .describe(
      "Findings that fail every request that meets them, without an expectation per request: a modification status (of a modification that selects the request's dataplane) or a warning code (among the request's warnings and its dataplane's). A request whose `expect` names that modification (or `*`) or that warning code is judged by its `expect` alone.",
    ),
  include: z
    .array(z.enum(INCLUDE))
    .max(INCLUDE.length)
    .optional()
    .describe(`Heavy fields for every result (config, diff, trace); default none. ${FULL_NOTE.replace("is the default answer", "is every heavy field")}`),
});
export type BatchBody = z.infer<typeof BatchBodySchema>;

/** Fields of a simulate or batch body that `/v1/validate` accepts and does not use (the answer's `ignored` names them). */
export const VALIDATE_IGNORES = ["zone", "request", "requests", "failOn", "include"] as const;

const ignoredByValidate = (what: string) => z.unknown().optional().describe(`Accepted so that a ${what} body can be validated as it is; not read (the answer's \`ignored\` says so).`);

export const ValidateBodySchema = z.strictObject({
  kumaVersion: SimulateBodySchema.shape.kumaVersion,
  resources: SimulateBodySchema.shape.resources,
  patches: SimulateBodySchema.shape.patches,
  remove: SimulateBodySchema.shape.remove,
  zone: ignoredByValidate("simulate or batch"),
  request: ignoredByValidate("simulate"),
  requests: ignoredByValidate("batch"),
  failOn: ignoredByValidate("batch"),
  include: ignoredByValidate("simulate or batch"),
});
export type ValidateBody = z.infer<typeof ValidateBodySchema>;

export const UpgradeBodySchema = z.strictObject({
  fromVersion: z.string().max(32).describe('The release the snapshot runs on now: "2.13.4", a minor "2.13" (its newest known patch), or "3.0" (the 3.0 line\'s commit).'),
  toVersion: z.string().max(32).describe("The release to compare with, in the same forms; older or the same is allowed (the same release answers no changes)."),
  resources: SimulateBodySchema.shape.resources,
  patches: SimulateBodySchema.shape.patches,
  remove: SimulateBodySchema.shape.remove,
  zone: SimulateBodySchema.shape.zone,
  requests: BatchBodySchema.shape.requests
    .optional()
    .describe("Requests walked at both releases (`expect` is checked at toVersion); default: probes derived from the snapshot (each MeshPassthrough entry, each in-mesh destination, one unlisted external host, one inbound port per dataplane), listed in `assumptions`."),
});
export type UpgradeBody = z.infer<typeof UpgradeBodySchema>;

/** What `include` adds to an impact answer: every resource name and every RFC 6902 operation, not only the first ones. */
export const IMPACT_INCLUDE = ["resources"] as const;

export const ImpactBodySchema = z.strictObject({
  kumaVersion: SimulateBodySchema.shape.kumaVersion,
  resources: SimulateBodySchema.shape.resources,
  patches: SimulateBodySchema.shape.patches.describe(
    "The what-if resources: simulated on top of `resources` (the same kind, mesh, namespace and name replaces, any other is added) and compared with `resources` without them.",
  ),
  remove: SimulateBodySchema.shape.remove,
  zone: SimulateBodySchema.shape.zone,
  requests: BatchBodySchema.shape.requests
    .optional()
    .describe(
      "Requests walked with and without the what-ifs (`expect` is checked with them); default: probes derived from both snapshots for the dataplanes a what-if reaches (each MeshPassthrough entry, each in-mesh destination, one unlisted external host, one inbound port per dataplane), listed in `assumptions`.",
    ),
  dataplanes: z
    .array(z.string().min(1).max(253))
    .max(MAX_RESOURCES)
    .optional()
    .describe("Dataplanes to compare, as `from` names them (name, `<name>.<namespace>` or `<mesh>/<name>`); default every dataplane of the snapshot."),
  include: z
    .array(z.enum(IMPACT_INCLUDE))
    .max(IMPACT_INCLUDE.length)
    .optional()
    .describe("`resources`: every added, removed and changed resource and every operation of each; default the count and the first 10 of each list."),
});
export type ImpactBody = z.infer<typeof ImpactBodySchema>;
/** The protocols a passthrough-plan destination may name: MeshPassthrough's, less mysql (its entries need a port and turn the inspectors off). */
export const PLAN_PROTOCOLS = ["tcp", "tls", "http", "http2", "grpc"] as const;
export type PlanProtocol = (typeof PLAN_PROTOCOLS)[number];

export const PlanDestinationSchema = z
  .strictObject({
    host: z.string().min(1).max(253).optional().describe("The hostname the application calls (TLS SNI, HTTP Host); needed for a Domain entry."),
    ip: z.string().max(64).optional().describe("The address it connects to (the original destination); needed for tcp and for an IP entry."),
    port: z.number().int().min(1).max(65535),
    protocol: z.enum(PLAN_PROTOCOLS).optional().describe("As a MeshPassthrough entry names it; default tcp."),
  })
  .describe("A destination the dataplanes reach through the passthrough cluster today.");

export const PassthroughPlanBodySchema = z.strictObject({
  kumaVersion: SimulateBodySchema.shape.kumaVersion,
  resources: SimulateBodySchema.shape.resources,
  patches: SimulateBodySchema.shape.patches,
  remove: SimulateBodySchema.shape.remove,
  zone: SimulateBodySchema.shape.zone,
  from: z.string().max(253).optional().describe("The source Dataplane; default: every dataplane of the snapshot (the default sidecar when it has none)."),
  destinations: z
    .array(
      z.union([
        PlanDestinationSchema,
        z.string().max(8192).describe("An Envoy access-log line of the passthrough listener in Kuma's default format (network or HTTP); its upstream host gives ip and port, an HTTP line's authority the host."),
      ]),
    )
    .min(1)
    .max(MAX_BATCH_REQUESTS)
    .describe("What goes through the passthrough cluster today."),
});
export type PassthroughPlanBody = z.infer<typeof PassthroughPlanBodySchema>;
