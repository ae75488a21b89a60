/**
 * Long lists in an answer: a list of more than {@link LIST_HEAD} names is answered as its first
 * {@link LIST_HEAD} names and how many there are, unless the caller asks for it whole (`include: ["full"]`).
 * A whole-mesh snapshot makes a modification match hundreds of resources, and every one of them would
 * otherwise be repeated in `modifications[].matched` and again in the trace: megabytes a person does not read.
 */

/** How many names of a long list an answer shows unless asked for every one. */
export const LIST_HEAD = 20;

/** A trace line that lists names: `head`, the names joined with `sep`, then `tail`. */
export interface ListLine {
  readonly head: string;
  readonly items: readonly string[];
  readonly sep: string;
  readonly tail: string;
}

/** One trace line: plain text, or a line whose list is cut to its head unless the whole answer is asked for. */
export type TraceLine = string | ListLine;

/**
 * A trace line listing `items`. A list of at most {@link LIST_HEAD} names is plain text from the start, so
 * short answers are the same bytes whether or not the caller asks for full lists.
 */
export function listLine(head: string, items: readonly string[], sep: string, tail = ""): TraceLine {
  return items.length <= LIST_HEAD ? `${head}${items.join(sep)}${tail}` : { head, items, sep, tail };
}

/** The text of a trace line: the whole list when `full`, else its first {@link LIST_HEAD} names and how many more. */
export function traceText(line: TraceLine, full: boolean): string {
  if (typeof line === "string") return line;
  if (full || line.items.length <= LIST_HEAD) return `${line.head}${line.items.join(line.sep)}${line.tail}`;
  const more = line.items.length - LIST_HEAD;
  return `${line.head}${line.items.slice(0, LIST_HEAD).join(line.sep)}${line.sep}… and ${more} more (include "full" lists all ${line.items.length})${line.tail}`;
}

/** The text of every line (see {@link traceText}). */
export function traceTexts(lines: readonly TraceLine[], full: boolean): string[] {
  return lines.map((l) => traceText(l, full));
}
