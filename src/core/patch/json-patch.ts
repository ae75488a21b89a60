/**
 * RFC 6902 JSON Patch with the semantics Kuma's MeshProxyPatch `jsonPatches` get at config
 * generation, behind a guard for untrusted input.
 *
 * Why our own implementation instead of fast-json-patch: fast-json-patch 3.1.1 lets a patch reach
 * built-ins (`add /constructor/keys` replaces `Object.keys`; `copy` from `/constructor` puts
 * functions into the document; in workerd the damage outlives the request), and its semantics
 * differ from the Go library Kuma uses (negative indices, remove of a missing path, creation of
 * missing parents). A small port on plain JSON values gets the Go behaviour and error strings
 * right and only ever touches own properties of values this module created itself.
 *
 * Semantics: github.com/evanphx/json-patch/v5 v5.9.11 `v5/patch.go`, with the options Kuma sets in
 * kumahq/kuma `pkg/plugins/policies/core/jsonpatch/merge.go`:
 * `SupportNegativeIndices: true`, `AllowMissingPathOnRemove: true`, `EnsurePathExistsOnAdd: true`,
 * `AccumulatedCopySizeLimit: 0` (unlimited; we cap it, see below).
 * Kuma's cases: `pkg/plugins/policies/core/jsonpatch/merge_test.go` and the jsonPatches entries of
 * `pkg/plugins/policies/meshproxypatch/plugin/v1alpha1/*_test.go` @ v2.14.3. Why the guard: docs/hardening.md.
 *
 * Deliberate differences from Go, all for safety:
 * - segments `__proto__`, `constructor`, `prototype` and pointers with more than 64 segments are
 *   refused (Go would treat them as ordinary keys);
 * - the document may not grow past max(2 × input, 64 KiB) serialized characters, and copies may
 *   not add up to more than 3 MiB (Go has no limit with Kuma's options; each `copy /a → /a/-` doubles
 *   the document: 20 of them, an 801-byte patch, took 1.7 GB in a JavaScript JSON Patch run on Node 20);
 * - a root that ends up not being a JSON object is an error here (Kuma fails later, when it parses
 *   the patched JSON back into the Envoy message);
 * - Go keeps object keys in insertion order; JS objects list integer-like keys first. Kuma
 *   compares results semantically, so only key order of such keys can differ.
 */
import { joinPath, type Violation } from "../errors.js";
import type { JsonObject, MutableJson, MutableJsonObject } from "../json.js";

/** One RFC 6902 operation as Kuma accepts it (`test` is not in Kuma's schema enum). */
export type JsonPatchOp = {
  op: "add" | "remove" | "replace" | "move" | "copy";
  path: string;
  value?: unknown;
  from?: string;
};

/**
 * What Kuma puts in front of every error from the patch library
 * (`merge.go`: `fmt.Errorf("failed to patch: apply json patches: %w", err)`). Not added by
 * {@link applyJsonPatch}, so callers can add it together with Kuma's outer wrappers.
 */
export const KUMA_JSON_PATCH_ERROR_PREFIX = "failed to patch: apply json patches: ";

/** Maximum operations in one `jsonPatches` block (guard and apply). */
export const JSON_PATCH_MAX_OPERATIONS = 100;
/** Maximum reference tokens in one pointer: more can never address anything in a depth-64 document. */
export const JSON_PATCH_MAX_POINTER_SEGMENTS = 64;
/** Total characters `copy` operations may duplicate in one block (Kubernetes: JSONPatchMaxCopyBytes). */
export const JSON_PATCH_MAX_COPY_SIZE = 3 * 1024 * 1024;
/** The document may always grow to at least this many serialized characters. */
export const JSON_PATCH_MIN_SIZE_LIMIT = 64 * 1024;

/** Segments that name JavaScript prototype machinery; refused wherever a pointer is read. */
const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/**
 * RFC 6901 §4 unescaping in one pass, so `~01` becomes `~1` and not `/`.
 * Port of `decodePatchKey` (strings.NewReplacer("~1", "/", "~0", "~")) in evanphx/json-patch v5/patch.go.
 */
