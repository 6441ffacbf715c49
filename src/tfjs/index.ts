// Public exports of src/tfjs (re-exported by src/index.ts).
export {};
