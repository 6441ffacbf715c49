// Public exports of src/tfjs/callbacks (re-exported by src/tfjs/index.ts).
export {};
