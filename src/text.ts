// Telling text from binary data before parsing it: a binary file read as UTF-8 is full of control
// characters, which must never reach an error message (ESC would drive the user's terminal).

/** The first control character that text files do not hold (tab, CR, LF and form feed are fine), or null. */
export function firstBinaryByte(text: string): { code: number; line: number } | null {
  const match = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.exec(text);
  if (match === null) return null;
  const line = text.slice(0, match.index).split('\n').length;
  return { code: match[0].charCodeAt(0), line };
}

/** "not a text CSV: binary data (byte 0x7f) on line 1", or null for text. */
export function binaryProblem(text: string, what: string): string | null {
  const found = firstBinaryByte(text);
  if (found === null) return null;
  return `not a text ${what}: binary data (byte 0x${found.code.toString(16).padStart(2, '0')}) on line ${found.line}`;
}

/** "1 epoch", "8 epochs", "1 class", "10 classes": a count with its noun in the right number. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** Characters a POSIX shell word may hold unquoted (no globbing, expansion or word splitting). */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** `word` as a POSIX shell reads it back: as it is when safe, else in single quotes ('it'\''s'). */
export function shellQuote(word: string): string {
  if (SAFE_WORD.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A command line to copy into a shell: every word quoted where it needs it, joined by spaces. */
export function shellLine(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
