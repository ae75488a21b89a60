/**
 * The YAML pre-parse guard: refuses anchors, aliases, tags, directives and nesting deeper than a
 * limit while the `yaml` package's own Lexer reads the text, before its Parser sees the token.
 *
 * Why before the parser (measured with `yaml` 2.9.1 on Node 20): 8k anchor/alias pairs (158 KB)
 * take 5.6 s to parse, a 342-byte billion-laughs bomb expands without bound through aliases, and
 * two parses of a 2 KB `[[[…` nested 1000 deep abort Node with `FATAL ERROR: RegExpCompiler
 * Allocation failed`, which no try/catch can stop (workerd answers RESOURCE_EXHAUSTION). The guard
 * stops at the 65th level, so a 100k-deep `[[[…` is refused after 65 tokens.
 *
 * Why the Lexer: it is the tokenizer the Parser runs on, so a `*`, `&`, `!` or `%` is refused
 * exactly when the parser would read it as an alias, anchor, tag or directive — never when it is
 * content of a quoted, block or plain scalar (`foo*bar`) or of a comment. Its tokens are yielded
 * unchanged, so the caller feeds the same tokens to the Parser and the text is lexed once. It is
 * linear in the text (one pass; each token is looked at a constant number of times).
 *
 * What the Lexer does not give is depth: it tracks flow levels but not block structure. Depth is
 * counted here: open flow collections plus a stack of block indentation columns (each `key:`,
 * `- ` or `? ` opens a level at its column; the first token of a line closes every level at or
 * right of the line's indentation; `---` and `...` close all). It can under-count a sequence
 * written at its parent key's indentation (at most by half), which is why the parsed value is
 * checked again; it never under-counts flow nesting, the case that crashes the parser.
 */
import { CST, Lexer } from "yaml";

/** Why the guard refused the text, and where (1-based line and column, counted in UTF-16 units). */
export interface GuardRefusal {
  readonly message: string;
  readonly line: number;
  readonly col: number;
}

/** Token types (as `CST.tokenType` names them) that do not start a line's content. */
const LAYOUT: ReadonlySet<string> = new Set(["space", "comment", "newline", "byte-order-mark"]);

const REFUSED: ReadonlyMap<string, string> = new Map([
  ["anchor", "YAML anchors are not accepted"],
  ["alias", "YAML aliases are not accepted"],
  ["tag", "YAML tags are not accepted"],
  ["directive-line", "YAML directives (%YAML, %TAG) are not accepted"],
]);

/** 1-based line and column of `at`, lines ending at LF (a lone CR is not a line break here). */
function position(text: string, at: number): { line: number; col: number } {
  let line = 1;
  for (let k = text.indexOf("\n"); k !== -1 && k < at; k = text.indexOf("\n", k + 1)) line++;
  const lineStart = at === 0 ? 0 : text.lastIndexOf("\n", at - 1) + 1;
  return { line, col: at - lineStart + 1 };
}

/**
 * Guards one YAML text. Iterate {@link YamlGuard.tokens} (and hand each token to a `yaml` Parser
 * if the text is to be parsed); when the iteration ends early, {@link YamlGuard.refusal} says why.
 */
export class YamlGuard {
  /** The first refusal, or null while (and if) the text is acceptable. */
  refusal: GuardRefusal | null = null;
  private readonly text: string;
  private readonly maxDepth: number;

  /**
   * @param text     the YAML text
   * @param maxDepth the deepest nesting of collections accepted (`[[]]` is 2)
   */
  constructor(text: string, maxDepth: number) {
    this.text = text;
    this.maxDepth = maxDepth;
  }

