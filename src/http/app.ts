/**
 * The Hono app: parses, calls the pure core, maps the outcome to HTTP. No simulation logic here.
 */
import { Hono, type Context } from "hono";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import { simulate } from "../core/simulate/simulate.js";
import { validateSnapshot } from "../core/simulate/validate.js";
import { simulateBatch } from "../core/simulate/batch.js";
import { simulateUpgrade } from "../core/simulate/upgrade.js";
import { upgradeMarkdown } from "../core/simulate/upgrade-markdown.js";
import { simulateImpact } from "../core/simulate/impact.js";
import { impactMarkdown } from "../core/simulate/impact-markdown.js";
import { planPassthrough } from "../core/simulate/passthrough-plan.js";
import { passthroughPlanMarkdown } from "../core/simulate/passthrough-plan-markdown.js";
import { versionRows } from "../core/simulate/versions.js";
import { type BatchBody, BatchBodySchema, ImpactBodySchema, PassthroughPlanBodySchema, SimulateBodySchema, UpgradeBodySchema, ValidateBodySchema } from "../core/simulate/schema.js";
import type { Violation } from "../core/errors.js";
import type * as z from "zod";
import { ZOD_PARSE, zodViolations } from "../core/zod-issues.js";
import { suggestField } from "../core/suggest.js";
import { readBody, type BodyResult } from "./body.js";
import { batchMarkdown, simulationMarkdown } from "../core/simulate/markdown.js";
import { batchSlack, simulationSlack } from "./slack.js";
import { impactSlack, upgradeSlack } from "./slack-diff.js";
import { passthroughPlanSlack } from "./slack-plan.js";
import { settingsFrom, type HttpSettings } from "./config.js";
import { openApiYaml } from "./openapi.js";
import { mountWidget } from "./widget/index.js";
import { problem } from "./problem.js";
import { batchUnits, chargeRateLimit } from "./rate-limit.js";
import { checkBearer } from "./auth.js";
import { overBudget } from "./work-budget.js";

type AppEnv = { Bindings: Record<string, unknown>; Variables: { settings: HttpSettings } };

/** The forms an answer comes in: JSON always; Markdown and Slack where the route has a renderer for them. */
type Form = "json" | "markdown" | "slack";

/** The routes with a Markdown and a Slack form, as a wrong `?format=` elsewhere names them. */
const CHAT_ROUTES = ["/v1/simulate", "/v1/simulate/batch", "/v1/upgrade", "/v1/impact", "/v1/passthrough-plan"];

const orList = (xs: readonly string[]) => (xs.length === 1 ? xs[0]! : `${xs.slice(0, -1).join(", ")} or ${xs.at(-1)!}`);

/**
 * The form asked for: `?format=` when it is given (an explicit `json` wins over the Accept header), else Markdown for
 * `Accept: text/markdown` where the route has it, else JSON. An unknown value, or a form this route has not, is a 400
 * naming the values it accepts: a bot that asked for Slack must not be handed JSON it would post as it is.
 */
function answerForm(c: Context, forms: readonly Form[]): { ok: true; form: Form } | { ok: false; response: Response } {
  const v = c.req.query("format");
  if (v === undefined) return { ok: true, form: forms.includes("markdown") && (c.req.header("accept") ?? "").toLowerCase().includes("text/markdown") ? "markdown" : "json" };
  const form = forms.find((f) => f === v);
  if (form !== undefined) return { ok: true, form };
  const got = `got "${v.slice(0, 32)}"`;
  const message =
    forms.length === 1
      ? `expected json or no format parameter: ${new URL(c.req.url).pathname} answers in JSON only (the Markdown and Slack forms are on ${CHAT_ROUTES.join(", ")}), ${got}`
      : `expected ${orList(forms)} (markdown: the short chat answer, as Accept: text/markdown gives; slack: a Slack Block Kit message; no parameter: JSON), ${got}`;
  return { ok: false, response: problem(c, 400, "invalid-request", `the query parameter format is not valid: ${message}`, [{ path: "?format", message }]) };
}

