// Public exports of src/schedules (re-exported by src/index.ts).
export {};
