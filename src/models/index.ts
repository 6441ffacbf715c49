// Public exports of src/models (re-exported by src/index.ts).
export {};
