// Drawing ink views: once (a finished result) or live (a running range test).
import { render, renderToString, type Instance } from 'ink';
import type { ReactElement } from 'react';

/** Where a view is drawn (a test passes a fake terminal). */
export interface Screen {
  stdout?: NodeJS.WriteStream;
}

const options = (screen: Screen) => ({ exitOnCtrlC: false, patchConsole: false, ...(screen.stdout ? { stdout: screen.stdout } : {}) });

/**
 * Ink draws a frame as tall as the terminal (or taller) "fullscreen", without the newline after its
 * last line: the shell's prompt would then start on that line. This ends such a last frame.
 */
function endLastLine(view: ReactElement, stdout: NodeJS.WriteStream): void {
  if (!stdout.isTTY || !stdout.rows) return;
  const height = renderToString(view, { columns: stdout.columns ?? 80 }).split('\n').length;
  if (height >= stdout.rows) stdout.write('\n');
}

/** Draws a view once and leaves it on the screen. */
export async function showOnce(view: ReactElement, screen: Screen = {}): Promise<void> {
  const instance = render(view, options(screen));
  instance.unmount();
  await instance.waitUntilExit();
  endLastLine(view, screen.stdout ?? process.stdout);
}

/** A view redrawn as its props change; Ctrl-C is left to the command (it aborts the test). */
export interface LiveView {
  update(view: ReactElement): void;
  /** Draws the last frame and stops. */
  finish(view: ReactElement): Promise<void>;
}

export function startLive(view: ReactElement, screen: Screen = {}): LiveView {
  const instance: Instance = render(view, options(screen));
  return {
    update: (next) => instance.rerender(next),
    async finish(last) {
      instance.rerender(last);
      instance.unmount();
      await instance.waitUntilExit();
      endLastLine(last, screen.stdout ?? process.stdout);
    },
  };
}
