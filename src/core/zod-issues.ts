/**
 * Turns zod issues into violations with request paths and messages that say what to write: zod's own
 * phrasings ("Invalid input: expected object, received undefined") never reach a user. At most 20 issues.
 *
 * Two halves: {@link ZOD_PARSE} is the parse context every schema of a request is parsed with (its error
 * map sees the raw issue, with the offending input and the schema that raised it, so it can name the
 * fields an object takes and suggest the nearest one); {@link zodViolations} then picks, for a union,
 * the alternative the input was meant to be, and words whatever still carries a zod default.
 */
import type * as z from "zod";
import { joinPath, type Violation } from "./errors.js";
import { suggestField } from "./suggest.js";

export const MAX_REPORTED_ISSUES = 20;

type RawIssue = z.core.$ZodRawIssue;
type Schemaish = { _zod?: { def?: Record<string, unknown>; propValues?: Record<string, Set<unknown>> } } | undefined;

/** Examples of what to write, by the request path they apply to (the body's top-level fields). */
const EXAMPLES: readonly (readonly [RegExp, string])[] = [
  [/^request$/, "request: {to: http://example.com}"],
  [/^requests$/, "requests: [{to: http://example.com}]"],
  [/^requests?(\[\d+\])?\.to$/, "to: http://example.com (or {protocol: tls, host: api.example.com, port: 443})"],
  [/^requests?(\[\d+\])?\.ip$/, "ip: 93.184.216.34"],
  [/^requests?(\[\d+\])?\.from$/, "from: web-01"],
  [/^requests?(\[\d+\])?\.direction$/, "direction: inbound"],
  [/^resources$/, "resources: [{type: Mesh, name: default}] (or one YAML string, or a kubectl / kumactl list)"],
  [/^patches$/, "patches: [{type: MeshProxyPatch, mesh: default, name: p, spec: {…}}] (or one YAML string, or a kubectl / kumactl list)"],
  [/^kumaVersion$/, 'kumaVersion: "2.14"'],
  [/^include$/, "include: [config, diff, trace]"],
  [/^failOn$/, "failOn: [ineffective]"],
];

function exampleFor(path: readonly PropertyKey[]): string {
  const p = joinPath("", ...path.filter((s): s is string | number => typeof s !== "symbol"));
  const hit = EXAMPLES.find(([re]) => re.test(p));
  return hit ? `, e.g. ${hit[1]}` : "";
}

/** "an object", "a string", ... for zod's type names. */
function noun(type: unknown): string {
  switch (type) {
    case "object":
    case "record":
      return "an object";
    case "array":
    case "tuple":
      return "a list";
    case "int":
      return "an integer";
    case "undefined":
      return "nothing";
    case "null":
      return "null";
    case "string":
    case "number":
    case "boolean":
    case "bigint":
      return `a ${type}`;
    default:
      return `a ${String(type)} value`;
  }
}

/** What the input is, for "must be X, not Y". */
function describe(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "a list";
  if (typeof input === "string") return input.length <= 40 ? `the string ${JSON.stringify(input)}` : "a string";
  if (typeof input === "number") return Number.isInteger(input) ? "an integer" : "a number";
  return noun(typeof input);
}

const quoteList = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(", ");

function unknownFields(iss: Extract<RawIssue, { code: "unrecognized_keys" }>): string {
  const shape = (iss.inst as Schemaish)?._zod?.def?.["shape"];
  const known = shape !== null && typeof shape === "object" ? Object.keys(shape) : [];
  const keys = iss.keys.slice(0, 5);
  const more = iss.keys.length > 5 ? ` and ${iss.keys.length - 5} more` : "";
  const hints = keys.flatMap((k) => {
    const s = suggestField(k, known);
    return s === undefined ? [] : [`${JSON.stringify(k)} → ${JSON.stringify(s)}`];
  });
  const did = hints.length === 0 ? "" : keys.length === 1 ? `; did you mean ${hints[0]!.split(" → ")[1]}?` : `; did you mean ${hints.join(", ")}?`;
  const fields = known.length === 0 ? " (this object takes no fields)" : ` (the fields here: ${known.join(", ")})`;
  return `unknown field${iss.keys.length > 1 ? "s" : ""} ${quoteList(keys)}${more}${did}${fields}`;
}

function sizeMessage(iss: Extract<RawIssue, { code: "too_big" | "too_small" }>): string {
  const big = iss.code === "too_big";
  const limit = String(big ? (iss as { maximum: unknown }).maximum : (iss as { minimum: unknown }).minimum);
  const bound = iss.exact ? "exactly" : big ? (iss.inclusive === false ? "less than" : "at most") : iss.inclusive === false ? "more than" : "at least";
  switch (iss.origin) {
    case "array":
    case "set":
      return `must have ${bound} ${limit} item${limit === "1" ? "" : "s"}`;
    case "string":
      return `must be ${bound} ${limit} character${limit === "1" ? "" : "s"} long`;
    default:
      return `must be ${bound} ${limit}`;
  }
}

function unionMessage(iss: Extract<RawIssue, { code: "invalid_union" }>): string {
  const def = (iss.inst as Schemaish)?._zod?.def;
  const discriminator = def?.["discriminator"];
  if (typeof discriminator === "string") {
    const values = [...((iss.inst as Schemaish)?._zod?.propValues?.[discriminator] ?? [])];
    return values.length > 0 ? `${discriminator} must be one of ${quoteList(values)}` : `${discriminator} does not name a known variant`;
  }
  const options = Array.isArray(def?.["options"]) ? (def["options"] as Schemaish[]) : [];
  const kinds = [...new Set(options.map((o) => noun(o?._zod?.def?.["type"])))];
  const expected = kinds.length > 1 ? `${kinds.slice(0, -1).join(", ")} or ${kinds[kinds.length - 1]}` : kinds[0] ?? "one of the accepted forms";
  if (iss.input === undefined) return `is required (${expected})${exampleFor(iss.path ?? [])}`;
  return `must be ${expected}, not ${describe(iss.input)}${exampleFor(iss.path ?? [])}`;
}

