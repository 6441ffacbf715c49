import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { plural, shellLine, shellQuote } from '../src/text.js';

describe('shellQuote', () => {
  it('leaves safe words as they are', () => {
    for (const word of ['lrfind', '--model', 'runs/lr/range-test.json', '1e-7', '--start-lr=0.1', 'a,b', 'x@y:z+%']) expect(shellQuote(word)).toBe(word);
  });

  it('single-quotes anything a shell would change, and the empty word', () => {
    expect(shellQuote('my data.csv')).toBe("'my data.csv'");
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('$HOME')).toBe("'$HOME'");
    expect(shellQuote('*.csv')).toBe("'*.csv'");
    expect(shellQuote('~/x')).toBe("'~/x'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });

  it('gives words a POSIX shell reads back exactly', () => {
    const words = ['plain', 'two words', "it's", '$HOME', '`id`', 'a"b', '*', '', 'tab\there', 'new\nline', '\\'];
    const echoed = execFileSync('sh', ['-c', `printf '%s\\0' ${shellLine(words)}`], { encoding: 'utf8' });
    expect(echoed.split('\0').slice(0, -1)).toEqual(words);
  });
});

describe('plural', () => {
  it('picks the noun by the count', () => {
    expect([plural(0, 'step'), plural(1, 'step'), plural(2, 'class', 'classes')]).toEqual(['0 steps', '1 step', '2 classes']);
  });
});