  /** The Lexer's tokens for the text, unchanged; stops before the first refused token. */
  *tokens(): Generator<string, void, undefined> {
    const { text, maxDepth } = this;
    const block: number[] = []; // columns of the open block collections, innermost last
    let flow = 0; // open flow collections
    let offset = 0; // where the next source token starts
    let lineStart = 0; // offset of the first character of the current line
    let atLineStart = true; // no content token on this line yet
    let atScalar = false; // the previous token was the SCALAR marker: this one is scalar text
    let afterBlockHeader = false; // a `|` or `>` header was seen: its scalar text comes next
    let key = -1; // offset of the scalar just read, while a `:` after it would make it a key
    let keyLineStart = 0;

    const refuse = (message: string, at: number): void => {
      this.refusal = { message, ...position(text, at) };
    };
    /** Opens a block collection at `col`; true if that makes the document too deep. */
    const pushBlock = (col: number): boolean => {
      while (block.length > 0 && (block[block.length - 1] as number) >= col) block.pop();
      block.push(col);
      return block.length + flow > maxDepth;
    };
    const tooDeep = `YAML nesting is deeper than ${maxDepth} levels`;

    for (const token of new Lexer().lex(text)) {
      // Control tokens (document start, unexpected end of flow, "a scalar follows") are not text.
      let type: string;
      if (atScalar) {
        atScalar = false;
        type = afterBlockHeader ? "block-scalar" : "plain-scalar";
        afterBlockHeader = false;
      } else if (token === CST.SCALAR) {
        atScalar = true;
        yield token;
        continue;
      } else if (token === CST.DOCUMENT || token === CST.FLOW_END) {
        if (token === CST.FLOW_END) flow = 0; // the Lexer closed every open flow collection
        yield token;
        continue;
      } else {
        type = CST.tokenType(token) ?? "unknown";
      }
      const start = offset;
      offset += token.length;

      if (atLineStart && !LAYOUT.has(type) && type !== "block-scalar") {
        atLineStart = false;
        if (type === "doc-start" || type === "doc-end") block.length = 0;
        else if (flow === 0) {
          // Indentation is spaces only (a tab is not indentation); a BOM is not part of it.
          const from = lineStart === 0 && text.charCodeAt(0) === 0xfeff ? 1 : lineStart;
          let k = from;
          while (text.charCodeAt(k) === 0x20) k++;
          while (block.length > 0 && (block[block.length - 1] as number) >= k - from) block.pop();
        }
      }

      const refused = REFUSED.get(type);
      if (refused !== undefined) return refuse(refused, start);
      switch (type) {
        case "seq-item-ind":
        case "explicit-key-ind":
          if (flow === 0 && pushBlock(start - lineStart)) return refuse(tooDeep, start);
          break;
        case "map-value-ind":
          if (flow === 0 && key >= 0 && pushBlock(key - keyLineStart)) return refuse(tooDeep, key);
          break;
        case "flow-seq-start":
        case "flow-map-start":
          flow++;
          if (block.length + flow > maxDepth) return refuse(tooDeep, start);
          break;
        case "flow-seq-end":
        case "flow-map-end":
          if (flow > 0) flow--;
          break;
        case "block-scalar-header":
          afterBlockHeader = true;
          break;
      }
      if (type === "plain-scalar" || type === "single-quoted-scalar" || type === "double-quoted-scalar") {
        key = start;
        keyLineStart = lineStart;
      } else if (type !== "space") {
        key = -1;
      }

      const lf = token.lastIndexOf("\n");
      if (lf !== -1) {
        lineStart = start + lf + 1;
        // A multi-line plain or quoted scalar ends mid-line; a newline or block scalar text ends a line.
        if (type === "newline" || type === "block-scalar") atLineStart = true;
      }
      yield token;
    }
  }
}

/**
 * Runs the guard over the whole text without parsing it.
 *
 * @returns the first refusal, or null if the text has no anchor, alias, tag or directive and no
 *          nesting deeper than `maxDepth`
 */
export function guardYaml(text: string, maxDepth: number): GuardRefusal | null {
  const guard = new YamlGuard(text, maxDepth);
  for (const _token of guard.tokens()) {
    // only the refusal matters
  }
  return guard.refusal;
}
