export interface AxisWindow {
  size: number;
  kernel: number;
  stride: number;
  dilation: number;
}

export interface AxisPadding {
  before: number;
  after: number;
  output: number;
}

/**
 * TensorFlow's padding arithmetic for one spatial axis. SAME keeps ceil(size / stride) outputs and,
 * when the total padding is odd, puts the extra cell after the data (bottom/right), which is why
 * the converter writes explicit ONNX pads instead of relying on auto_pad.
 */
export function tfAxisPadding(mode: 'SAME' | 'VALID', w: AxisWindow): AxisPadding {
  if (w.size < 0) throw new Error('padding needs a known spatial size');
  const span = (w.kernel - 1) * w.dilation + 1;
  if (mode === 'VALID') {
    const output = Math.floor((w.size - span) / w.stride) + 1;
    if (output < 1) throw new Error(`VALID window of ${span} does not fit in ${w.size}`);
    return { before: 0, after: 0, output };
  }
  const output = Math.ceil(w.size / w.stride);
  const total = Math.max((output - 1) * w.stride + span - w.size, 0);
  const before = Math.floor(total / 2);
  return { before, after: total - before, output };
}

/** ONNX `pads` for a 2-D window: [top, left, bottom, right]. */
export function onnxPads(rows: AxisPadding, cols: AxisPadding): number[] {
  return [rows.before, cols.before, rows.after, cols.after];
}
