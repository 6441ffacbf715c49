// Bit-exact snapshot and restore of what a step changes: the learner's variables (a model's
// weights) and its optimizer's whole state.
//
// tfjs optimizers have no complete state API (Adamax's getWeights throws; Adam's setWeights
// recomputes accBeta1 with pow(), which is not bit-identical to the running product), and their
// slots appear lazily on the first step. So the optimizer is snapshotted field by field: numbers,
// tensors (scalars such as SGD's cached lr, Adam's accBeta1) and slot arrays ({originalName, variable}).
import * as tf from '@tensorflow/tfjs';
import type { Learner } from './learner.js';

interface NamedVariable {
  originalName: string;
  variable: tf.Variable;
}

type FieldSnapshot =
  | { kind: 'plain'; value: unknown }
  | { kind: 'tensor'; original: tf.Tensor; value: tf.Tensor }
  | { kind: 'slots'; original: NamedVariable[]; values: tf.Tensor[] };

export interface TrainingSnapshot {
  variables: tf.Variable[];
  weights: tf.Tensor[];
  optimizer: Map<string, FieldSnapshot>;
}

function isSlotArray(value: unknown): value is NamedVariable[] {
  return (
    Array.isArray(value) &&
    value.every((v) => v != null && typeof v === 'object' && (v as NamedVariable).variable instanceof tf.Variable)
  );
}

function snapshotField(value: unknown): FieldSnapshot {
  if (value instanceof tf.Tensor) return { kind: 'tensor', original: value, value: tf.clone(value) };
  if (isSlotArray(value)) {
    // Copy the array itself: the optimizer pushes new slots into it in place.
    return { kind: 'slots', original: value, values: value.map((slot) => tf.clone(slot.variable)) };
  }
  return { kind: 'plain', value };
}

/** Clones every variable a step of `learner` may change and every state field of its optimizer. */
export function takeSnapshot(learner: Pick<Learner, 'state' | 'optimizer'>): TrainingSnapshot {
  const variables = [...learner.state];
  const weights = variables.map((v) => tf.clone(v));
  const optimizer = new Map<string, FieldSnapshot>();
  for (const [key, value] of Object.entries(learner.optimizer as object)) {
    optimizer.set(key, snapshotField(value));
  }
  return { variables, weights, optimizer };
}

function restoreTensorField(target: Record<string, unknown>, key: string, saved: { original: tf.Tensor; value: tf.Tensor }): void {
  const current = target[key];
  if (current === saved.original) {
    // A variable is updated in place; a plain tensor is immutable, so an unchanged one is intact.
    if (current instanceof tf.Variable) current.assign(saved.value);
    return;
  }
  // The optimizer replaced the tensor (e.g. SGD's lr scalar after setLearningRate): put a copy back.
  if (current instanceof tf.Tensor && current !== saved.original && !current.isDisposed) current.dispose();
  target[key] = tf.keep(tf.clone(saved.value));
}

function restoreSlots(target: Record<string, unknown>, key: string, saved: { original: NamedVariable[]; values: tf.Tensor[] }): void {
  const current = target[key];
  const slots = Array.isArray(current) ? (current as NamedVariable[]) : saved.original;
  // Slots created during the test did not exist before: drop them.
  for (const extra of slots.slice(saved.values.length)) {
    if (extra != null && !extra.variable.isDisposed) extra.variable.dispose();
  }
  slots.length = saved.values.length;
  saved.values.forEach((value, i) => slots[i]!.variable.assign(value));
  target[key] = slots;
}

/** Puts the variables and the optimizer back exactly as they were when `snapshot` was taken. */
export function restoreSnapshot(learner: Pick<Learner, 'optimizer'>, snapshot: TrainingSnapshot): void {
  // The underlying variables: a model's LayerVariable.write would re-apply weight constraints.
  snapshot.variables.forEach((v, i) => v.assign(snapshot.weights[i]!));
  const target = learner.optimizer as unknown as Record<string, unknown>;
  for (const [key, saved] of snapshot.optimizer) {
    if (saved.kind === 'plain') target[key] = saved.value;
    else if (saved.kind === 'tensor') restoreTensorField(target, key, saved);
    else restoreSlots(target, key, saved);
  }
  // Fields the optimizer added during the test (none in tfjs 4.x) would be new state: remove them.
  for (const key of Object.keys(target)) {
    if (snapshot.optimizer.has(key)) continue;
    const value = target[key];
    if (value instanceof tf.Tensor && !value.isDisposed) value.dispose();
    else if (isSlotArray(value)) value.forEach((slot) => slot.variable.dispose());
    delete target[key];
  }
}

/** Frees the snapshot's tensors. */
export function disposeSnapshot(snapshot: TrainingSnapshot): void {
  tf.dispose(snapshot.weights);
  for (const saved of snapshot.optimizer.values()) {
    if (saved.kind === 'tensor') saved.value.dispose();
    else if (saved.kind === 'slots') tf.dispose(saved.values);
  }
}
