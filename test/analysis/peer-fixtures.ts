// Loads the peer curves (test/fixtures/peer-curves, copied from ../shared) for the analysis tests.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PEER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/peer-curves');
export const PEER_CURVES = ['digits_mlp_sgd', 'mnist_cnn_sgdmom', 'fashion_mlp_adam'] as const;
export type PeerCurveName = (typeof PEER_CURVES)[number];

export interface PeerCurve {
  lrs: number[];
  raw: number[];
  torch: number[];
  fastai: number[];
}

export function loadPeerCurve(name: PeerCurveName): PeerCurve {
  const lines = readFileSync(resolve(PEER_DIR, `${name}.csv`), 'utf8').trim().split('\n').slice(1);
  const rows = lines.map((line) => line.split(',').map(Number));
  return {
    lrs: rows.map((r) => r[1]!),
    raw: rows.map((r) => r[2]!),
    torch: rows.map((r) => r[3]!),
    fastai: rows.map((r) => r[4]!),
  };
}

interface Pick { lr: number; index_in_curve: number; index_in_window?: number }
export interface PeerSuggestions {
  range_test: { num_iter: number };
  pytorch_lr_finder_steepest: Pick;
  fastai_rules_on_pytorch_lr_finder_history: Record<'valley' | 'slide' | 'minimum' | 'steep', Pick>;
  fastai_rules_on_fastai_smoothing: Record<'valley' | 'slide' | 'minimum' | 'steep', Pick>;
}

export function loadPeerSuggestions(): Record<PeerCurveName, PeerSuggestions> {
  return JSON.parse(readFileSync(resolve(PEER_DIR, 'suggestions.json'), 'utf8')) as Record<PeerCurveName, PeerSuggestions>;
}
