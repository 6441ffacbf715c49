// Node only: what loading a wasm build must not leave behind in the user's process.

/** The process events whose handlers Emscripten's Node glue installs. */
const HIJACKED_EVENTS = ['uncaughtException', 'unhandledRejection'] as const;

/**
 * Runs `load` and removes the process handlers it added: Emscripten's glue (tfjs's wasm builds, the
 * stock ones too) rethrows every uncaught error from its own handler, so Node prints the 55 KB
 * minified glue and exits with 7 instead of the user's stack trace and 1.
 */
export async function withoutNewProcessHandlers<T>(load: () => Promise<T>): Promise<T> {
  const listeners = (event: string): Function[] => process.listeners(event as 'uncaughtException');
  const before = new Map(HIJACKED_EVENTS.map((event) => [event, new Set(listeners(event))]));
  try {
    return await load();
  } finally {
    for (const event of HIJACKED_EVENTS) {
      for (const listener of listeners(event)) {
        if (!before.get(event)!.has(listener)) process.off(event, listener as (...args: unknown[]) => void);
      }
    }
  }
}

