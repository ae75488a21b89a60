/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate requests.
 * `npm run openapi` writes it to openapi.yaml; a test fails when the checked-in file drifts.
 */
import * as z from "zod";
import { stringify } from "yaml";
import { BatchBodySchema, ImpactBodySchema, PassthroughPlanBodySchema, SimulateBodySchema, UpgradeBodySchema, ValidateBodySchema } from "../core/simulate/schema.js";
import { SITUATIONS } from "../core/simulate/passthrough-plan.js";
import { NOTE_CLASSES } from "../core/simulate/upgrade.js";
import { SUPPORTED_MINORS } from "../core/model/versions.js";
import { MOD_KINDS, MODIFICATION_STATUSES } from "../core/model/modification.js";
import { WARNING_CODES } from "../core/warnings.js";
import { LINT_RULES } from "../core/policies/meshpassthrough/lint.js";

const problem = {
  description: "RFC 9457 problem details; `errors[].path` points into the request.",
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
};

/** A private deployment's answer without a matching bearer token (src/http/auth.ts). */
const unauthorized = {
  description: "Only when the deployment is private (the MESHSIM_TOKEN secret is set): no `Authorization: Bearer <token>`, or a token that does not match. The page, its script and GET /healthz stay public.",
  headers: { "WWW-Authenticate": { description: 'Bearer realm="meshsim" (with error="invalid_token" for a wrong token).', schema: { type: "string" } } },
  content: problem.content,
};

/** The per-client rate limit's answer (src/http/rate-limit.ts). */
const tooMany = {
  description: "The client (CF-Connecting-IP) used up its quota: one unit per request, a batch by its size. Limits are set in wrangler.toml.",
  headers: {
    "Retry-After": { description: "Seconds until the quota resets.", schema: { type: "integer" } },
    "RateLimit-Policy": { description: 'draft-ietf-httpapi-ratelimit-headers: the quota and window, e.g. "per-client";q=60;w=60.', schema: { type: "string" } },
    RateLimit: { description: 'draft-ietf-httpapi-ratelimit-headers: what remains and when it resets, e.g. "per-client";r=0;t=60.', schema: { type: "string" } },
  },
  content: problem.content,
};

/** The 4xx answers every POST endpoint can give. */
const POST_ERRORS = { "400": problem, "401": unauthorized, "413": problem, "415": problem, "422": problem, "429": tooMany };