/**
 * The error map of {@link ZOD_PARSE}: a message per issue that says what was expected and what to
 * write. Messages a schema or refinement sets itself are kept (zod only asks for the others).
 */
export function issueMessage(iss: RawIssue): string {
  const path = iss.path ?? [];
  switch (iss.code) {
    case "invalid_type":
      if (iss.input === undefined) return `is required (${noun(iss.expected)})${exampleFor(path)}`;
      return `must be ${noun(iss.expected)}, not ${describe(iss.input)}${exampleFor(path)}`;
    case "invalid_value":
      return iss.values.length === 1
        ? `must be ${quoteList(iss.values)}, not ${describe(iss.input)}`
        : `must be one of ${quoteList(iss.values)}, not ${describe(iss.input)}`;
    case "too_big":
    case "too_small":
      return sizeMessage(iss);
    case "invalid_format":
      if (iss.format === "regex") return `must match the pattern ${String((iss as { pattern?: unknown }).pattern ?? "")}`;
      if (iss.format === "starts_with") return `must start with ${JSON.stringify((iss as { prefix?: unknown }).prefix)}`;
      if (iss.format === "ends_with") return `must end with ${JSON.stringify((iss as { suffix?: unknown }).suffix)}`;
      return `must be a valid ${iss.format}`;
    case "not_multiple_of":
      return `must be a multiple of ${String(iss.divisor)}`;
    case "unrecognized_keys":
      return unknownFields(iss);
    case "invalid_union":
      return unionMessage(iss);
    case "invalid_key": {
      // The key's own issues were worded by this map already (or by the key schema's own message).
      const why = iss.issues.map((i) => i.message).filter((m) => !isZodDefaultMessage(m));
      const key = path[path.length - 1];
      return `the key ${typeof key === "symbol" || key === undefined ? "" : `${JSON.stringify(String(key).slice(0, 100))} `}is not accepted here${why.length > 0 ? `: ${why.join("; ")}` : ""}`;
    }
    case "invalid_element":
      return "has an element that is not accepted here";
    case "custom":
      return "is not valid here";
    default:
      return "is not valid here";
  }
}

/** The parse context for every schema whose issues reach a user: `schema.safeParse(value, ZOD_PARSE)`. */
export const ZOD_PARSE: z.core.ParseContext<z.core.$ZodIssue> = Object.freeze({ error: issueMessage });

/** zod's own phrasings (its English locale), which a user must never see. */
const ZOD_DEFAULT = /^(Invalid (input|option|string|number|value|key|discriminator)|Too (big|small)|Unrecognized key|Invalid [A-Za-z0-9 ]+$)|expected \w+, received/;

/** True when a message is one of zod's defaults (exported for the test that walks every endpoint). */
export function isZodDefaultMessage(message: string): boolean {
  return ZOD_DEFAULT.test(message);
}

/** Words an issue that was parsed without {@link ZOD_PARSE}: from its code alone (the input is gone by now). */
function fallbackMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "unrecognized_keys": {
      const keys = issue.keys.slice(0, 5).map((k) => JSON.stringify(k)).join(", ");
      const more = issue.keys.length > 5 ? ` and ${issue.keys.length - 5} more` : "";
      return `unknown field${issue.keys.length > 1 ? "s" : ""} ${keys}${more}`;
    }
    case "invalid_type":
      return `must be ${noun(issue.expected)}`;
    case "invalid_value":
      return `must be one of ${quoteList(issue.values)}`;
    default:
      return "is not valid here";
  }
}

/**
 * For a union, the alternative the input was meant to be: the one branch whose issues are not just
 * "wrong type at the top" (an object sent where a string or an object is accepted is judged as the
 * object). Undefined when no single branch stands out.
 */
function chosenBranch(issue: Extract<z.core.$ZodIssue, { code: "invalid_union" }>): readonly z.core.$ZodIssue[] | undefined {
  const meant = issue.errors.filter((branch) => !branch.every((b) => b.path.length === 0 && b.code === "invalid_type"));
  return meant.length === 1 ? meant[0] : undefined;
}

function flatten(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[], out: { path: PropertyKey[]; issue: z.core.$ZodIssue }[]): void {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    const branch = issue.code === "invalid_union" ? chosenBranch(issue) : undefined;
    if (branch !== undefined) flatten(branch, path, out);
    else out.push({ path, issue });
  }
}

/** zod issues → violations rooted at `base` (e.g. `resources[2].spec`), at most {@link MAX_REPORTED_ISSUES}. */
export function zodViolations(error: z.ZodError, base: string): Violation[] {
  const flat: { path: PropertyKey[]; issue: z.core.$ZodIssue }[] = [];
  flatten(error.issues, [], flat);
  return flat.slice(0, MAX_REPORTED_ISSUES).map(({ path: p, issue }) => {
    const path = joinPath(base, ...p.filter((s): s is string | number => typeof s !== "symbol"));
    const message = isZodDefaultMessage(issue.message) ? fallbackMessage(issue) : issue.message;
    return { path, message };
  });
}
