import { describe, expect, it } from 'vitest';
import { tfAxisPadding } from './padding';

describe('tfAxisPadding', () => {
  it.each([
    // size, kernel, stride, dilation → before, after, output (TF SAME: extra padding goes after)
    [8, 3, 2, 1, 0, 1, 4],
    [7, 3, 2, 1, 1, 1, 4],
    [6, 4, 1, 1, 1, 2, 6],
    [5, 1, 2, 1, 0, 0, 3],
    [9, 3, 1, 2, 2, 2, 9],
    [2, 5, 3, 1, 1, 2, 1],
  ])(
    'SAME size %i kernel %i stride %i dilation %i → pads %i/%i, %i outputs',
    (size, kernel, stride, dilation, ...want) => {
      const { before, after, output } = tfAxisPadding('SAME', { size, kernel, stride, dilation });
      expect([before, after, output]).toEqual(want);
    },
  );

  it.each([
    [7, 3, 2, 1, 3],
    [9, 3, 1, 2, 5],
    [6, 2, 2, 1, 3],
  ])(
    'VALID size %i kernel %i stride %i dilation %i → %i outputs, no pads',
    (size, kernel, stride, dilation, output) => {
      expect(tfAxisPadding('VALID', { size, kernel, stride, dilation })).toEqual({
        before: 0,
        after: 0,
        output,
      });
    },
  );

  it('rejects a VALID window larger than the input', () => {
    expect(() => tfAxisPadding('VALID', { size: 2, kernel: 3, stride: 1, dilation: 1 })).toThrow();
  });
});
