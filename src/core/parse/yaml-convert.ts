/**
 * Parsed YAML nodes → plain JSON values, iteratively (no recursion, so depth cannot overflow the
 * stack). Defence in depth behind the pre-parse guard: anchors, aliases, tags, directives and
 * nesting deeper than 64 are refused here again, plus what only the parsed tree shows — duplicate
 * keys (the parser runs with `uniqueKeys: false`, because its own check is quadratic: 20k keys take
 * 3.5 s with it, 0.3 s without; our Set is linear), `<<` merge keys (the parser runs with
 * `merge: false`), non-scalar keys and values JSON cannot hold. Every key becomes an own data
 * property, so a `__proto__` key stays data and never changes a prototype.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Scalar } from "yaml";
import { resolveGoYamlV2Plain } from "../go/yaml-scalar.js";
import { fail, joinPath, ok, type Result } from "../errors.js";
import type { MutableJson, MutableJsonObject } from "../json.js";
import { DEFAULT_SHAPE_LIMITS } from "./shape.js";

const MAX_DEPTH = DEFAULT_SHAPE_LIMITS.maxDepth;

interface PathLink {
  readonly parent: PathLink | null;
  readonly segment: string | number;
}

function linkPath(base: string, link: PathLink | null): string {
  const segments: (string | number)[] = [];
  for (let l = link; l !== null; l = l.parent) segments.push(l.segment);
  segments.reverse();
  return joinPath(base, ...segments);
}

/** What {@link convertDocument} needs besides the document. */
export interface ConvertContext {
  /** The line counter the document was parsed with, for `(line, column)` in messages. */
  readonly lineCounter: LineCounter;
  /** Resolve plain scalars like sigs.k8s.io/yaml (YAML 1.1) instead of YAML 1.2. */
  readonly yaml11: boolean;
  /** Violation path of the document; key paths inside it are appended. */
  readonly basePath: string;
}

type YamlNodeLike = {
  readonly range?: readonly [number, number, number] | null;
  readonly anchor?: string;
  readonly tag?: string;
};

function where(ctx: ConvertContext, node: unknown): string {
  const range = (node as YamlNodeLike | null)?.range;
  if (!range) return "";
  const { line, col } = ctx.lineCounter.linePos(range[0]);
  return ` (line ${line}, column ${col})`;
}

const MAX_MESSAGE = 240;

/** Shortens a violation message to at most 240 characters (an ellipsis marks the cut). */
export const clip = (s: string): string => (s.length > MAX_MESSAGE ? `${s.slice(0, MAX_MESSAGE - 1)}…` : s);

function setOwn(obj: MutableJsonObject, key: string, value: MutableJson): void {
  // defineProperty, not assignment: a `__proto__` key must become data, not a prototype change.
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

interface Pending {
  readonly node: unknown;
  readonly target: MutableJson[] | MutableJsonObject | null;
  readonly key: string | number;
  /** Container depth this node would have (root container = 1). */
  readonly depth: number;
  readonly link: PathLink | null;
}

function scalarValue(ctx: ConvertContext, node: Scalar): MutableJson | undefined {
  if (ctx.yaml11 && node.type === "PLAIN") return resolveGoYamlV2Plain(node.source ?? "");
  const v: unknown = node.value;
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  return undefined; // Date, Uint8Array, bigint: only reachable through tags, which are refused
}

/** Converts one parsed document into plain JSON, iteratively; refuses what the pre-scan refuses. */
export function convertDocument(ctx: ConvertContext, doc: Document.Parsed): Result<MutableJson> {
  const refuse = (link: PathLink | null, message: string): Result<MutableJson> =>
    fail([{ path: linkPath(ctx.basePath, link), message: clip(message) }]);
  if (doc.directives?.yaml.explicit) {
    return refuse(null, "YAML directives (%YAML, %TAG) are not accepted");
  }

  let result: MutableJson = null;
  const stack: Pending[] = [{ node: doc.contents, target: null, key: 0, depth: 1, link: null }];
  while (stack.length > 0) {
    const item = stack.pop() as Pending;
    const node = item.node;
    let value: MutableJson;
    if (node === null || node === undefined) {
      value = null;
    } else if (isAlias(node)) {
      return refuse(item.link, `YAML aliases are not accepted${where(ctx, node)}`);
    } else if ((node as YamlNodeLike).anchor) {
      return refuse(item.link, `YAML anchors are not accepted${where(ctx, node)}`);
    } else if ((node as YamlNodeLike).tag) {
      return refuse(item.link, `YAML tags are not accepted${where(ctx, node)}`);
    } else if (isScalar(node)) {
      const v = scalarValue(ctx, node);
      if (v === undefined) {
        const shown = JSON.stringify(node.source ?? String(node.value)).slice(0, 60);
        return refuse(item.link, `YAML value ${shown} cannot be represented in JSON${where(ctx, node)}`);
      }
      value = v;
    } else if (isMap(node) || isSeq(node)) {
      if (item.depth > MAX_DEPTH) {
        return refuse(item.link, `YAML nesting is deeper than ${MAX_DEPTH} levels${where(ctx, node)}`);
      }
      const children: Pending[] = [];
      if (isSeq(node)) {
        const arr: MutableJson[] = new Array<MutableJson>(node.items.length).fill(null);
        node.items.forEach((child, index) => {
          children.push({ node: child, target: arr, key: index, depth: item.depth + 1, link: { parent: item.link, segment: index } });
        });
        value = arr;
      } else {
        const obj: MutableJsonObject = {};
        const seen = new Set<string>();
        for (const pair of node.items) {
          const k: unknown = pair.key;
          if (isAlias(k)) return refuse(item.link, `YAML aliases are not accepted${where(ctx, k)}`);
          if (!isScalar(k)) return refuse(item.link, `YAML mapping keys must be scalars${where(ctx, k)}`);
          if (k.anchor) return refuse(item.link, `YAML anchors are not accepted${where(ctx, k)}`);
          if (k.tag) return refuse(item.link, `YAML tags are not accepted${where(ctx, k)}`);
          if (k.type === "PLAIN" && k.source === "<<") {
            return refuse(item.link, `YAML merge keys (<<) are not accepted${where(ctx, k)}`);
          }
          // stringKeys: true gives the key's text; `on:` stays "on" even in YAML 1.1 mode.
          const key = typeof k.value === "string" ? k.value : String(k.source ?? k.value);
          const link: PathLink = { parent: item.link, segment: key };
          if (seen.has(key)) return refuse(link, `duplicate key ${JSON.stringify(key).slice(0, 80)}${where(ctx, k)}`);
          seen.add(key);
          setOwn(obj, key, null); // placeholder now, so keys keep document order
          children.push({ node: pair.value, target: obj, key, depth: item.depth + 1, link });
        }
        value = obj;
      }
      for (let c = children.length - 1; c >= 0; c--) stack.push(children[c] as Pending);
    } else {
      return refuse(item.link, `unsupported YAML node${where(ctx, node)}`);
    }

    const target = item.target;
    if (target === null) result = value;
    else if (Array.isArray(target)) target[item.key as number] = value;
    else setOwn(target, item.key as string, value);
  }
  return ok(result);
}

/** A document with no content at all (`---` followed by nothing); `null` or `~` is content. */
export function isEmptyDocument(doc: Document.Parsed): boolean {
  const c: unknown = doc.contents;
  if (c === null || c === undefined) return true;
  if (!isScalar(c)) return false;
  return c.type === "PLAIN" && c.source === "" && !c.anchor && !c.tag;
}