function decodeToken(token: string): string {
  return token.indexOf("~") === -1 ? token : token.replace(/~[01]/g, (m) => (m === "~1" ? "/" : "~"));
}

/** First refused segment of a pointer, or null. Shared by the guard and by apply. */
function refusedSegment(pointer: string, checkIndexes: boolean): string | null {
  const tokens = pointer.split("/");
  // tokens[0] is the text before the first "/" ("" for a well-formed pointer).
  if (tokens.length - 1 > JSON_PATCH_MAX_POINTER_SEGMENTS) {
    return `pointer has more than ${JSON_PATCH_MAX_POINTER_SEGMENTS} segments`;
  }
  for (const raw of tokens) {
    const seg = decodeToken(raw);
    if (FORBIDDEN_SEGMENTS.has(seg)) return `path segment ${JSON.stringify(seg)} is not allowed`;
    if (checkIndexes) {
      const m = /^-?(\d+)$/.exec(seg);
      if (m !== null) {
        const digits = m[1] as string;
        if (digits.length > 10) {
          return `path segment ${JSON.stringify(seg)} is not a valid array index: more than 10 digits`;
        }
        if (digits.length > 1 && digits.startsWith("0")) {
          return `path segment ${JSON.stringify(seg)} is not a valid array index: leading zeros are not allowed`;
        }
      }
    }
  }
  return null;
}

function ownValue(obj: unknown, key: string): unknown {
  return typeof obj === "object" && obj !== null && Object.prototype.hasOwnProperty.call(obj, key)
    ? (obj as Record<string, unknown>)[key]
    : undefined;
}

/**
 * Admission-time guard for a `jsonPatches` block (runs next to Kuma's own validator, which checks
 * op/value/from combinations but not pointers). Refuses more than 100 operations, any pointer
 * segment `__proto__` / `constructor` / `prototype` (after `~1`/`~0` unescaping), index-looking
 * segments with leading zeros or more than 10 digits, and pointers with more than 64 segments.
 *
 * A missing leading `/` is NOT refused: Kuma accepts it at admission and only fails at
 * generation, and the simulator must report that the same way.
 *
 * @param ops  the block as parsed from the request (shape is checked elsewhere; non-string
 *             `path`/`from` are ignored here)
 * @param path violation path of the block, e.g. `spec.default.appendModifications[0].cluster.jsonPatches`
 * @returns violations at `${path}[j].path` / `${path}[j].from`, or at `path` for the count
 */
