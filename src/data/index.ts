// Public exports of src/data (re-exported by src/index.ts).
export {};
