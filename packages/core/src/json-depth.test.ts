import { describe, expect, it } from 'vitest';
import { jsonTextTooDeep, MAX_RESULT_DEPTH, valueTooDeep } from './json-depth.js';

const nested = (levels: number) => `${'{"a":['.repeat(levels / 2)}${']}'.repeat(levels / 2)}`;

describe('jsonTextTooDeep', () => {
  it('allows exactly MAX_RESULT_DEPTH levels and refuses one more', () => {
    expect(MAX_RESULT_DEPTH).toBe(1000);
    expect(jsonTextTooDeep(nested(1000))).toBe(false);
    expect(jsonTextTooDeep(`${'['.repeat(1001)}${']'.repeat(1001)}`)).toBe(true);
    expect(jsonTextTooDeep(nested(100_000))).toBe(true);
  });

  it('measures depth, not the number of brackets: siblings do not add up', () => {
    const wide = JSON.stringify(Array.from({ length: 5000 }, (_, n) => ({ n, tags: [[n]] })));
    expect(jsonTextTooDeep(wide)).toBe(false);
  });

  it('does not count brackets inside strings, with escaped quotes and backslashes', () => {
    const brackets = '['.repeat(3000);
    expect(jsonTextTooDeep(JSON.stringify({ text: brackets }))).toBe(false);
    expect(jsonTextTooDeep(JSON.stringify([`say \\"${brackets}"`]))).toBe(false);
    expect(jsonTextTooDeep(JSON.stringify(['\\', brackets, '\\\\"']))).toBe(false);
    // A string that ends in a backslash, then real nesting: the nesting counts.
    expect(jsonTextTooDeep(`["\\\\",${'['.repeat(1001)}${']'.repeat(1001)}]`)).toBe(true);
  });
});

describe('valueTooDeep', () => {
  it('allows MAX_RESULT_DEPTH levels, refuses more, and refuses a cycle', () => {
    expect(valueTooDeep(JSON.parse(nested(1000)))).toBe(false);
    expect(valueTooDeep(JSON.parse(nested(1002)))).toBe(true);
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(valueTooDeep({ content: [], structuredContent: cyclic })).toBe(true);
    expect(valueTooDeep({ content: [{ type: 'text', text: 'ok' }] })).toBe(false);
  });
});
