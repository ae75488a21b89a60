/**
 * Size and shape limits for parsed request values (JSON bodies, YAML documents, patch results).
 *
 * Why a separate walk: JSON.parse accepts any depth, but JSON.stringify, structuredClone and zod's
 * `z.lazy` throw RangeError at roughly 10k levels, and a 100k-key object makes every later pass slow.
 * So every untrusted value goes through one cheap, iterative (never recursive) walk before anything
 * else touches it. The other guards and their measured costs: docs/hardening.md.
 */
import { joinPath, type Violation } from "../errors.js";

/** Limits enforced by {@link checkShape}. */
export interface ShapeLimits {
  /** Maximum container nesting: `[]` and `{}` count 1, `[[]]` counts 2; scalars add nothing. */
  readonly maxDepth: number;
  /** Maximum number of values (containers and scalars, object keys not counted separately). */
  readonly maxNodes: number;
  /** Maximum length of any string value or object key, in UTF-16 code units (JS string length). */
  readonly maxStringLength: number;
}

/** Defaults: depth 64, 200 000 values, strings up to 1 MiB (1 048 576 code units). */
export const DEFAULT_SHAPE_LIMITS: ShapeLimits = Object.freeze({
  maxDepth: 64,
  maxNodes: 200_000,
  maxStringLength: 1024 * 1024,
});

/**
 * A parent link instead of a path string per value: memory stays O(depth), and a path string is
 * only built for the (at most three) offenders we report.
 */
interface PathLink {
  readonly parent: PathLink | null;
  readonly segment: string | number;
}

/**
 * A container being walked, with a cursor: children are visited lazily, so a 10^6-element array
 * costs only as many steps as the node cap allows.
 */
interface Frame {
  readonly container: readonly unknown[] | Readonly<Record<string, unknown>>;
  /** Own enumerable keys for objects (what JSON sees); null for arrays. */
  readonly keys: readonly string[] | null;
  readonly length: number;
  next: number;
  /** Container depth of this container (root container = 1). */
  readonly depth: number;
  readonly link: PathLink | null;
}

function pathOf(base: string, link: PathLink | null): string {
  const segments: (string | number)[] = [];
  for (let l = link; l !== null; l = l.parent) segments.push(l.segment);
  segments.reverse();
  return joinPath(base, ...segments);
}

/**
 * Checks nesting depth, value count and string length of `value` in one iterative walk, so that
 * 10^6-deep input cannot overflow the stack. Returns at most one violation per kind (depth, node
 * count, string length), each naming the first offender found. Containers deeper than the limit
 * are not descended into, and the walk stops once the node cap is exceeded, so the cost is bounded
 * by the limits rather than by the input.
 *
 * Only arrays and objects are descended into (own enumerable string keys, as JSON sees them);
 * anything else counts as a scalar.
 *
 * @param value  a parsed, untrusted value
 * @param path   violation path of `value` in the request (e.g. `resources[2].spec`)
 * @param limits overrides for {@link DEFAULT_SHAPE_LIMITS}
 */
export function checkShape(value: unknown, path: string, limits?: Partial<ShapeLimits>): Violation[] {
  const maxDepth = limits?.maxDepth ?? DEFAULT_SHAPE_LIMITS.maxDepth;
  const maxNodes = limits?.maxNodes ?? DEFAULT_SHAPE_LIMITS.maxNodes;
  const maxStringLength = limits?.maxStringLength ?? DEFAULT_SHAPE_LIMITS.maxStringLength;

  let depthViolation: Violation | null = null;
  let nodesViolation: Violation | null = null;
  let stringViolation: Violation | null = null;

  let nodes = 0;
  const stack: Frame[] = [];

  /** Counts and checks one value; returns false when the walk must stop (node cap). */
  const visit = (v: unknown, depth: number, link: PathLink | null): boolean => {
    nodes++;
    if (nodes > maxNodes) {
      nodesViolation = { path: pathOf(path, link), message: `document has more than ${maxNodes} values` };
      return false; // the remaining walk is exactly the cost the cap exists to avoid
    }
    // Object keys are checked when their value is visited, so offenders are found in document order.
    const seg = link?.segment;
    if (stringViolation === null && typeof seg === "string" && seg.length > maxStringLength) {
      stringViolation = {
        path: pathOf(path, link),
        message: `object key is longer than ${maxStringLength} characters (${seg.length})`,
      };
    }
    if (typeof v === "string") {
      if (stringViolation === null && v.length > maxStringLength) {
        stringViolation = { path: pathOf(path, link), message: `string is longer than ${maxStringLength} characters (${v.length})` };
      }
      return true;
    }
    if (typeof v !== "object" || v === null) return true;
    if (depth > maxDepth) {
      if (depthViolation === null) {
        depthViolation = { path: pathOf(path, link), message: `nesting is deeper than ${maxDepth} levels` };
      }
      return true; // never descend past the limit: this is what keeps 10^6-deep input cheap
    }
    if (Array.isArray(v)) {
      stack.push({ container: v, keys: null, length: v.length, next: 0, depth, link });
    } else {
      const keys = Object.keys(v);
      stack.push({ container: v as Record<string, unknown>, keys, length: keys.length, next: 0, depth, link });
    }
    return true;
  };

  // Depth-first, children in order, so "first offender" means first in document order.
  let go = visit(value, 1, null);
  while (go && stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.next >= frame.length) {
      stack.pop();
      continue;
    }
    const i = frame.next++;
    if (frame.keys === null) {
      go = visit((frame.container as readonly unknown[])[i], frame.depth + 1, { parent: frame.link, segment: i });
    } else {
      const k = frame.keys[i] as string;
      go = visit((frame.container as Readonly<Record<string, unknown>>)[k], frame.depth + 1, { parent: frame.link, segment: k });
    }
  }

  const out: Violation[] = [];
  if (depthViolation !== null) out.push(depthViolation);
  if (nodesViolation !== null) out.push(nodesViolation);
  if (stringViolation !== null) out.push(stringViolation);
  return out;
}
