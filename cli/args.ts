// A small typed flag parser over node:util parseArgs: numbers are checked as they are read, and
// every problem becomes a one-line UsageError that names the flag.
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';

export interface FlagSpec {
  type: 'number' | 'integer' | 'string' | 'boolean';
  /** One line for --help. */
  description: string;
  /** Allowed values of a string flag. */
  choices?: readonly string[];
  /** The default, as shown in --help (the library fills the real default). */
  default?: string;
  /** The library option this flag sets, so library messages can be reworded with flag names. */
  option?: string;
  /** Value placeholder in --help, e.g. `<dir>`. */
  placeholder?: string;
  /** Accepts `inf` / `Infinity` (number flags only). */
  infinity?: boolean;
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

type ValueOf<F extends FlagSpec> = F['type'] extends 'boolean' ? boolean : F['type'] extends 'string' ? string : number;

/** Parsed flags: a value for each flag that was given, keyed by the flag name without dashes. */
export type Flags<S extends FlagSpecs> = { -readonly [K in keyof S]?: ValueOf<S[K]> };

export interface Parsed<S extends FlagSpecs> {
  flags: Flags<S>;
  positionals: string[];
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const INFINITY = /^[+]?(inf|infinity)$/i;

/** Parses a number flag's text strictly: `1e-3`, `0.5`, `10`; not `0x10`, `1,5`, `` or `abc`. */
export function parseNumber(flag: string, text: string, spec: Pick<FlagSpec, 'type' | 'infinity'>): number {
  const trimmed = text.trim();
  let value: number;
  if (NUMBER.test(trimmed)) value = Number(trimmed);
  else if (spec.infinity && INFINITY.test(trimmed)) value = Infinity;
  else throw new UsageError(`--${flag} must be a number, got "${text}"`);
  if (spec.type === 'integer' && !Number.isInteger(value)) {
    throw new UsageError(`--${flag} must be an integer, got ${text}`);
  }
  return value;
}

/** Edit distance with transpositions (optimal string alignment): "modle" is one edit from "model". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The letters of a word, sorted: a typo that swaps letters keeps them. */
const letters = (word: string): string => [...word].sort().join('');

function unknownFlag(name: string, specs: FlagSpecs, command: string): UsageError {
  // Nearest first; among equals, the one with the same letters (a swap), then the same length.
  const near = Object.keys(specs)
    .map((known) => ({ known, d: distance(name, known), sameLetters: letters(known) === letters(name), sameLength: known.length === name.length }))
    .filter(({ d }) => d <= 2)
    .sort((x, y) => x.d - y.d || Number(y.sameLetters) - Number(x.sameLetters) || Number(y.sameLength) - Number(x.sameLength))[0];
  const hint = near ? ` (did you mean --${near.known}?)` : ` (see lrfind ${command} --help)`;
  return new UsageError(`unknown flag --${name}${hint}`);
}

/** A flag given twice would silently keep the last value: refuse it, naming both. */
function checkRepeated(argv: readonly string[], specs: FlagSpecs): void {
  const end = argv.indexOf('--');
  const seen = new Map<string, string>();
  const words = end < 0 ? argv : argv.slice(0, end);
  words.forEach((arg, i) => {
    const match = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    const name = match?.[1];
    if (name === undefined || specs[name] === undefined) return;
    const value = specs[name].type === 'boolean' ? '' : (match![2] ?? words[i + 1] ?? '');
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw new UsageError(specs[name].type === 'boolean' ? `--${name} is given twice` : `--${name} is given twice ("${earlier}" and "${value}"): give it once`);
    }
    seen.set(name, value);
  });
}

/**
 * `--lr -1` is ambiguous to parseArgs; joining a negative number to the flag before it lets the
 * numeric check say what is wrong with the value instead.
 */
function joinNegativeValues(argv: readonly string[], specs: FlagSpecs): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : undefined;
    if (name !== undefined && specs[name] && specs[name].type !== 'boolean' && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

function translate(error: unknown, specs: FlagSpecs, command: string): UsageError {
  const e = error as { code?: string; message?: string };
  const message = e.message ?? String(error);
  const flag = /'(--?[^' ]+)/.exec(message)?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return unknownFlag(flag.replace(/^-+/, ''), specs, command);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return message.includes('does not take an argument')
        ? new UsageError(`${flag} does not take a value`)
        : new UsageError(`${flag} needs a value`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': {
      const arg = /'([^']*)'/.exec(message)?.[1] ?? '';
      return new UsageError(`unexpected argument "${arg}" (see lrfind ${command} --help)`);
    }
    default:
      return new UsageError(message.split('\n')[0] ?? message);
  }
}

/** `-h` or `--help` among the arguments (before a `--`): help wins over any other problem, as in git and npm. */
export function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((arg) => arg === '-h' || arg === '--help');
}

/**
 * Parses `argv` against `specs`: unknown flags, missing values, bad numbers and values outside
 * `choices` throw a UsageError naming the flag. At most `maxPositionals` positionals are allowed.
 * When `specs` has a `help` flag, `-h` or `--help` anywhere returns just `{help: true}`.
 */
export function parseFlags<S extends FlagSpecs>(
  argv: readonly string[],
  specs: S,
  command: string,
  maxPositionals = 0,
): Parsed<S> {
  if (specs['help'] && asksForHelp(argv)) return { flags: { help: true } as unknown as Flags<S>, positionals: [] };
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const [name, spec] of Object.entries(specs)) options[name] = { type: spec.type === 'boolean' ? 'boolean' : 'string' };
  checkRepeated(argv, specs);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: joinNegativeValues(argv, specs), options, strict: true, allowPositionals: true });
  } catch (error) {
    throw translate(error, specs, command);
  }
  if (parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals[maxPositionals]!;
    throw new UsageError(`unexpected argument "${extra}" (see lrfind ${command} --help)`);
  }
  const flags: Record<string, string | number | boolean> = {};
  for (const [name, raw] of Object.entries(parsed.values)) {
    const spec = specs[name]!;
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value === undefined) continue;
    if (spec.type === 'boolean') {
      flags[name] = value as boolean;
    } else if (spec.type === 'string') {
      const text = value as string;
      if (spec.choices && !spec.choices.includes(text)) {
        throw new UsageError(`--${name} must be one of ${spec.choices.join(', ')}, got "${text}"`);
      }
      if (text === '') throw new UsageError(`--${name} needs a value`);
      flags[name] = text;
    } else {
      flags[name] = parseNumber(name, value as string, spec);
    }
  }
  return { flags: flags as Flags<S>, positionals: parsed.positionals };
}

/**
 * Rewrites library option names in a message as flag names, e.g. 'startLr must be below endLr'
 * → '--start-lr must be below --end-lr'.
 */
export function withFlagNames(message: string, specs: FlagSpecs): string {
  let out = message;
  for (const [name, spec] of Object.entries(specs)) {
    if (!spec.option) continue;
    // camelCase names cannot be ordinary words; a plain word ('mode', 'seed') only as the subject.
    const pattern = /[A-Z]/.test(spec.option) ? `(?<![\\w-])${spec.option}(?![\\w])` : `^${spec.option}(?![\\w])`;
    out = out.replace(new RegExp(pattern, 'g'), `--${name}`);
  }
  return out;
}
