// ink and react are optional peers: the live terminal views need them, the plain lines do not.
let available: Promise<boolean> | null = null;

/** Whether ink and react can be loaded; says once on stderr what to install when they cannot. */
export function inkAvailable(): Promise<boolean> {
  available ??= Promise.all([import('ink'), import('react')]).then(
    () => true,
    () => {
      process.stderr.write('lrfind: plain output (npm install ink react for the live terminal view)\n');
      return false;
    },
  );
  return available;
}
