// Public exports of src/analysis (re-exported by src/index.ts).
export {};
