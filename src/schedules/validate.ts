// Eager argument checks shared by the schedule factories: each throws
// RangeError('<name> must be <expected>, got <value>') and otherwise returns the value.

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export function fail(name: string, expected: string, value: unknown): never {
  throw new RangeError(`${name} must be ${expected}, got ${show(value)}`);
}

export function finite(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(name, 'a finite number', value);
  return value;
}

export function positive(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    fail(name, 'a finite number > 0', value);
  }
  return value;
}

export function positiveInteger(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    fail(name, 'an integer ≥ 1', value);
  }
  return value;
}

export function nonNegativeInteger(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    fail(name, 'an integer ≥ 0', value);
  }
  return value;
}

/** A value in the half-open interval [lo, hi) (or (lo, hi) with `openLow`). */
export function inRange(
  name: string,
  value: unknown,
  lo: number,
  hi: number,
  { openLow = false, closedHigh = false } = {},
): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (openLow ? value > lo : value >= lo) &&
    (closedHigh ? value <= hi : value < hi);
  if (!ok) {
    fail(name, `in ${openLow ? '(' : '['}${lo}, ${hi}${closedHigh ? ']' : ')'}`, value);
  }
  return value as number;
}

export function oneOf<T extends string>(name: string, value: unknown, options: readonly T[]): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    fail(name, `one of ${options.map((o) => `'${o}'`).join(', ')}`, value);
  }
  return value as T;
}
