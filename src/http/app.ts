/**
 * The Hono app: parses, calls the pure core, maps the outcome to HTTP. No simulation logic here.
 */
import { Hono, type Context } from "hono";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import { allVersions } from "../core/versions.js";
import { simulate } from "../core/simulate.js";
import { SimulateBodySchema } from "../core/schema.js";
import { zodViolations } from "../core/zod-issues.js";
import { readBody } from "./body.js";
import { settingsFrom, type HttpSettings } from "./config.js";
import { openApiYaml } from "./openapi.js";
import { problem } from "./problem.js";

type AppEnv = { Bindings: Record<string, unknown>; Variables: { settings: HttpSettings } };

function json(c: Context, value: unknown, status: 200 = 200): Response {
  return c.body(JSON.stringify(value), status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
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

  app.get("/healthz", (c) => json(c, { status: "ok" }));
  app.get("/v1/versions", (c) => json(c, { versions: allVersions() }));
  app.get("/openapi.yaml", (c) => c.body(openApiYaml(), 200, { "Content-Type": "application/yaml; charset=utf-8" }));

  app.post("/v1/simulate", async (c) => {
    const body = await readBody(c, c.get("settings"));
    if (!body.ok) return problem(c, body.status, body.status === 415 ? "unsupported-media-type" : body.status === 413 ? "payload-too-large" : "invalid-request", body.detail, body.errors);
    const parsed = SimulateBodySchema.safeParse(body.value);
    if (!parsed.success) return problem(c, 400, "invalid-request", "the request does not match the schema", zodViolations(parsed.error, ""));
    const outcome = simulate(parsed.data);
    if (!outcome.ok) return problem(c, 400, "invalid-request", "the snapshot or request is not valid", outcome.errors);
    return json(c, outcome.result);
  });

  app.notFound((c) => problem(c, 404, "not-found", `no route for ${c.req.method} ${new URL(c.req.url).pathname}`));
  app.onError((_err, c) => problem(c, 500, "internal-error", "meshsim hit a bug while handling this request; the input was not the cause"));
  return app;
}
