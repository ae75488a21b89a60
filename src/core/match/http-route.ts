/**
 * Inside an HTTP connection manager: virtual host by Host/:authority (envoy
 * `source/common/router/config_impl.cc` RouteMatcher::findVirtualHost: exact, suffix wildcard, prefix
 * wildcard, then `*`), then the first route whose match holds. Regexes use RE2 semantics via re2js,
 * never a JS RegExp on user input.
 */
import { isJsonObject, type JsonObject } from "../json.js";
import { compileRe2, MAX_REGEX_PROGRAM_SIZE, re2ProgramSize } from "../xds/regex.js";

const MAX_REGEX_LENGTH = 1024;

/**
 * The estimated RE2 program size (instructions) all the regexes one walk through a virtual host's routes may add up to
 * (a meshsim limit; Envoy compiles them once, when it loads the route configuration). Counted whether or not a pattern
 * is already compiled in the cache, so that the answer never depends on what earlier requests left there.
 */
export const MAX_ROUTE_WALK_REGEX_SIZE = 2 * MAX_REGEX_PROGRAM_SIZE;

/** What is left of {@link MAX_ROUTE_WALK_REGEX_SIZE} during one walk. */
interface RegexBudget {
  left: number;
}

export interface VhostSelection {
  readonly index: number;
  readonly vhost: JsonObject;
  readonly matchedDomain: string;
}

function domains(v: JsonObject): string[] {
  return Array.isArray(v["domains"]) ? (v["domains"] as string[]) : [];
}

/** Wildcards must match at least one character (Envoy). */
export function selectVirtualHost(vhosts: readonly JsonObject[], authority: string): VhostSelection | undefined {
  const host = authority.toLowerCase();
  let exact: VhostSelection | undefined;
  let suffix: { sel: VhostSelection; len: number } | undefined;
  let prefix: { sel: VhostSelection; len: number } | undefined;
  let star: VhostSelection | undefined;
  vhosts.forEach((vhost, index) => {
    for (const raw of domains(vhost)) {
      const d = raw.toLowerCase();
      const sel = { index, vhost, matchedDomain: raw };
      if (d === "*") star ??= sel;
      else if (d.startsWith("*")) {
        const s = d.slice(1);
        if (host.length > s.length && host.endsWith(s) && (!suffix || s.length > suffix.len)) suffix = { sel, len: s.length };
      } else if (d.endsWith("*")) {
        const p = d.slice(0, -1);
        if (host.length > p.length && host.startsWith(p) && (!prefix || p.length > prefix.len)) prefix = { sel, len: p.length };
      } else if (d === host) exact ??= sel;
    }
  });
  return exact ?? suffix?.sel ?? prefix?.sel ?? star;
}

export type RouteMatchResult = { readonly index: number; readonly route: JsonObject } | { readonly error: string } | undefined;

function regexMatches(pattern: string, input: string, budget: RegexBudget): boolean | string {
  if (pattern.length > MAX_REGEX_LENGTH) return `regex longer than ${MAX_REGEX_LENGTH} characters`;
  // Estimated before compiling: compiling is the cost being bounded.
  const size = re2ProgramSize(pattern);
  if (size > MAX_REGEX_PROGRAM_SIZE) return `meshsim limit: regex of about ${size} RE2 instructions, over ${MAX_REGEX_PROGRAM_SIZE}`;
  budget.left -= size;
  if (budget.left < 0) return `meshsim limit: the regexes of these routes add up to more than ${MAX_ROUTE_WALK_REGEX_SIZE} RE2 instructions`;
  const compiled = compileRe2(pattern);
  return compiled.ok ? compiled.re.matcher(input).matches() : `invalid RE2 regex: ${compiled.message}`;
}

/**
 * Envoy's `headers` of a route match (envoy `source/common/http/header_utility.cc` matchHeaders @ v1.38.2): every
 * matcher must hold; a missing header fails `safeRegexMatch` / `exactMatch` / `stringMatch.exact` and a
 * `presentMatch: true`; `invertMatch` flips the result. Other matcher kinds are not modelled (treated as holding).
 */
function headersMatch(matchers: unknown, headers: Readonly<Record<string, string>>, budget: RegexBudget): boolean | string {
  if (!Array.isArray(matchers)) return true;
  for (const m of matchers) {
    if (!isJsonObject(m) || typeof m["name"] !== "string") continue;
    const value = headers[m["name"].toLowerCase()];
    let ok: boolean | string = true;
    const sm = isJsonObject(m["stringMatch"]) ? m["stringMatch"] : undefined;
    if (isJsonObject(m["safeRegexMatch"]) && typeof m["safeRegexMatch"]["regex"] === "string") ok = value === undefined ? false : regexMatches(m["safeRegexMatch"]["regex"], value, budget);
    else if (typeof m["exactMatch"] === "string") ok = value === m["exactMatch"];
    else if (sm && typeof sm["exact"] === "string") ok = value === sm["exact"];
    else if (typeof m["presentMatch"] === "boolean") ok = (value !== undefined) === m["presentMatch"];
    if (typeof ok === "string") return ok;
    if (m["invertMatch"] === true) ok = !ok;
    if (!ok) return false;
  }
  return true;
}

/**
 * The first route whose path matcher (and, when `headers` is given, header matchers) holds. Without `headers`,
 * header and query matchers are not modelled.
 */
export function selectRoute(vhost: JsonObject, path: string, headers?: Readonly<Record<string, string>>): RouteMatchResult {
  const routes = Array.isArray(vhost["routes"]) ? (vhost["routes"] as JsonObject[]) : [];
  const pathOnly = path.split("?")[0] ?? path;
  const budget: RegexBudget = { left: MAX_ROUTE_WALK_REGEX_SIZE };
  for (const [index, route] of routes.entries()) {
    const m = isJsonObject(route["match"]) ? route["match"] : {};
    let ok: boolean | string;
    if (typeof m["prefix"] === "string") ok = pathOnly.startsWith(m["prefix"]);
    else if (typeof m["path"] === "string") ok = pathOnly === m["path"];
    else if (isJsonObject(m["safeRegex"]) && typeof m["safeRegex"]["regex"] === "string") ok = regexMatches(m["safeRegex"]["regex"], pathOnly, budget);
    else if (typeof m["pathSeparatedPrefix"] === "string") {
      const p = m["pathSeparatedPrefix"];
      ok = pathOnly === p || pathOnly.startsWith(`${p}/`);
    } else ok = false;
    if (ok === true && headers) ok = headersMatch(m["headers"], headers, budget);
    if (typeof ok === "string") return { error: `route #${index}: ${ok}` };
    if (ok) return { index, route };
  }
  return undefined;
}
