import { describe, expect, it } from 'vitest';
import { describeAdapter } from '../../../src/tfjs/webgpu/adapter.js';

describe('describeAdapter', () => {
  it("calls lavapipe software for every reason it gives (Dawn's info for Mesa 25 on a machine without a GPU)", () => {
    const lavapipe = describeAdapter({ vendor: 'mesa', architecture: 'software', device: 'llvmpipe-llvm-15-0-6-256-bits-', description: 'llvmpipe: Mesa 25.0.7-2~bpo12+1 (LLVM 15.0.6) 0.0.1', isFallbackAdapter: true });
    expect(lavapipe.software).toBe(true);
    expect(lavapipe.fallback).toBe(true);
    expect(lavapipe.softwareBecause).toBe("fallback adapter, architecture 'software', llvmpipe");
    expect(lavapipe.text).toBe('llvmpipe: Mesa 25.0.7-2~bpo12+1 (LLVM 15.0.6) 0.0.1 [mesa, software]');
  });

  it('catches software adapters by any one sign: the fallback flag (old or new place), the architecture, a known name', () => {
    expect(describeAdapter({ vendor: 'google', description: 'SwiftShader Device (Subzero)' }).softwareBecause).toBe('swiftshader');
    expect(describeAdapter({ description: 'Microsoft Basic Render Driver' }).software).toBe(true);
    expect(describeAdapter({ vendor: 'microsoft', device: 'WARP' }).software).toBe(true);
    expect(describeAdapter({ vendor: 'mesa', architecture: 'software' }).software).toBe(true);
    expect(describeAdapter({ vendor: 'intel' }, true).softwareBecause).toBe('fallback adapter');
    expect(describeAdapter({ description: 'lavapipe' }).software).toBe(true);
  });

  it('leaves hardware adapters alone, Mesa ones and lookalike words included', () => {
    const nvidia = describeAdapter({ vendor: 'nvidia', architecture: 'hopper', device: '', description: 'NVIDIA H200: 560.35' });
    expect(nvidia).toMatchObject({ software: false, fallback: false, softwareBecause: '', text: 'NVIDIA H200: 560.35 [nvidia, hopper]' });
    expect(describeAdapter({ vendor: 'mesa', architecture: 'rdna-3', description: 'AMD Radeon RX 7900 (RADV NAVI31)' }).software).toBe(false);
    expect(describeAdapter({ vendor: 'acme', description: 'Warpspeed 9000' }).software).toBe(false);
    expect(describeAdapter({}).text).toBe('unnamed adapter');
  });
});
