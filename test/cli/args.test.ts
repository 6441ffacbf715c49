import { describe, expect, it } from 'vitest';
import { parseFlags, parseNumber, withFlagNames, type FlagSpecs } from '../../cli/args.js';
import { UsageError } from '../../cli/errors.js';

const SPECS = {
  'start-lr': { type: 'number', option: 'startLr', description: '' },
  'end-lr': { type: 'number', option: 'endLr', description: '' },
  'num-iter': { type: 'integer', option: 'numIter', description: '' },
  diverge: { type: 'number', option: 'divergeThreshold', infinity: true, description: '' },
  mode: { type: 'string', option: 'mode', choices: ['exp', 'linear'], description: '' },
  out: { type: 'string', description: '' },
  json: { type: 'boolean', description: '' },
} as const satisfies FlagSpecs;

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('parseNumber', () => {
  it('reads decimal and exponent forms', () => {
    expect(parseNumber('x', '1e-7', { type: 'number' })).toBe(1e-7);
    expect(parseNumber('x', '0.5', { type: 'number' })).toBe(0.5);
    expect(parseNumber('x', '.5', { type: 'number' })).toBe(0.5);
    expect(parseNumber('x', '-3', { type: 'number' })).toBe(-3);
    expect(parseNumber('x', '10', { type: 'integer' })).toBe(10);
  });

  it('rejects what Number() would accept but a person did not mean', () => {
    for (const text of ['', ' ', 'abc', '0x10', '1,5', '1e', 'Infinity', 'NaN', '1.2.3']) {
      expect(usageMessage(() => parseNumber('start-lr', text, { type: 'number' }))).toBe(`--start-lr must be a number, got "${text}"`);
    }
  });

  it('accepts inf only where the flag allows it', () => {
    expect(parseNumber('diverge', 'inf', { type: 'number', infinity: true })).toBe(Infinity);
    expect(parseNumber('diverge', 'Infinity', { type: 'number', infinity: true })).toBe(Infinity);
    expect(usageMessage(() => parseNumber('x', 'inf', { type: 'number' }))).toMatch(/must be a number/);
  });

  it('rejects fractions for integer flags', () => {
    expect(usageMessage(() => parseNumber('num-iter', '2.5', { type: 'integer' }))).toBe('--num-iter must be an integer, got 2.5');
  });
});

describe('parseFlags', () => {
  it('types every value', () => {
    const { flags, positionals } = parseFlags(
      ['--start-lr', '1e-5', '--num-iter=60', '--mode', 'linear', '--json', 'curve.csv'],
      SPECS,
      'find',
      1,
    );
    expect(flags).toEqual({ 'start-lr': 1e-5, 'num-iter': 60, mode: 'linear', json: true });
    expect(positionals).toEqual(['curve.csv']);
  });

  it('takes a negative number as a value so the range check can name it', () => {
    expect(parseFlags(['--start-lr', '-1'], SPECS, 'find').flags['start-lr']).toBe(-1);
    expect(parseFlags(['--start-lr', '-.5'], SPECS, 'find').flags['start-lr']).toBe(-0.5);
  });

  it('names unknown flags and suggests a near one', () => {
    expect(usageMessage(() => parseFlags(['--start-rl', '1'], SPECS, 'find'))).toBe('unknown flag --start-rl (did you mean --start-lr?)');
    expect(usageMessage(() => parseFlags(['--bogus'], SPECS, 'find'))).toBe('unknown flag --bogus (see lrfind find --help)');
  });

  it('takes a swap of two letters for one typo, and prefers the flag with the same letters', () => {
    const specs = { ...SPECS, model: { type: 'string', description: '' } } as const satisfies FlagSpecs;
    // "modle" is one edit from both "mode" (a deletion) and "model" (a swap): the swap wins.
    expect(usageMessage(() => parseFlags(['--modle', 'mlp'], specs, 'find'))).toBe('unknown flag --modle (did you mean --model?)');
    expect(usageMessage(() => parseFlags(['--mdoe', 'exp'], specs, 'find'))).toBe('unknown flag --mdoe (did you mean --mode?)');
  });

  it('refuses a flag given twice instead of keeping the last value', () => {
    expect(usageMessage(() => parseFlags(['--mode', 'exp', '--mode', 'linear'], SPECS, 'find'))).toBe('--mode is given twice ("exp" and "linear"): give it once');
    expect(usageMessage(() => parseFlags(['--out=a', '--out', 'b'], SPECS, 'find'))).toBe('--out is given twice ("a" and "b"): give it once');
    expect(usageMessage(() => parseFlags(['--json', '--json'], SPECS, 'find'))).toBe('--json is given twice');
    // After "--" nothing is a flag.
    expect(parseFlags(['--out', 'a', '--', '--out'], SPECS, 'find', 1).flags.out).toBe('a');
  });

  it('names missing values, values given to switches, bad choices and extra arguments', () => {
    expect(usageMessage(() => parseFlags(['--out'], SPECS, 'find'))).toBe('--out needs a value');
    expect(usageMessage(() => parseFlags(['--json=yes'], SPECS, 'find'))).toBe('--json does not take a value');
    expect(usageMessage(() => parseFlags(['--mode', 'cubic'], SPECS, 'find'))).toBe('--mode must be one of exp, linear, got "cubic"');
    expect(usageMessage(() => parseFlags(['a', 'b'], SPECS, 'analyze', 1))).toBe('unexpected argument "b" (see lrfind analyze --help)');
    expect(usageMessage(() => parseFlags(['--num-iter', 'ten'], SPECS, 'find'))).toBe('--num-iter must be a number, got "ten"');
  });
});

describe('withFlagNames', () => {
  it('rewrites library option names as flags', () => {
    expect(withFlagNames('startLr must be below endLr (got 1 and 0.1)', SPECS)).toBe('--start-lr must be below --end-lr (got 1 and 0.1)');
    expect(withFlagNames('divergeThreshold must be above 1, got 0.5', SPECS)).toBe('--diverge must be above 1, got 0.5');
  });

  it('rewrites a plain word only as the subject of the message', () => {
    expect(withFlagNames("mode must be 'exp' or 'linear'", SPECS)).toBe("--mode must be 'exp' or 'linear'");
    expect(withFlagNames('startLr must be positive in exp mode, got 0', SPECS)).toBe('--start-lr must be positive in exp mode, got 0');
  });
});