/** `?full=1` (or `true`) asks for every long list whole, as `include: ["full"]` does; `0`, `false` or no parameter do not. */
function fullQuery(c: Context): { ok: true; full: boolean } | { ok: false; response: Response } {
  const v = c.req.query("full");
  if (v === undefined || v === "0" || v === "false") return { ok: true, full: false };
  if (v === "1" || v === "true") return { ok: true, full: true };
  const message = `expected 1 or true (every long list whole; 0, false or no parameter: the first 20 names and a count), got "${v.slice(0, 32)}"`;
  return { ok: false, response: problem(c, 400, "invalid-request", `the query parameter full is not valid: ${message}`, [{ path: "?full", message }]) };
}

function markdown(c: Context, text: string): Response {
  return c.body(text, 200, { "Content-Type": "text/markdown; charset=utf-8", "Cache-Control": "no-store" });
}

function bodyProblem(c: Context, body: Extract<BodyResult, { ok: false }>): Response {
  return problem(c, body.status, body.status === 415 ? "unsupported-media-type" : body.status === 413 ? "payload-too-large" : "invalid-request", body.detail, body.errors);
}

/** The work estimate of a body over its budget, as a `too-expensive` problem naming the figure and the limit. */
function tooExpensive(c: Context, body: Extract<BodyResult, { ok: true }>): Response | undefined {
  const over = overBudget(body.value, body.format === "yaml" ? body.chars : 0, c.get("settings").maxYamlBytes);
  if (!over) return undefined;
  return problem(c, over.status, "too-expensive", `${over.what}: ${over.figure}, over the limit of ${over.limit}; split the request or make it smaller`, [{ path: "", message: `${over.what}: ${over.figure} > ${over.limit}` }]);
}

/** What a snapshot route needs besides the shared guards: its schema, rate units, core call and renderings. */
interface SnapshotRoute<B, R> {
  readonly schema: z.ZodType<B>;
  /** Rate-limit units the parsed body costs (one was charged before the body was read). */
  readonly units?: (body: B) => number;
  /** The problem's `detail` when the core refuses the input. */
  readonly invalid: string;
  /** The route reads `?full=1` (every long list whole) and passes it to `run`. */
  readonly fullQuery?: boolean;
  readonly run: (body: B, full: boolean) => { readonly ok: true; readonly result: R } | { readonly ok: false; readonly errors: readonly Violation[] };
  readonly markdown?: (result: R, body: B) => string;
  readonly slack?: (result: R, body: B) => unknown;
}

/** The forms a snapshot route answers in: JSON, and those it has a renderer for. */
function formsOf(r: { readonly markdown?: unknown; readonly slack?: unknown }): Form[] {
  return ["json", ...(r.markdown ? (["markdown"] as const) : []), ...(r.slack ? (["slack"] as const) : [])];
}

/**
 * A POST route over a snapshot body: body limits, the work estimate, the schema, the rate units by size, the core,
 * then JSON, Markdown or Slack. Every such route refuses bad input the same way.
 */
function snapshotRoute<B, R>(r: SnapshotRoute<B, R>) {
  const forms = formsOf(r);
  return async (c: Context<AppEnv>): Promise<Response> => {
    const form = answerForm(c, forms);
    if (!form.ok) return form.response;
    const full = r.fullQuery ? fullQuery(c) : { ok: true as const, full: false };
    if (!full.ok) return full.response;
    const body = await readBody(c, c.get("settings"));
    if (!body.ok) return bodyProblem(c, body);
    const expensive = tooExpensive(c, body);
    if (expensive) return expensive;
    const parsed = r.schema.safeParse(body.value, ZOD_PARSE);
    if (!parsed.success) return problem(c, 400, "invalid-request", "the request does not match the schema", zodViolations(parsed.error, ""));
    if (r.units) {
      const limited = await chargeRateLimit(c, r.units(parsed.data) - 1);
      if (limited) return limited;
    }
    const outcome = r.run(parsed.data, full.full);
    if (!outcome.ok) return problem(c, 400, "invalid-request", r.invalid, outcome.errors);
    if (form.form === "slack" && r.slack) return json(c, r.slack(outcome.result, parsed.data));
    if (form.form === "markdown" && r.markdown) return markdown(c, r.markdown(outcome.result, parsed.data));
    return json(c, outcome.result);
  };
}

