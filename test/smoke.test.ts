import { describe, expect, it } from 'vitest';
import * as lrfind from '../src/index.js';

describe('barrel', () => {
  it('loads', () => {
    expect(typeof lrfind).toBe('object');
  });
});