export function openApiDocument(): Record<string, unknown> {
  const schema = (s: z.ZodType) => {
    const out = z.toJSONSchema(s, { target: "draft-2020-12", unrepresentable: "any" }) as Record<string, unknown>;
    delete out["$schema"];
    return out;
  };
  const body = schema(SimulateBodySchema);
  const batch = schema(BatchBodySchema);
  const validate = schema(ValidateBodySchema);
  const upgrade = schema(UpgradeBodySchema);
  const impact = schema(ImpactBodySchema);
  const passthroughPlan = schema(PassthroughPlanBodySchema);
  const formatParam = {
    name: "format",
    in: "query",
    required: false,
    description:
      "`markdown`: the short chat answer (as with Accept: text/markdown); `slack`: a Slack Block Kit message (JSON with mrkdwn text; Slack renders no Markdown tables or headings); `json` (or no parameter): the JSON answer, whatever Accept says. Any other value is a 400 naming these three.",
    schema: { type: "string", enum: ["json", "markdown", "slack"] },
  };
  const jsonOnlyFormatParam = {
    name: "format",
    in: "query",
    required: false,
    description: "This route answers in JSON only: `json` or no parameter. `markdown`, `slack` or any other value is a 400 (the chat forms are on /v1/simulate, /v1/simulate/batch, /v1/upgrade, /v1/impact and /v1/passthrough-plan).",
    schema: { type: "string", enum: ["json"] },
  };
  const fullParam = {
    name: "full",
    in: "query",
    required: false,
    description:
      '`1` or `true`: every long list whole, as `include: [..., full]` asks (the body\'s `include` or its default still names the heavy fields). Without it, a list of more than 20 names holds its first 20: a modification\'s `matched` (with `matchedCount`) and the names a `trace` line lists (ending with `… and N more`).',
    schema: { type: "string", enum: ["1", "true", "0", "false"] },
  };
  const slack = { $ref: "#/components/schemas/SlackMessage" };
  const markdown = { "text/markdown": { schema: { type: "string", description: "A short answer for chat (Accept: text/markdown or ?format=markdown), under 40 lines." } } };
  return {
    openapi: "3.1.0",
    info: {
      title: "meshsim",
      version: "1.0.0",
      description: "Simulates what a Kuma / Kong Mesh sidecar's Envoy does with a connection: verdict, listener, filter chain, cluster, limits with provenance, and the fully patched Envoy config.",
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    servers: [{ url: "http://127.0.0.1:8787", description: "wrangler dev" }],
    // Anonymous by default; a private deployment (MESHSIM_TOKEN set) asks for a bearer token.
    security: [{}, { bearer: [] }],
    tags: [{ name: "simulate", description: "Simulations" }, { name: "meta", description: "Service metadata" }],
    paths: {
      "/v1/simulate": {
        post: {
          operationId: "simulate",
          tags: ["simulate"],
          summary: "Simulate one connection from a dataplane",
          parameters: [formatParam, fullParam],
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/SimulateRequest" } }, "application/yaml": { schema: { $ref: "#/components/schemas/SimulateRequest" } } },
          },
          responses: {
            "200": { description: "The simulation result, whatever the verdict.", content: { "application/json": { schema: { oneOf: [{ $ref: "#/components/schemas/SimulationResult" }, slack] } }, ...markdown } },
            ...POST_ERRORS,
          },
        },
      },
      "/v1/simulate/batch": {
        post: {
          operationId: "simulateBatch",
          tags: ["simulate"],
          summary: "Simulate many requests against one snapshot, with expectations (for CI)",
          parameters: [formatParam, fullParam],
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/BatchRequest" } }, "application/yaml": { schema: { $ref: "#/components/schemas/BatchRequest" } } },
          },
          responses: {
            "200": {
              description: "One result per request with its expectation outcome, and a summary. A CI job fails when summary.failed > 0.",
              content: { "application/json": { schema: { oneOf: [{ $ref: "#/components/schemas/BatchResult" }, slack] } }, ...markdown },
            },
            ...POST_ERRORS,
          },
        },
      },
      "/v1/upgrade": {
        post: {
          operationId: "upgrade",
          tags: ["simulate"],
          summary: "What moving a snapshot from one Kuma release to another changes for its traffic and patches",
          parameters: [formatParam],
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/UpgradeRequest" } }, "application/yaml": { schema: { $ref: "#/components/schemas/UpgradeRequest" } } },
          },
          responses: {
            "200": {
              description: "Both releases simulated: per request before/after and what changed with why, modification statuses, renamed resources, upgrade notes, and a summary (breaking: true when a verdict or limit changes or an applied modification stops applying).",
              content: { "application/json": { schema: { oneOf: [{ $ref: "#/components/schemas/UpgradeResult" }, slack] } }, ...markdown },
            },
            ...POST_ERRORS,
          },
        },
      },
      "/v1/impact": {
        post: {
          operationId: "impact",
          tags: ["simulate"],
          summary: "What a what-if change (patches, remove) does to every dataplane of a snapshot",
          parameters: [formatParam],
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/ImpactRequest" } }, "application/yaml": { schema: { $ref: "#/components/schemas/ImpactRequest" } } },
          },
          responses: {
            "200": {
              description: "The snapshot simulated without and with its what-ifs at one release: per dataplane whether its config changes, the resources added, removed and changed (RFC 6902), the modifications and requests that change, and a summary (breaking as in /v1/upgrade).",
              content: { "application/json": { schema: { oneOf: [{ $ref: "#/components/schemas/ImpactResult" }, slack] } }, ...markdown },
            },
            ...POST_ERRORS,
          },
        },
      },
      "/v1/passthrough-plan": {
        post: {
          operationId: "passthroughPlan",
          tags: ["simulate"],
          summary: "Which destinations seen today turning passthrough off would block, and a MeshPassthrough that keeps them working",
          parameters: [formatParam],
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/PassthroughPlanRequest" } }, "application/yaml": { schema: { $ref: "#/components/schemas/PassthroughPlanRequest" } } },
          },
          responses: {
            "200": {
              description: "The destinations blocked with Mesh networking.outbound.passthrough false or MeshPassthrough Matched without an entry, those needing no entry and why, the MeshPassthrough (Universal and Kubernetes YAML) admitted by meshsim's checks, and the proof (every destination re-simulated with it). summary.covered is false, and problems says why, when something stays blocked or the release has no MeshPassthrough (before 2.8: alternatives).",
              content: { "application/json": { schema: { oneOf: [{ $ref: "#/components/schemas/PassthroughPlanResult" }, slack] } }, ...markdown },
            },
            ...POST_ERRORS,
          },
        },
      },
      "/v1/validate": {
        post: {
          operationId: "validate",
          tags: ["simulate"],
          summary: "Validate a snapshot as Kuma's admission would, without simulating",
          parameters: [jsonOnlyFormatParam],
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/ValidateRequest" } }, "application/yaml": { schema: { $ref: "#/components/schemas/ValidateRequest" } } },
          },
          responses: {
            "200": {
              description: "The snapshot is valid: resources read by kind, warnings, assumptions.",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    required: ["valid", "kumaVersion", "resources", "warnings", "assumptions"],
                    properties: {
                      valid: { type: "boolean", const: true },
                      kumaVersion: { type: "string" },
                      resources: { type: "object", additionalProperties: { type: "integer" } },
                      warnings: { type: "array", items: { type: "object" } },
                      assumptions: { type: "array", items: { type: "string" } },
                      whatIf: { $ref: "#/components/schemas/WhatIf" },
                      ignored: {
                        type: "object",
                        description: "Only for a simulate or batch body: the fields accepted but not checked, and a note saying where to send them.",
                        required: ["fields", "note"],
                        properties: { fields: { type: "array", items: { type: "string" } }, note: { type: "string" } },
                      },
                    
                      lint: {
                        type: "array",
                        description:
                          "Only when the snapshot has a MeshPassthrough (empty when clean): its lint at this release. Entries that never match or lose traffic to a more specific one (with a probe request, run through the simulator), pairs Kuma's generator refuses or Envoy rejects, duplicates and domains that differ only by case or a trailing dot.",
                        items: { $ref: "#/components/schemas/LintFinding" },
                      },
                    },
                  },
                },
              },
            },
            ...POST_ERRORS,
          },
        },
      },
      "/v1/versions": {
        get: {
          operationId: "versions",
          tags: ["meta"],
          summary: "Supported Kuma minors and how they differ",
          responses: { "200": { description: `One row per minor (${SUPPORTED_MINORS.join(", ")}).`, content: { "application/json": { schema: { type: "object" } } } }, "401": unauthorized, "429": tooMany, "4XX": problem },
        },
      },
      "/healthz": {
        get: { operationId: "healthz", tags: ["meta"], summary: "Liveness", security: [], responses: { "200": { description: "OK", content: { "application/json": { schema: { type: "object" } } } }, "4XX": problem } },
      },
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "Only on a private deployment (`wrangler secret put MESHSIM_TOKEN`)." } },
      schemas: {
        SimulateRequest: body,
        LintFinding: {
          type: "object",
          required: ["rule", "severity", "policy", "path", "message", "source"],
          properties: {
            rule: { type: "string", enum: [...LINT_RULES] },
            severity: { type: "string", enum: ["error", "warning", "info"], description: "error: Kuma or Envoy refuses the config, or the entry never matches; warning: the entry loses traffic (closed) or adds nothing; info: its traffic passes through another entry." },
            policy: { type: "object", required: ["kind", "mesh", "name"], properties: { kind: { type: "string" }, mesh: { type: "string" }, name: { type: "string" } } },
            path: { type: "string", description: "The entry in the request, e.g. resources[2].spec.default.appendMatch[1]." },
            message: { type: "string" },
            source: { type: "string", description: "The Kuma file at the release's tag, or the Envoy documentation or source, the rule comes from." },
            related: { type: "object", required: ["path"], properties: { path: { type: "string" } }, description: "The other entry: the one that shadows, collides or came first." },
            probe: {
              type: "object",
              required: ["request", "entryCluster"],
              properties: {
                request: { type: "object", description: "A request for POST /v1/simulate (add `from`) that shows the finding.", properties: { to: {}, ip: { type: "string" } } },
                entryCluster: { type: "string", description: "The cluster of the entry's own chain, which the request does not reach." },
              },
            },
            proof: {
              type: "object",
              required: ["status"],
              description: "The probe run through the simulator from a dataplane the policy selects. confirmed: it does not reach entryCluster; not-confirmed: it does (the finding stays); no-dataplane: no dataplane of the snapshot is selected.",
              properties: {
                status: { type: "string", enum: ["confirmed", "not-confirmed", "no-dataplane"] },
                dataplane: { type: "string" },
                verdict: { type: "string" },
                filterChain: { type: ["string", "null"] },
                cluster: { type: ["string", "null"] },
                message: { type: "string" },
              },
            },
          },
        },
        SimulationResult: {
          type: "object",
          description: "See the README for every field.",
          required: ["kumaVersion", "dataplane", "verdict", "reason", "listener", "filterChain", "route", "cluster", "limits", "policies", "modifications", "warnings", "assumptions"],
          properties: {
            kumaVersion: { type: "string" },
            dataplane: { type: "string", description: "The simulated dataplane (source for outbound, receiver for inbound)." },
            verdict: { type: "string", enum: ["passthrough", "blocked", "mesh", "direct", "accepted", "config-error"] },
            reason: { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" } } },
            how: { type: ["string", "null"], enum: ["plaintext", "tls-passthrough", "mesh-mtls", null], description: "Inbound only: how an accepted connection reaches the application." },
            listener: { type: ["object", "null"], properties: { name: { type: "string" }, address: { type: "string" } } },
            filterChain: { type: ["object", "null"], properties: { index: { type: ["integer", "string"] }, name: { type: ["string", "null"] } } },
            route: { type: ["object", "null"] },
            cluster: { type: ["object", "null"], properties: { name: { type: "string" }, type: { type: ["string", "null"] } } },
            limits: {
              type: "object",
              description:
                "Each limit is {value, source}; source is kuma, envoy-default or <policy>#<modification index>. `accessLogs` is a list of {value: {logger, path?, cluster?, format?}, source}: the access loggers of the filter the connection went through, source the MeshAccessLog entry (<policy>#to[0], #from[0], #rules[0]), TrafficLog/<name>, a modification or kuma.",
            },
            policies: { type: "array", items: { type: "object" } },
            modifications: { type: "array", items: { $ref: "#/components/schemas/Modification" } },
            warnings: { type: "array", items: { type: "object", properties: { code: { type: "string" }, message: { type: "string" } } } },
            assumptions: { type: "array", items: { type: "string" } },
            whatIf: { $ref: "#/components/schemas/WhatIf" },
            trace: {
              type: "array",
              items: { type: "string" },
              description: 'How Kuma built the config and Envoy walked the connection, one step a line. A line that lists more than 20 names lists its first 20 and ends with `… and N more (include "full" lists all M)`, unless `include` has `full` or the query says `?full=1`.',
            },
            config: { type: "object", properties: { listeners: { type: "array", items: { type: "object" } }, clusters: { type: "array", items: { type: "object" } } } },
            diff: { type: "array", items: { type: "object" } },
          },
        },
        PassthroughPlanRequest: passthroughPlan,
        PassthroughPlanResult: passthroughPlanResult(),
        Modification: {
          type: "object",
          description: "One MeshProxyPatch or ProxyTemplate modification and what it did to this dataplane's config.",
          required: ["source", "policy", "policyIndex", "index", "kind", "operation", "status", "matched", "hints"],
          properties: {
            source: { type: "string", description: "`<policy>#<index in its appendModifications>`; the `source` of limits it wrote." },
            policy: { type: "string" },
            policyIndex: { type: "integer" },
            index: { type: "integer", description: "Index in the merged list Kuma applies (Kuma's error messages count this one)." },
            kind: { type: "string", enum: [...MOD_KINDS] },
            operation: { type: "string" },
            status: { type: "string", enum: [...MODIFICATION_STATUSES] },
            matched: {
              type: "array",
              items: { type: "string" },
              description: 'What it matched, e.g. `cluster outbound:passthrough:ipv4`. More than 20: the first 20, and `matchedCount` says how many, unless `include` has `full` or the query says `?full=1`.',
            },
            matchedCount: { type: "integer", description: "Only when `matched` was cut to its first 20: how many it matched." },
            message: { type: "string" },
            hints: { type: "array", items: { type: "string" } },
          },
        },
        UpgradeRequest: upgrade,
        UpgradeResult: {
          type: "object",
          required: ["fromVersion", "toVersion", "requests", "modifications", "resources", "notes", "summary", "assumptions"],
          properties: {
            fromVersion: { type: "string", description: "The release simulated first: a patch release, or the commit a line follows (3.0.0-dev+348b6528bc)." },
            toVersion: { type: "string" },
            requests: {
              type: "array",
              items: {
                type: "object",
                required: ["dataplane", "request", "before", "after", "changes", "expectation"],
                properties: {
                  dataplane: { type: "string" },
                  request: { type: "object" },
                  before: { type: "object", required: ["verdict", "reason", "listener", "cluster", "limits"], properties: { verdict: { type: "string" }, reason: { type: "string" }, listener: { type: ["string", "null"] }, cluster: { type: ["string", "null"] }, limits: { type: "object", description: "As SimulationResult.limits: each {value, source}." } } },
                  after: { type: "object", required: ["verdict", "reason", "listener", "cluster", "limits"], properties: { verdict: { type: "string" }, reason: { type: "string" }, listener: { type: ["string", "null"] }, cluster: { type: ["string", "null"] }, limits: { type: "object", description: "As SimulationResult.limits: each {value, source}." } } },
                  changes: {
                    type: "array",
                    items: {
                      type: "object",
                      required: ["field", "before", "after", "why"],
                      properties: {
                        field: { type: "string", description: "verdict, listener, cluster or limits.<name>[.<field>]." },
                        before: { type: ["string", "number", "null"] },
                        after: { type: ["string", "number", "null"] },
                        why: { type: "string", description: "The Kuma change(s): release, behaviour, PR or UPGRADE.md section." },
                      },
                    },
                  },
                  expectation: { type: ["object", "null"], description: "The request's `expect`, checked at toVersion." },
                },
              },
            },
            modifications: {
              type: "array",
              items: {
                type: "object",
                required: ["dataplane", "source", "kind", "operation", "before", "after", "why"],
                properties: { dataplane: { type: "string" }, source: { type: "string" }, kind: { type: "string" }, operation: { type: "string" }, before: { type: "string", enum: [...MODIFICATION_STATUSES, "ignored"] }, after: { type: "string", enum: [...MODIFICATION_STATUSES, "ignored"] }, why: { type: "string" } },
              },
            },
            resources: {
              type: "object",
              description: "Per dataplane: Envoy resources renamed (with the modifications whose match they break and the match that works at toVersion), added and removed.",
              additionalProperties: {
                type: "object",
                properties: {
                  renamed: { type: "array", items: { type: "object", properties: { type: { type: "string" }, before: { type: "string" }, after: { type: "string" }, patches: { type: "array", items: { type: "object", properties: { source: { type: "string" }, match: { type: "object" } } } } } } },
                  added: { type: "array", items: { type: "string" } },
                  removed: { type: "array", items: { type: "string" } },
                },
              },
            },
            notes: {
              type: "array",
              items: { type: "object", required: ["class", "message", "source"], properties: { class: { type: "string", enum: [...NOTE_CLASSES] }, message: { type: "string" }, source: { type: "string" } } },
            },
            summary: { type: "object", description: "Counts, and breaking." },
            assumptions: { type: "array", items: { type: "string" } },
            whatIf: { $ref: "#/components/schemas/WhatIf" },
          },
        },
        ImpactRequest: impact,
        ImpactResult: impactResultSchema(),
        BatchRequest: batch,
        ValidateRequest: validate,
        SlackMessage: {
          type: "object",
          description: "With ?format=slack: a message a bot posts as it is (chat.postMessage or an incoming webhook). User text is escaped as Slack asks (&, <, > as entities).",
          required: ["text", "blocks"],
          properties: {
            text: { type: "string", description: "Notification text: the verdict and reason, the batch summary, or the first line of the upgrade, impact or passthrough-plan answer." },
            blocks: {
              type: "array",
              maxItems: 50,
              items: {
                type: "object",
                required: ["type"],
                properties: {
                  type: { type: "string", enum: ["section", "context"] },
                  text: { type: "object", properties: { type: { type: "string", const: "mrkdwn" }, text: { type: "string", maxLength: 3000 } } },
                  fields: { type: "array", maxItems: 10, items: { type: "object", properties: { type: { type: "string", const: "mrkdwn" }, text: { type: "string" } } } },
                  elements: { type: "array", items: { type: "object", properties: { type: { type: "string", const: "mrkdwn" }, text: { type: "string" } } } },
                },
              },
            },
          },
        },
        BatchResult: {
          type: "object",
          required: ["kumaVersion", "results", "dataplanes", "summary"],
          properties: {
            kumaVersion: { type: "string" },
            whatIf: { $ref: "#/components/schemas/WhatIf" },
            results: {
              type: "array",
              description: "One per request: verdict, reason, listener, filterChain, route, cluster, limits, the request's own warnings/assumptions (and trace), and its expectation outcome.",
              items: {
                type: "object",
                required: ["dataplane", "verdict", "reason", "limits", "warnings", "assumptions", "expectation"],
                properties: {
                  dataplane: { type: "string" },
                  verdict: { type: "string" },
                  reason: { type: "object" },
                  listener: { type: ["object", "null"] },
                  filterChain: { type: ["object", "null"] },
                  route: { type: ["object", "null"] },
                  cluster: { type: ["object", "null"] },
                  limits: { type: "object" },
                  warnings: { type: "array", items: { type: "object" } },
                  assumptions: { type: "array", items: { type: "string" } },
                  trace: { type: "array", items: { type: "string" } },
                  expectation: {
                    type: ["object", "null"],
                    description: "null when the request has no `expect` and the batch no `failOn`.",
                    properties: {
                      passed: { type: "boolean" },
                      failures: {
                        type: "array",
                        items: {
                          type: "object",
                          required: ["field", "expected", "actual"],
                          properties: {
                            field: {
                              type: "string",
                              description: "What failed: a result field (`verdict`, `limits.connectTimeout`, ...), `modifications.<source>`, `warnings.<code>`, or `failOn` (a finding the batch's failOn lists).",
                            },
                            expected: { description: "The expected value; a modification status; `present` or `absent` for a warning; null for failOn." },
                            actual: { description: "What came out; a modification status (null: no such modification selects the dataplane); `present` or `absent`, or the warning code under failOn." },
                            source: { type: "string", description: "A modification's failure: its source (`<policy>#<index>`)." },
                            code: { type: "string", enum: [...WARNING_CODES], description: "A warning's failure: its code." },
                            message: { type: "string", description: "A modification's failure: which modification, both statuses, and why it has its status; a warning's failure: the warning's message." },
                            hints: { type: "array", items: { type: "string" }, description: "A modification's failure: what to do about it (the modification's hints)." },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
            dataplanes: {
              type: "object",
              description: "Per source dataplane, what its requests share: policies, modifications, generation warnings and assumptions (and trace, config, diff when included).",
              additionalProperties: { type: "object" },
            },
            summary: {
              type: "object",
              required: ["total", "passed", "failed", "modifications", "warnings"],
              properties: {
                total: { type: "integer", description: "Requests." },
                passed: { type: "integer", description: "Requests whose expectation passed, or that have none." },
                failed: { type: "integer", description: "Requests whose expectation (or failOn) failed." },
                modifications: {
                  type: "object",
                  description:
                    "Modification findings by status: the entries of every `dataplanes[*].modifications` (each dataplane once, however many requests it sends; a modification that selects two dataplanes counts twice). Every status is listed, 0 included.",
                  required: [...MODIFICATION_STATUSES],
                  properties: Object.fromEntries(MODIFICATION_STATUSES.map((s) => [s, { type: "integer" }])),
                  additionalProperties: false,
                },
                warnings: {
                  type: "object",
                  description:
                    "Warnings by code: the entries of every `dataplanes[*].warnings` (each dataplane once) and every `results[*].warnings`. Only codes that occur are listed.",
                  propertyNames: { enum: [...WARNING_CODES] },
                  additionalProperties: { type: "integer" },
                },
              },
            },
          },
        },
        WhatIf: {
          type: "object",
          description: "Present when the body has what-if `patches` or `remove`: what they replaced, added and removed, each with its path in the request (and `resource`, the path of the snapshot resource it hit).",
          required: ["replaced", "added", "removed"],
          properties: Object.fromEntries(
            ["replaced", "added", "removed"].map((k) => [
              k,
              {
                type: "array",
                items: {
                  type: "object",
                  required: ["kind", "mesh", "name", "path"],
                  properties: { kind: { type: "string" }, mesh: { type: "string" }, name: { type: "string" }, path: { type: "string" }, resource: { type: "string" } },
                },
              },
            ]),
          ),
        },
        Problem: {
          type: "object",
          required: ["type", "title", "status", "detail", "errors"],
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            instance: { type: "string" },
            errors: { type: "array", items: { type: "object", required: ["path", "message"], properties: { path: { type: "string" }, message: { type: "string" } } } },
          },
        },
      },
    },
  };
}

/** The document as YAML (a few milliseconds; computed per call so no module state changes). */
export function openApiYaml(): string {
  return stringify(openApiDocument(), { lineWidth: 0, aliasDuplicateObjects: false });
}

/** A list as its size and its first entries (every entry with `include: [resources]`). */
const counted = (items: Record<string, unknown>) => ({ type: "object", required: ["count", "first"], properties: { count: { type: "integer" }, first: { type: "array", items } } });

const requestSideSchema = {
  type: "object",
  required: ["verdict", "reason", "listener", "cluster", "limits"],
  properties: { verdict: { type: "string" }, reason: { type: "string" }, listener: { type: ["string", "null"] }, cluster: { type: ["string", "null"] }, limits: { type: "object", description: "As SimulationResult.limits: each {value, source}." } },
};

/** The answer of POST /v1/impact (src/core/simulate/impact.ts ImpactResult). */
function impactResultSchema(): Record<string, unknown> {
  const status = { type: "string", enum: [...MODIFICATION_STATUSES, "absent"] };
  return {
    type: "object",
    required: ["kumaVersion", "dataplanes", "summary", "assumptions"],
    properties: {
      kumaVersion: { type: "string" },
      dataplanes: {
        type: "array",
        description: "Every dataplane compared (those of `dataplanes`, else all), in snapshot order.",
        items: {
          type: "object",
          required: ["name", "changed"],
          properties: {
            name: { type: "string" },
            changed: { type: "boolean", description: "Whether its generated Envoy config differs with the what-ifs." },
            resources: {
              type: "object",
              description: "Present when changed: `<type> <name>` of the resources only the what-ifs generate (added), only the snapshot generates (removed), and both generate differently (changed, with the RFC 6902 operations from before to after).",
              properties: {
                added: counted({ type: "string" }),
                removed: counted({ type: "string" }),
                changed: counted({ type: "object", required: ["name", "ops"], properties: { name: { type: "string" }, ops: counted({ type: "object", properties: { op: { type: "string", enum: ["add", "remove", "replace"] }, path: { type: "string" }, value: {} } }) } }),
              },
            },
            modifications: {
              type: "array",
              description: "Present when changed: modifications whose status differs (absent: no policy of that side has it).",
              items: { type: "object", required: ["source", "kind", "operation", "before", "after", "message"], properties: { source: { type: "string" }, kind: { type: "string" }, operation: { type: "string" }, before: status, after: status, message: { type: "string" } } },
            },
            requests: {
              type: "array",
              description: "Requests of this dataplane whose verdict, listener, cluster or limits change, or whose expectation fails.",
              items: {
                type: "object",
                required: ["request", "before", "after", "changes", "expectation"],
                properties: {
                  request: { type: "object" },
                  before: requestSideSchema,
                  after: requestSideSchema,
                  changes: {
                    type: "array",
                    items: {
                      type: "object",
                      required: ["field", "before", "after", "why"],
                      properties: { field: { type: "string" }, before: { type: ["string", "number", "null"] }, after: { type: ["string", "number", "null"] }, why: { type: "string", description: "A limit's source on each side, else the walk's reason with the what-ifs." } },
                    },
                  },
                  expectation: { type: ["object", "null"], description: "The request's `expect`, checked with the what-ifs." },
                },
              },
            },
          },
        },
      },
      summary: {
        type: "object",
        required: ["dataplanes", "affected", "breaking"],
        properties: {
          dataplanes: { type: "integer" },
          affected: { type: "integer", description: "Dataplanes whose config changes." },
          requests: { type: "integer" },
          requestsChanged: { type: "integer" },
          verdictsChanged: { type: "integer" },
          limitsChanged: { type: "integer" },
          modificationsChanged: { type: "integer" },
          modificationsStoppedApplying: { type: "integer" },
          expectationsFailed: { type: "integer" },
          breaking: { type: "boolean", description: "As in /v1/upgrade: a verdict or a limit changes, or a modification that applied stops applying." },
        },
      },
      assumptions: { type: "array", items: { type: "string" } },
      whatIf: { $ref: "#/components/schemas/WhatIf" },
    },
  };
}

/** The answer of POST /v1/passthrough-plan (src/core/simulate/passthrough-plan.ts). */
function passthroughPlanResult(): Record<string, unknown> {
  const destination = {
    type: "object",
    required: ["port", "protocol", "input"],
    properties: {
      host: { type: "string" },
      ip: { type: "string" },
      port: { type: "integer" },
      protocol: { type: "string", enum: ["tcp", "tls", "http", "http2", "grpc"] },
      input: { type: "string", description: "Where the body gave it: destinations[i]." },
    },
  };
  const entry = { type: "object", properties: { type: { type: "string", enum: ["Domain", "IP"] }, value: { type: "string" }, port: { type: "integer" }, protocol: { type: "string" } } };
  const verdict = { type: "string", description: "passthrough, blocked, mesh, direct or config-error (as SimulationResult.verdict)." };
  return {
    type: "object",
    required: ["kumaVersion", "dataplanes", "meshFlag", "blocked", "notNeeded", "proof", "summary", "problems", "notes", "assumptions"],
    properties: {
      kumaVersion: { type: "string" },
      dataplanes: { type: "array", items: { type: "string" }, description: "The source dataplanes every destination was walked from." },
      meshFlag: { type: "string", enum: ["read", "removed"], description: "removed: Kuma 3.0 ignores Mesh networking.outbound.passthrough; only MeshPassthrough decides." },
      blocked: {
        type: "array",
        items: {
          type: "object",
          required: ["destination", "situations", "dataplanes", "reason", "entry"],
          properties: {
            destination,
            situations: { type: "array", items: { type: "string", enum: [...SITUATIONS] } },
            dataplanes: { type: "array", items: { type: "string" } },
            reason: { type: "string" },
            entry: { oneOf: [entry, { type: "null" }], description: "The plan's appendMatch entry; null when none can be written (problems says why) or before 2.8." },
          },
        },
      },
      notNeeded: {
        type: "array",
        items: {
          type: "object",
          required: ["destination", "status", "dataplanes", "why"],
          properties: { destination, status: { type: "string", enum: ["covered", "in-mesh", "not-captured", "blocked-today"] }, dataplanes: { type: "array", items: { type: "string" } }, why: { type: "string" } },
        },
      },
      meshPassthrough: {
        type: "object",
        description: "Absent before 2.8.",
        required: ["name", "meshes", "entries", "universal", "kubernetes", "admission"],
        properties: {
          name: { type: "string" },
          meshes: { type: "array", items: { type: "string" } },
          entries: { type: "integer" },
          universal: { type: "string", description: "Universal YAML, one document per mesh." },
          kubernetes: { type: "string", description: "Kubernetes YAML (namespace kuma-system), one document per mesh." },
          admission: { type: "object", required: ["passed", "errors"], properties: { passed: { type: "boolean" }, errors: { type: "array", items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } } } } },
        },
      },
      proof: {
        type: "array",
        items: {
          type: "object",
          required: ["destination", "dataplane", "before", "after", "kept", "reason"],
          properties: { destination, dataplane: { type: "string" }, before: verdict, after: verdict, kept: { type: "boolean", description: "after is today's verdict." }, reason: { type: "string" } },
        },
      },
      alternatives: { type: "array", items: { type: "string" }, description: "Before 2.8 only: what to do instead of a MeshPassthrough." },
      summary: {
        type: "object",
        required: ["destinations", "dataplanes", "blocked", "notNeeded", "stillBlocked", "covered"],
        properties: { destinations: { type: "integer" }, dataplanes: { type: "integer" }, blocked: { type: "integer" }, notNeeded: { type: "integer" }, stillBlocked: { type: "integer" }, covered: { type: "boolean" } },
      },
      problems: { type: "array", items: { type: "string" } },
      notes: { type: "array", items: { type: "string" } },
      assumptions: { type: "array", items: { type: "string" } },
      whatIf: { $ref: "#/components/schemas/WhatIf" },
    },
  };
}
