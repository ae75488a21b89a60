/** Turns zod issues into violations with request paths; at most 20, and long key lists are cut. */
import type * as z from "zod";
import { joinPath, type Violation } from "./errors.js";

export const MAX_REPORTED_ISSUES = 20;

export function zodViolations(error: z.ZodError, base: string): Violation[] {
  return error.issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => {
    const path = joinPath(base, ...issue.path.filter((p): p is string | number => typeof p !== "symbol"));
    if (issue.code === "unrecognized_keys") {
      const keys = issue.keys.slice(0, 5).map((k) => JSON.stringify(k)).join(", ");
      const more = issue.keys.length > 5 ? ` and ${issue.keys.length - 5} more` : "";
      return { path, message: `unknown field${issue.keys.length > 1 ? "s" : ""} ${keys}${more}` };
    }
    return { path, message: issue.message };
  });
}
