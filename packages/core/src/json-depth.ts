/**
 * How deep a tool result's JSON may nest. `JSON.stringify` recurses once per
 * level and overflows the stack a little past 4 000 levels (less when it runs
 * deep in a transport's call stack); a result it cannot serialise would be
 * lost on the wire and the call would never be answered. 1 000 levels leave
 * that margin and are far beyond any real API's data.
 */
export const MAX_RESULT_DEPTH = 1000;

/**
 * Whether the JSON text `text` nests arrays and objects deeper than `max`
 * levels. Measured on the text, before `JSON.parse`: parsing a million levels
 * takes V8 seconds, so a deep body must be refused before it is parsed. A
 * character loop that jumps over strings with `indexOf` costs a fraction of the
 * parse. Text that is not JSON gives a meaningless but harmless answer (its parse fails anyway).
 */
export function jsonTextTooDeep(text: string, max = MAX_RESULT_DEPTH): boolean {
  // Each level takes two characters: a short text cannot be deep.
  if (text.length <= 2 * max) return false;
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === QUOTE) {
      // Brackets inside a string do not nest anything.
      index = closingQuote(text, index + 1);
      if (index === -1) return false;
    } else if (char === OPEN_BRACKET || char === OPEN_BRACE) {
      depth += 1;
      if (depth > max) return true;
    } else if (char === CLOSE_BRACKET || char === CLOSE_BRACE) {
      depth -= 1;
    }
  }
  return false;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** The index of the quote that closes the string whose content starts at `start` (the first one not escaped), or -1. */
function closingQuote(text: string, start: number): number {
  let index = text.indexOf('"', start);
  while (index !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(index - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return index;
    index = text.indexOf('"', index + 1);
  }
  return -1;
}

/**
 * Whether a value (a hand-written tool's result) nests arrays and objects
 * deeper than `max` levels. Walks iteratively, so measuring cannot overflow
 * the stack itself; a cyclic value counts as too deep (it cannot be serialised either).
 */
export function valueTooDeep(value: unknown, max = MAX_RESULT_DEPTH): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const item of Array.isArray(current) ? current : Object.values(current)) {
      if (item !== null && typeof item === 'object') pending.push([item, depth + 1]);
    }
  }
  return false;
}
