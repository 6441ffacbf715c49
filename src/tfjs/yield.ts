// tfjs training awaits only already-settled promises, so a loop of trainOnBatch or fit never lets
// timers and signal handlers run (e.g. Ctrl-C → AbortController.abort()). Yielding once per step
// fixes that; setImmediate costs microseconds, and browsers fall back to a zero timeout.
export const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
