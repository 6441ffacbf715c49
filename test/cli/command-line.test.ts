import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { commandLine } from '../../cli/command-line.js';

describe('commandLine', () => {
  it('names the binary and the command, and quotes only the words that need it', () => {
    expect(commandLine('find', ['--model', 'mlp', '--data', 'digits', '--out', 'runs/lr'])).toBe('lrfind find --model mlp --data digits --out runs/lr');
    expect(commandLine('analyze', ['my curve.csv', '--lr-column', "it's"])).toBe("lrfind analyze 'my curve.csv' --lr-column 'it'\\''s'");
  });

  it('is read back by a shell as the same words', () => {
    const argv = ['--data', 'a b;c', '--label', '$x', '--out', '*'];
    const line = commandLine('find', argv);
    const words = execFileSync('sh', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' }).split('\0').slice(0, -1);
    expect(words).toEqual(['lrfind', 'find', ...argv]);
  });
});