export function guardJsonPatch(ops: readonly unknown[], path: string): Violation[] {
  if (ops.length > JSON_PATCH_MAX_OPERATIONS) {
    // Do not look at the operations: the count alone is the refusal, and scanning is the cost.
    return [{ path, message: `must contain at most ${JSON_PATCH_MAX_OPERATIONS} operations (got ${ops.length})` }];
  }
  const out: Violation[] = [];
  ops.forEach((op, j) => {
    for (const field of ["path", "from"] as const) {
      const pointer = ownValue(op, field);
      if (typeof pointer !== "string") continue;
      const refusal = refusedSegment(pointer, true);
      if (refusal !== null) out.push({ path: joinPath(path, j, field), message: refusal });
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Apply

type Container = MutableJson[] | MutableJsonObject;

/** Thrown internally for our own limits; always caught in applyJsonPatch. */
class PatchLimitError extends Error {}

type Got = { readonly ok: true; readonly value: MutableJson } | { readonly ok: false; readonly error: string };
type Atoi = { readonly ok: true; readonly value: bigint } | { readonly ok: false; readonly error: string };

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Go's strconv.Quote, close enough for error messages (Go escapes a few more characters). */
const goQuote = (s: string): string => JSON.stringify(s);

/**
 * Go's strconv.Atoi on a 64-bit platform (port of go/src/strconv/atoi.go behaviour): optional sign,
 * decimal digits, leading zeros allowed, int64 range; errors read
 * `strconv.Atoi: parsing "x": invalid syntax` / `value out of range`.
 */
function goAtoi(s: string): Atoi {
  const m = /^[+-]?(\d+)$/.exec(s);
  if (m === null) return { ok: false, error: `strconv.Atoi: parsing ${goQuote(s)}: invalid syntax` };
  const digits = (m[1] as string).replace(/^0+(?=\d)/, "");
  // Checked before BigInt(): parsing a megabyte of digits is quadratic, and it is out of range anyway.
  if (digits.length > 19) return { ok: false, error: `strconv.Atoi: parsing ${goQuote(s)}: value out of range` };
  const v = BigInt(s.startsWith("-") ? `-${digits}` : digits);
  if (v < INT64_MIN || v > INT64_MAX) {
    return { ok: false, error: `strconv.Atoi: parsing ${goQuote(s)}: value out of range` };
  }
  return { ok: true, value: v };
}

const invalidIndex = (idx: bigint): string => `Unable to access invalid index: ${idx}: invalid index referenced`;
const isContainer = (v: MutableJson): v is Container => typeof v === "object" && v !== null;
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Defines an own data property: `__proto__` (if it ever got here) would be data, not a prototype change. */
function setOwn(obj: MutableJsonObject, key: string, value: MutableJson): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Serialized size in characters; `stringify` also fails loudly (RangeError) on absurd depth. */
function sizeOf(v: MutableJson): number {
  return JSON.stringify(v).length;
}

/** Characters an object member adds besides its value: `"key"`, `:` and a `,`. */
const memberOverhead = (key: string): number => JSON.stringify(key).length + 2;

/**
 * One application of a patch block. Holds the working copy and, like Go's root `partialDoc`,
 * a `self` node: what the empty key at the root resolves to. In Go that node is the raw input
 * document (or the value of the last `add ""`), not the current document, so `copy from ""`
 * copies the document as it was before the patch. We keep it as JSON text and parse it lazily.
 */
class Patcher {
  root: MutableJson;
  private selfJson: string | null;
  private selfValue: MutableJson | undefined = undefined;
  /** Upper bound on the serialized size of everything we hold (exact plus at most one comma per container). */
  private estimate: number;
  private copied = 0;
  private readonly limit: number;

  constructor(inputJson: string) {
    this.root = JSON.parse(inputJson) as MutableJson;
    this.selfJson = inputJson;
    this.estimate = inputJson.length;
    this.limit = Math.max(2 * inputJson.length, JSON_PATCH_MIN_SIZE_LIMIT);
  }

  private grow(delta: number): void {
    this.estimate += delta;
    if (this.estimate > this.limit) {
      throw new PatchLimitError(
        `patch result exceeds the size limit: the document would grow past ${this.limit} characters ` +
          `(2 × its input size, at least ${JSON_PATCH_MIN_SIZE_LIMIT})`,
      );
    }
  }

  private self(): MutableJson {
    if (this.selfValue === undefined) this.selfValue = this.selfJson === null ? null : (JSON.parse(this.selfJson) as MutableJson);
    return this.selfValue;
  }

  /** Clone of an operation value, with its size. Functions and undefined become null, as JSON has them. */
  private opValue(v: unknown): { value: MutableJson; json: string } {
    const json = JSON.stringify(v === undefined ? null : v) ?? "null";
    return { value: JSON.parse(json) as MutableJson, json };
  }

  // --- container primitives (partialDoc / partialArray methods in v5/patch.go) ---

  /** `get`: "" is the container's `self` (only the root has one); otherwise own keys / Atoi indexes. */
  private get(con: Container, key: string): Got {
    if (key === "") return { ok: true, value: con === this.root ? this.self() : null };
    if (!Array.isArray(con)) {
      return hasOwn(con, key)
        ? { ok: true, value: con[key] as MutableJson }
        : { ok: false, error: `unable to get nonexistent key: ${key}: missing value` };
    }
    const a = goAtoi(key);
    if (!a.ok) return a;
    let idx = a.value;
    const len = BigInt(con.length);
    if (idx < 0n) {
      if (idx < -len) return { ok: false, error: invalidIndex(idx) };
      idx += len;
    }
    if (idx >= len) return { ok: false, error: invalidIndex(idx) };
    return { ok: true, value: con[Number(idx)] as MutableJson };
  }

  /** `add`: objects set the key; arrays insert (`-` appends, negative counts from len+1). */
  private add(con: Container, key: string, value: MutableJson, size: number): string | null {
    if (!Array.isArray(con)) {
      this.grow(hasOwn(con, key) ? size - sizeOf(con[key] as MutableJson) : memberOverhead(key) + size);
      setOwn(con, key, value);
      return null;
    }
    if (key === "-") {
      this.grow(size + 1);
      con.push(value);
      return null;
    }
    const a = goAtoi(key);
    if (!a.ok) return `value was not a proper array index: '${key}': ${a.error}`;
    let idx = a.value;
    const len = BigInt(con.length + 1);
    if (idx >= len) return invalidIndex(idx);
    if (idx < 0n) {
      if (idx < -len) return invalidIndex(idx);
      idx += len;
    }
    this.grow(size + 1);
    con.splice(Number(idx), 0, value);
    return null;
  }

  /** `set` (used by replace only, after a successful get). */
  private set(con: Container, key: string, value: MutableJson, size: number): string | null {
    if (!Array.isArray(con)) return this.add(con, key, value, size);
    const a = goAtoi(key);
    if (!a.ok) return a.error;
    let idx = a.value;
    const len = BigInt(con.length);
    if (idx < 0n) {
      if (idx < -len) return invalidIndex(idx);
      idx += len;
    }
    if (idx >= len) return invalidIndex(idx); // unreachable after get(); keeps arrays hole-free
    const i = Number(idx);
    this.grow(size - sizeOf(con[i] as MutableJson));
    con[i] = value;
    return null;
  }

  /** `remove` with AllowMissingPathOnRemove: a missing key or out-of-range index is a no-op. */
  private remove(con: Container, key: string): string | null {
    if (!Array.isArray(con)) {
      if (!hasOwn(con, key)) return null;
      this.grow(-(memberOverhead(key) + sizeOf(con[key] as MutableJson)));
      delete con[key];
      return null;
    }
    const a = goAtoi(key);
    if (!a.ok) return a.error;
    let idx = a.value;
    const len = BigInt(con.length);
    if (idx >= len) return null;
    if (idx < 0n) {
      if (idx < -len) return null;
      idx += len;
    }
    const i = Number(idx);
    this.grow(-(sizeOf(con[i] as MutableJson) + 1));
    con.splice(i, 1);
    return null;
  }

  /**
   * Port of `findObject` (v5/patch.go): resolves every token but the last and returns the
   * container plus the decoded last token, or null. Note that the text before the first "/" is
   * ignored (`a/b` behaves like `/b`) and a pointer without any "/" other than "" is missing.
   */
  private findObject(path: string): { con: Container; key: string } | null {
    const split = path.split("/");
    if (split.length < 2) return path === "" && isContainer(this.root) ? { con: this.root, key: "" } : null;
    if (!isContainer(this.root)) return null;
    let doc: Container = this.root;
    for (let i = 1; i < split.length - 1; i++) {
      const got = this.get(doc, decodeToken(split[i] as string));
      // Go: a nil node (JSON null) or a scalar cannot be descended into: "missing path".
      if (!got.ok || !isContainer(got.value)) return null;
      doc = got.value;
    }
    return { con: doc, key: decodeToken(split[split.length - 1] as string) };
  }

  /**
   * Port of `ensurePathExists` (v5/patch.go, EnsurePathExistsOnAdd): creates missing parents,
   * an array when the next token is an integer or "-" (padded with nulls up to that index), an
   * object otherwise. Quirks kept on purpose, because Kuma shows them too: new containers are
   * inserted with the RAW token (so a missing `a~1b` is created as key "a~1b" and the add then
   * fails), a null counts as missing and is replaced, and errors from inserting the new
   * container are ignored (the following lookup then reports the missing path).
   */
  private ensurePathExists(path: string): string | null {
    const parts = path.split("/");
    if (parts.length < 2 || !isContainer(this.root)) return null;
    let doc: Container = this.root;
    for (let pi = 1; pi < parts.length - 1; pi++) {
      const part = parts[pi] as string;
      const next = parts[pi + 1] as string;
      const got = this.get(doc, decodeToken(part));
      if (got.ok && got.value !== null) {
        if (!isContainer(got.value)) return "invalid state detected"; // Go: intoDoc on a scalar → ErrInvalid
        doc = got.value;
        continue;
      }
      const here = goAtoi(part);
      if (here.ok && Array.isArray(doc) && here.value >= BigInt(doc.length + 1)) {
        this.padWithNulls(doc, here.value - BigInt(doc.length));
      }
      const nextIndex = goAtoi(next);
      let created: Container;
      if (nextIndex.ok || next === "-") {
        let arrIndex = nextIndex.ok ? nextIndex.value : 0n;
        if (arrIndex < 0n) {
          if (arrIndex < -1n) {
            return `Unable to ensure path for negative index other than -1: ${arrIndex}: invalid index referenced`;
          }
          arrIndex = 0n;
        }
        created = [];
        this.add(doc, part, created, 2); // error ignored, as in Go
        this.padWithNulls(created, arrIndex);
      } else {
        created = {};
        this.add(doc, part, created, 2); // error ignored, as in Go
      }
      doc = created;
    }
    return null;
  }

  private padWithNulls(arr: MutableJson[], count: bigint): void {
    // Size first (in bigint, the index can be 2^63): `add /a/999999999/x` would otherwise
    // allocate a billion nulls before any check ran. Each padding null costs "null," = 5.
    if (BigInt(this.estimate) + 5n * count > BigInt(this.limit)) this.grow(this.limit + 1);
    const n = Number(count);
    this.grow(5 * n);
    for (let i = 0; i < n; i++) arr.push(null);
  }

  // --- operations (Patch.add / remove / replace / move / copy in v5/patch.go) ---

  apply(op: unknown): string | null {
    const kind = ownValue(op, "op");
    const path = ownValue(op, "path");
    const from = ownValue(op, "from");
    for (const pointer of [path, from]) {
      if (typeof pointer !== "string") continue;
      const refusal = refusedSegment(pointer, false);
      if (refusal !== null) return `${typeof kind === "string" ? kind : "patch"} operation refused: ${refusal} (pointer ${JSON.stringify(pointer)})`;
    }
    const hasValue = typeof op === "object" && op !== null && hasOwn(op, "value");
    switch (kind) {
      case "add":
        return this.opAdd(path, hasValue, ownValue(op, "value"));
      case "remove":
        return this.opRemove(path);
      case "replace":
        return this.opReplace(path, ownValue(op, "value"));
      case "move":
        return this.opMove(from, path);
      case "copy":
        return this.opCopy(from, path);
      default:
        return `Unexpected kind: ${typeof kind === "string" ? kind : "unknown"}`;
    }
  }

  private opAdd(path: unknown, hasValue: boolean, raw: unknown): string | null {
    if (typeof path !== "string") return "add operation failed to decode path: missing value";
    const { value, json } = this.opValue(raw);
    if (path === "") {
      // "adding to empty means replacing the container with the value given"
      if (!hasValue) return "add operation failed: missing value"; // Go dereferences nil here
      if (!isContainer(value)) {
        // Go unmarshals a non-array into its object type; approximations of encoding/json's text.
        return value === null
          ? "invalid value, expected object"
          : `json: cannot unmarshal ${typeof value === "boolean" ? "bool" : typeof value} into Go value of type map[string]*jsonpatch.lazyNode`;
      }
      this.estimate = 0;
      this.grow(json.length);
      this.root = value;
      this.selfJson = json; // Go: the new root's self is the value node
      this.selfValue = undefined;
      return null;
    }
    const ensured = this.ensurePathExists(path);
    if (ensured !== null) return ensured;
    const target = this.findObject(path);
    if (target === null) return `add operation does not apply: doc is missing path: "${path}": missing value`;
    const err = this.add(target.con, target.key, value, json.length);
    return err === null ? null : `error in add for path: '${path}': ${err}`;
  }

  private opRemove(path: unknown): string | null {
    if (typeof path !== "string") return "remove operation failed to decode path: missing value";
    const target = this.findObject(path);
    if (target === null) return null; // AllowMissingPathOnRemove
    const err = this.remove(target.con, target.key);
    return err === null ? null : `error in remove for path: '${path}': ${err}`;
  }

  private opReplace(path: unknown, raw: unknown): string | null {
    if (typeof path !== "string") return "replace operation failed to decode path: operation missing path field: missing value";
    const { value, json } = this.opValue(raw);
    if (path === "") {
      // Go formats a nil error with %w here, hence the odd suffix.
      if (!isContainer(value)) return "replace operation value must be object or array: %!w(<nil>)";
      this.estimate = 0;
      this.grow(json.length);
      this.root = value;
      this.selfJson = null; // Go: the replacement partialDoc has no self
      this.selfValue = undefined;
      return null;
    }
    const target = this.findObject(path);
    if (target === null) return `replace operation does not apply: doc is missing path: ${path}: missing value`;
    if (!this.get(target.con, target.key).ok) {
      return `replace operation does not apply: doc is missing key: ${path}: missing value`;
    }
    const err = this.set(target.con, target.key, value, json.length);
    // Go's replace really does say "remove" here.
    return err === null ? null : `error in remove for path: '${path}': ${err}`;
  }

  private opMove(from: unknown, path: unknown): string | null {
    if (typeof from !== "string") return "move operation failed to decode from: operation, missing from field: missing value";
    if (from === "") return "unable to move entire document to another path: invalid state detected";
    const source = this.findObject(from);
    if (source === null) return `move operation does not apply: doc is missing from path: ${from}: missing value`;
    const got = this.get(source.con, source.key);
    if (!got.ok) return `error in move for path: '${source.key}': ${got.error}`;
    // The root's self is shared state; a moved copy of it must not alias it.
    const value = source.key === "" && isContainer(got.value) ? (JSON.parse(JSON.stringify(got.value)) as MutableJson) : got.value;
    const removed = this.remove(source.con, source.key);
    if (removed !== null) return `error in move for path: '${source.key}': ${removed}`;
    if (typeof path !== "string") return "move operation failed to decode path: operation missing path field: missing value";
    const target = this.findObject(path);
    if (target === null) return `move operation does not apply: doc is missing destination path: ${path}: missing value`;
    const err = this.add(target.con, target.key, value, sizeOf(value));
    return err === null ? null : `error in move for path: '${path}': ${err}`;
  }

  private opCopy(from: unknown, path: unknown): string | null {
    if (typeof from !== "string") return "copy operation failed to decode from: operation, missing from field: missing value";
    const source = this.findObject(from);
    if (source === null) return `copy operation does not apply: doc is missing from path: "${from}": missing value`;
    const got = this.get(source.con, source.key);
    if (!got.ok) return `error in copy for from: '${from}': ${got.error}`;
    if (typeof path !== "string") return "copy operation failed to decode path: missing value";
    const target = this.findObject(path);
    if (target === null) return `copy operation does not apply: doc is missing destination path: ${path}: missing value`;
    const json = JSON.stringify(got.value);
    this.copied += json.length;
    if (this.copied > JSON_PATCH_MAX_COPY_SIZE) {
      throw new PatchLimitError(
        `patch result exceeds the size limit: copy operations would duplicate more than ${JSON_PATCH_MAX_COPY_SIZE} characters`,
      );
    }
    const err = this.add(target.con, target.key, JSON.parse(json) as MutableJson, json.length);
    return err === null ? null : `error while adding value during copy: ${err}`;
  }
}

/** The object members a pointer names, if every segment is a plain key (no index, no empty segment, nothing refused). */
function memberPath(pointer: unknown): string[] | undefined {
  if (typeof pointer !== "string" || !pointer.startsWith("/") || refusedSegment(pointer, false) !== null) return undefined;
  const keys = pointer.slice(1).split("/").map(decodeToken);
  return keys.every((k) => k !== "") ? keys : undefined;
}

/**
 * The common case, copy-on-write: only `replace` operations of members that exist, through objects only. The
 * result is what the general path gives (a replace keeps the member's place; a growth the size limit could
 * refuse takes the general path), but only the objects on each written path are copied: the rest is shared
 * with `doc`, so a decoder cache and the write diff see it unchanged. `undefined` when the patch needs the
 * general path.
 */
function replaceOnly(doc: JsonObject, ops: readonly JsonPatchOp[]): JsonObject | undefined {
  if (ops.length === 0) return undefined; // the general path answers a copy, never the input itself
  let root = doc as MutableJsonObject;
  const copied = new Set<object>();
  let growth = 0;
  let floor = 0; // a lower bound of the input's serialized length
  for (const op of ops) {
    if (ownValue(op, "op") !== "replace") return undefined;
    const keys = memberPath(ownValue(op, "path"));
    if (keys === undefined) return undefined;
    const chain: MutableJsonObject[] = [root];
    for (const k of keys.slice(0, -1)) {
      const next = hasOwn(chain[chain.length - 1]!, k) ? chain[chain.length - 1]![k] : undefined;
      if (next === undefined || !isContainer(next) || Array.isArray(next)) return undefined;
      chain.push(next);
    }
    const last = keys[keys.length - 1]!;
    const parent = chain[chain.length - 1]!;
    if (!hasOwn(parent, last)) return undefined;
    const json = JSON.stringify(ownValue(op, "value") ?? null) ?? "null";
    const oldSize = sizeOf(parent[last] as MutableJson);
    growth += Math.max(0, json.length - oldSize);
    floor = Math.max(floor, oldSize + memberOverhead(last));
    if (growth > floor) return undefined; // the size limit (at least twice the input) can only be reached past this
    // Copy the objects on the path once each (a second write under the same object reuses its copy).
    let child: MutableJson = JSON.parse(json) as MutableJson;
    for (let i = chain.length - 1; i >= 0; i--) {
      const original = chain[i]!;
      const copy = copied.has(original) ? original : { ...original };
      copied.add(copy);
      copy[keys[i]!] = child;
      child = copy;
    }
    root = child as MutableJsonObject;
  }
  return root;
}

/** Outcome of {@link applyJsonPatch}: the patched copy, or the error text Kuma would report (without its prefix). */
export type JsonPatchResult = { ok: true; doc: JsonObject } | { ok: false; message: string };

/**
 * Applies a `jsonPatches` block to a resource rendered as JSON, all-or-nothing, the way Kuma does
 * at config generation: operations run in order on one document; the first failing operation
 * aborts the block and its message is returned (exactly the json-patch v5 text; prepend
 * {@link KUMA_JSON_PATCH_ERROR_PREFIX} for Kuma's full message).
 *
 * Pure: `doc` is never mutated (the patch runs on a copy; the result may share subtrees it did not
 * write with `doc`, so treat both as immutable), every pointer is resolved through
 * own properties only, forbidden segments are refused even if {@link guardJsonPatch} was skipped,
 * and nothing is ever thrown.
 */
export function applyJsonPatch(doc: JsonObject, ops: readonly JsonPatchOp[]): JsonPatchResult {
  try {
    if (ops.length > JSON_PATCH_MAX_OPERATIONS) {
      return { ok: false, message: `patch has more than ${JSON_PATCH_MAX_OPERATIONS} operations (${ops.length})` };
    }
    const replaced = replaceOnly(doc, ops);
    if (replaced !== undefined) return { ok: true, doc: replaced };
    // One serialization gives the deep copy, the input size, and Go's root `self` snapshot.
    const patcher = new Patcher(JSON.stringify(doc));
    for (const op of ops) {
      const err = patcher.apply(op);
      if (err !== null) return { ok: false, message: err };
    }
    const root = patcher.root;
    if (!isContainer(root) || Array.isArray(root)) {
      return { ok: false, message: "patched document is not a JSON object" };
    }
    return { ok: true, doc: root };
  } catch (e) {
    if (e instanceof PatchLimitError) return { ok: false, message: e.message };
    // RangeError from JSON.stringify on absurdly deep values; anything else is our bug, reported without a stack.
    return { ok: false, message: e instanceof RangeError ? "patch could not be applied: document is nested too deeply" : "patch could not be applied" };
  }
}