function json(c: Context, value: unknown, status: 200 = 200): Response {
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    // A valid input whose answer exceeds what a string can hold: the caller asked for too much at once.
    if (e instanceof RangeError) return problem(c, 413, "payload-too-large", "the answer is too large to send: split the batch or ask for fewer fields with `include`");
    throw e;
  }
  return c.body(text, status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
}

/** Every route, as the 404 and 405 answers list them (the widget's two included). */
const ROUTES: readonly (readonly ["GET" | "POST", string])[] = [
  ["GET", "/"],
  ["GET", "/widget.js"],
  ["GET", "/healthz"],
  ["GET", "/v1/versions"],
  ["GET", "/openapi.yaml"],
  ["POST", "/v1/simulate"],
  ["POST", "/v1/simulate/batch"],
  ["POST", "/v1/validate"],
  ["POST", "/v1/upgrade"],
  ["POST", "/v1/impact"],
  ["POST", "/v1/passthrough-plan"],
];

/** A request no route takes: 405 naming the method a known path takes, else 404 with the nearest route and the list. */
function noRoute(c: Context): Response {
  const path = new URL(c.req.url).pathname;
  const method = c.req.method;
  const takes = ROUTES.filter(([, p]) => p === path).map(([m]) => m);
  if (takes.length > 0) {
    const example = takes.includes("POST") ? `, e.g. curl -X POST ${path} -H 'content-type: application/yaml' --data-binary @input.yaml` : "";
    const message = `${path} takes ${takes.join(" or ")}, not ${method}${example}`;
    c.header("Allow", takes.join(", "));
    return problem(c, 405, "method-not-allowed", message, [{ path: "", message }]);
  }
  const near = suggestField(path.slice(0, 100), ROUTES.map(([, p]) => p));
  const route = ROUTES.find(([, p]) => p === near);
  const message = `no route for ${method} ${path.slice(0, 100)}${route ? `; did you mean ${route[0]} ${route[1]}?` : ""} (the routes: ${ROUTES.map(([m, p]) => `${m} ${p}`).join(", ")})`;
  return problem(c, 404, "not-found", message, [{ path: "", message }]);
}

