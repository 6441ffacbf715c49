// Drawing ink views: once (a finished result) or live (a running range test).
import { render, type Instance } from 'ink';
import type { ReactElement } from 'react';

/** Where a view is drawn (a test passes a fake terminal). */
export interface Screen {
  stdout?: NodeJS.WriteStream;
}

// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\[[0-9;?]*[A-Za-z]/g;

/**
 * The terminal, seen through a wrapper that remembers the end of what ink wrote. Ink leaves a frame
 * as tall as the terminal ("fullscreen") without a newline after its last line, except in CI mode,
 * where it writes the frame once with one; the shell's prompt must not start on that line either way.
 */
class TrackedScreen {
  private tail = '';
  readonly stdout: NodeJS.WriteStream;

  constructor(private readonly real: NodeJS.WriteStream) {
    const remember = (chunk: unknown) => {
      this.tail = (this.tail + String(chunk)).slice(-256);
    };
    this.stdout = new Proxy(real, {
      get(target, key) {
        if (key === 'write') {
          return (chunk: unknown, ...rest: unknown[]) => {
            remember(chunk);
            return (target.write as (...args: unknown[]) => boolean).call(target, chunk, ...rest);
          };
        }
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  /** Ends the last line ink drew when it left the cursor on it. */
  endLastLine(): void {
    const visible = this.tail.replace(ESCAPES, '');
    if (visible.length > 0 && !visible.endsWith('\n')) this.real.write('\n');
  }
}

const options = (stdout: NodeJS.WriteStream) => ({ exitOnCtrlC: false, patchConsole: false, stdout });

/** Draws a view once and leaves it on the screen. */
export async function showOnce(view: ReactElement, screen: Screen = {}): Promise<void> {
  const tracked = new TrackedScreen(screen.stdout ?? process.stdout);
  const instance = render(view, options(tracked.stdout));
  instance.unmount();
  await instance.waitUntilExit();
  tracked.endLastLine();
}

/** A view redrawn as its props change; Ctrl-C is left to the command (it aborts the test). */
export interface LiveView {
  update(view: ReactElement): void;
  /** Draws the last frame and stops. */
  finish(view: ReactElement): Promise<void>;
}

export function startLive(view: ReactElement, screen: Screen = {}): LiveView {
  const tracked = new TrackedScreen(screen.stdout ?? process.stdout);
  const instance: Instance = render(view, options(tracked.stdout));
  return {
    update: (next) => instance.rerender(next),
    async finish(last) {
      instance.rerender(last);
      instance.unmount();
      await instance.waitUntilExit();
      tracked.endLastLine();
    },
  };
}
