// Public exports of src/tfjs/kernels + backend selection (re-exported by src/tfjs/index.ts).
export {};
