// Drawing ink views: once (a finished result) or live (a running range test).
import { render, type Instance } from 'ink';
import type { ReactElement } from 'react';

const OPTIONS = { exitOnCtrlC: false, patchConsole: false } as const;

/** Draws a view once and leaves it on the screen. */
export async function showOnce(view: ReactElement): Promise<void> {
  const instance = render(view, OPTIONS);
  instance.unmount();
  await instance.waitUntilExit();
}

/** A view redrawn as its props change; Ctrl-C is left to the command (it aborts the test). */
export interface LiveView {
  update(view: ReactElement): void;
  /** Draws the last frame and stops. */
  finish(view: ReactElement): Promise<void>;
}

export function startLive(view: ReactElement): LiveView {
  const instance: Instance = render(view, OPTIONS);
  return {
    update: (next) => instance.rerender(next),
    async finish(last) {
      instance.rerender(last);
      instance.unmount();
      await instance.waitUntilExit();
    },
  };
}
