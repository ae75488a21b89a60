/**
 * Line and column of a value in the original file text, so SARIF can point at a MeshProxyPatch's
 * modification. Runs only on text the guarded parser has already accepted (no aliases, no tags).
 */
import { isEmptyDocument } from "../core/parse/yaml-convert.js";
import { LineCounter, parseAllDocuments, type Document } from "yaml";

/** 1-based, as SARIF's `region.startLine` / `startColumn`. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * Where `path` starts in the `doc`-th non-empty YAML (or JSON) document of `text`; where the path does not
 * lead to a node, the deepest node on it that exists. `undefined` when the text has no such document.
 */
export function locate(text: string, doc: number, path: readonly (string | number)[]): Position | undefined {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false, merge: false });
  if (!Array.isArray(docs)) return undefined;
  const d = docs.filter((x) => !isEmptyDocument(x as Document.Parsed))[doc];
  if (!d) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? d.contents : d.getIn(path.slice(0, n), true);
    const start = (node as { range?: [number, number, number] } | null)?.range?.[0];
    if (start !== undefined) {
      const { line, col } = lineCounter.linePos(start);
      return { line, column: col };
    }
  }
  return undefined;
}
