// Ctrl-C during a range test: the first SIGINT aborts the test cleanly (the current step ends, the
// partial curve is analysed and written); a second one exits at once with 130.
import { EXIT } from '../errors.js';

export interface InterruptWatch {
  signal: AbortSignal;
  /** Called once, on the first Ctrl-C. */
  onInterrupt(listener: () => void): void;
  /** Stops listening for SIGINT. */
  dispose(): void;
}

export function watchInterrupt(): InterruptWatch {
  const controller = new AbortController();
  const listeners: (() => void)[] = [];
  const handler = (): void => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    controller.abort();
    for (const listener of listeners) listener();
  };
  process.on('SIGINT', handler);
  return {
    signal: controller.signal,
    onInterrupt: (listener) => listeners.push(listener),
    dispose: () => process.off('SIGINT', handler),
  };
}
