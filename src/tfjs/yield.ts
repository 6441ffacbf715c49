// tfjs training awaits only already-settled promises, so a loop of trainOnBatch or fit never lets
// timers and signal handlers run (e.g. Ctrl-C → AbortController.abort()). Yielding once per step
// fixes that; setImmediate costs microseconds. Browsers have no setImmediate, and clamp nested
// zero timeouts to 4 ms (the HTML spec), which a loop that yields every step would pay every step;
// a MessageChannel message is not clamped and still lets the page paint and take clicks in between.
let channel: MessageChannel | null = null;
const waiting: Array<() => void> = [];

function viaMessage(resolve: () => void): void {
  if (channel === null) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  waiting.push(resolve);
  channel.port2.postMessage(null);
}

export const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(resolve);
    else if (typeof MessageChannel === 'function') viaMessage(resolve);
    else setTimeout(resolve, 0);
  });
