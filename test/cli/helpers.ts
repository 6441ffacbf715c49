// Runs the real lrfind binary (the compiled dist/cli/index.js through bin/lrfind.js).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(repoRoot, 'bin/lrfind.js');
const ENTRY = join(repoRoot, 'dist/cli/index.js');

/** Fails with a message that says what to do when the CLI has not been built. */
export function requireBuild(): void {
  if (!existsSync(ENTRY)) {
    throw new Error(`${ENTRY} is missing: build first with \`npx tsc -p .\` (\`npm test\` builds before testing)`);
  }
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Called with each stdout chunk and the child, e.g. to send SIGINT at the right moment. */
  onStdout?: (text: string, child: ReturnType<typeof spawn>) => void;
  timeoutMs?: number;
}

/** Runs `node bin/lrfind.js ...args` with pipes (so stdout is not a TTY). */
export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  requireBuild();
  return new Promise((resolvePromise, reject) => {
    const env = { ...process.env, ...options.env };
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    for (const [k, v] of Object.entries(options.env ?? {})) if (v !== undefined) env[k] = v;
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      options.onStdout?.(stdout, child);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}

/** An `onStdout` that sends SIGINT once, as soon as stdout contains `marker`; `sent` says whether it did. */
export function sigintWhen(marker: string): { onStdout: NonNullable<RunOptions['onStdout']>; readonly sent: boolean } {
  let sent = false;
  return {
    onStdout: (text, child) => {
      if (!sent && text.includes(marker)) {
        sent = true;
        child.kill('SIGINT');
      }
    },
    get sent() {
      return sent;
    },
  };
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'lrfind-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** ANSI escape sequences (colours, cursor moves). */
export const ESCAPE = /\u001b[[\]()#;?]*[0-9;]*[A-Za-z]?/;

/** stderr holds exactly one line, starting with "lrfind: ". */
export function oneErrorLine(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l !== '');
  if (lines.length !== 1) throw new Error(`expected one stderr line, got ${lines.length}:\n${stderr}`);
  return lines[0]!;
}