/** Builds the app. `settings` overrides what the Worker environment says (tests). */
export function createApp(override?: Partial<HttpSettings>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use("*", async (c, next) => {
    c.set("settings", { ...settingsFrom(c.env), ...override });
    await next();
  });
  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      crossOriginResourcePolicy: false,
      overwrite: false, // keep a CSP a route sets itself (the try-it page at GET /)
    }),
  );
  app.use("*", (c, next) => {
    const allowed = c.get("settings").allowedOrigins;
    return cors({
      origin: (origin) => (allowed.includes("*") ? "*" : allowed.includes(origin) ? origin : null),
      allowMethods: ["GET", "POST", "OPTIONS"],
      allowHeaders: ["Content-Type", "Accept"],
      maxAge: 600,
      credentials: false,
    })(c, next);
  });

  // After CORS, so that a browser can read a 429 or 401. One unit per API request, before its body is read.
  app.use("/v1/*", async (c, next) => (await chargeRateLimit(c, 1)) ?? next());
  app.use("*", async (c, next) => (await checkBearer(c)) ?? next());

  app.get("/healthz", (c) => json(c, { status: "ok" }));
  app.get("/v1/versions", (c) => json(c, { versions: versionRows() }));
  app.get("/openapi.yaml", (c) => c.body(openApiYaml(), 200, { "Content-Type": "application/yaml; charset=utf-8" }));

  app.post("/v1/simulate", async (c) => {
    const form = answerForm(c, ["json", "markdown", "slack"]);
    if (!form.ok) return form.response;
    const full = fullQuery(c);
    if (!full.ok) return full.response;
    const body = await readBody(c, c.get("settings"));
    if (!body.ok) return bodyProblem(c, body);
    const expensive = tooExpensive(c, body);
    if (expensive) return expensive;
    const parsed = SimulateBodySchema.safeParse(body.value, ZOD_PARSE);
    if (!parsed.success) {
      // A batch file sent here (the README's CI files are batch bodies): say where it belongs.
      const batch = typeof body.value === "object" && body.value !== null && !Array.isArray(body.value) && "requests" in body.value && !("request" in body.value);
      const detail = batch ? "the request does not match the schema: this is a batch body (it has `requests`); POST it to /v1/simulate/batch" : "the request does not match the schema";
      return problem(c, 400, "invalid-request", detail, zodViolations(parsed.error, ""));
    }
    const outcome = simulate(parsed.data, { full: full.full });
    if (!outcome.ok) return problem(c, 400, "invalid-request", "the snapshot or request is not valid", outcome.errors);
    if (form.form === "slack") return json(c, simulationSlack(outcome.result));
    return form.form === "markdown" ? markdown(c, simulationMarkdown(outcome.result)) : json(c, outcome.result);
  });

  const targetsOf = (b: BatchBody) => b.requests.map((r) => (typeof r.to === "string" ? r.to : `${r.to.protocol ?? "tcp"}://${r.to.host ?? r.to.ip ?? ""}${r.to.port ? `:${r.to.port}` : ""}`));
  app.post(
    "/v1/simulate/batch",
    // A batch counts by its size: the unit charged before the body was read, plus the rest now that the size is known.
    snapshotRoute({
      schema: BatchBodySchema,
      units: (b) => batchUnits(b.requests.length),
      invalid: "the snapshot or a request is not valid",
      fullQuery: true,
      run: (b, full) => simulateBatch(b, { full }),
      markdown: (r, b) => batchMarkdown(r, targetsOf(b)),
      slack: (r, b) => batchSlack(r, targetsOf(b)),
    }),
  );

  // Two batches and a diff: the same body limits and guards as /v1/simulate/batch, twice a batch's units (a probe set
  // counts as one batch unit each side).
  app.post(
    "/v1/upgrade",
    snapshotRoute({
      schema: UpgradeBodySchema,
      units: (b) => 2 * batchUnits(b.requests?.length ?? 1),
      invalid: "a release, the snapshot or a request is not valid",
      run: simulateUpgrade,
      markdown: upgradeMarkdown,
      slack: upgradeSlack,
    }),
  );

  // The snapshot without and with its what-ifs: two batches and a diff, guarded as /v1/upgrade.
  app.post(
    "/v1/impact",
    snapshotRoute({
      schema: ImpactBodySchema,
      units: (b) => 2 * batchUnits(b.requests?.length ?? 1),
      invalid: "the snapshot, a what-if, a dataplane name or a request is not valid",
      run: simulateImpact,
      markdown: impactMarkdown,
      slack: impactSlack,
    }),
  );

  // Several walks of one snapshot (today, the two situations, before and after the plan): destinations count as a
  // batch's requests do.
  app.post(
    "/v1/passthrough-plan",
    snapshotRoute({
      schema: PassthroughPlanBodySchema,
      units: (b) => batchUnits(b.destinations.length),
      invalid: "the snapshot or a destination is not valid",
      run: planPassthrough,
      markdown: passthroughPlanMarkdown,
      slack: passthroughPlanSlack,
    }),
  );

  app.post("/v1/validate", snapshotRoute({ schema: ValidateBodySchema, invalid: "the snapshot is not valid", run: validateSnapshot }));

  mountWidget(app);

  app.notFound((c) => noRoute(c));
  app.onError((_err, c) => problem(c, 500, "internal-error", "meshsim hit a bug while handling this request; the input was not the cause"));
  return app;
}
