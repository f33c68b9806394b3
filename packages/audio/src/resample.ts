/**
 * Band-limited sample-rate conversion by windowed-sinc interpolation (J. O. Smith, "Digital Audio
 * Resampling"), in exact polyphase form: for integer rates the output grid falls on L = out / gcd
 * distinct fractional positions of the input grid, so each position gets its own precomputed filter.
 *
 * Filter: an ideal low-pass at 90 % of the lower Nyquist frequency (7.2 kHz when the output is 16 kHz),
 * truncated to 16 zero crossings either side by default and shaped by a Kaiser window (β = 8, about 80 dB side-lobe
 * attenuation). Cutting below Nyquist leaves a transition band so that energy above the output Nyquist
 * (e.g. 8–11 kHz of a 22.05 kHz recording) is attenuated instead of folding back as aliases, which a
 * plain linear interpolator would let through. Each phase's taps are normalised to sum to 1, so DC and
 * low frequencies keep their level exactly. Samples beyond either end count as zero.
 */

/** Default zero crossings either side: the quality of the 16 kHz signal every measure reads. */
export const ZERO_CROSSINGS = 16;
const KAISER_BETA = 8;
const CUTOFF_OF_NYQUIST = 0.9;
const MAX_CACHED_FILTERS = 8;

interface PolyphaseFilter {
  /** Output step in input samples is up / down (both reduced by their gcd). */
  readonly up: number;
  readonly down: number;
  /** Taps per phase; tap j of phase p weighs input sample floor(t) - half + 1 + j. */
  readonly taps: number;
  readonly half: number;
  readonly coefficients: Float32Array;
}

const filters = new Map<string, PolyphaseFilter>();

/**
 * Resamples mono float audio from `fromRate` to `toRate` (both positive integers, in Hz). Fewer
 * `zeroCrossings` give a shorter filter with a wider transition band: cheaper, for uses that only read
 * low frequencies (pitch).
 */
export function resample(
  input: Float32Array,
  fromRate: number,
  toRate: number,
  zeroCrossings = ZERO_CROSSINGS,
): Float32Array {
  if (!Number.isInteger(fromRate) || !Number.isInteger(toRate) || fromRate <= 0 || toRate <= 0) {
    throw new RangeError(`sample rates must be positive integers, got ${fromRate} → ${toRate}`);
  }
  if (fromRate === toRate) return input.slice();
  const filter = filterFor(fromRate, toRate, zeroCrossings);
  const { up, down, taps, half, coefficients } = filter;
  const length = input.length;
  const outLength = Math.ceil((length * up) / down);
  const output = new Float32Array(outLength);
  // Output n sits at input position n·down/up = base + phase/up; both advance without multiplying.
  let base = 0;
  let phase = 0;
  for (let n = 0; n < outLength; n++) {
    const first = base - half + 1;
    const offset = phase * taps;
    let sum = 0;
    if (first >= 0 && first + taps <= length) {
      // Taps come in fours (half is even): four accumulators let the multiply-adds overlap.
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let j = 0; j < taps; j += 4) {
        const at = first + j;
        const tap = offset + j;
        sum += input[at]! * coefficients[tap]!;
        s1 += input[at + 1]! * coefficients[tap + 1]!;
        s2 += input[at + 2]! * coefficients[tap + 2]!;
        s3 += input[at + 3]! * coefficients[tap + 3]!;
      }
      sum += s1 + s2 + s3;
    } else {
      const from = Math.max(0, -first);
      const to = Math.min(taps, length - first);
      for (let j = from; j < to; j++) sum += input[first + j]! * coefficients[offset + j]!;
    }
    output[n] = sum;
    phase += down;
    if (phase >= up) {
      base += Math.floor(phase / up);
      phase %= up;
    }
  }
  return output;
}

/** `resample` for PCM16: rounds, and clamps where the filter's ripple overshoots full scale. */
export function resamplePcm16(samples: Int16Array, fromRate: number, toRate: number): Int16Array {
  const output = resample(Float32Array.from(samples), fromRate, toRate);
  return Int16Array.from(output, (value) => Math.max(-32768, Math.min(32767, Math.round(value))));
}

function filterFor(fromRate: number, toRate: number, zeroCrossings: number): PolyphaseFilter {
  const key = `${fromRate}>${toRate}/${zeroCrossings}`;
  const cached = filters.get(key);
  if (cached !== undefined) return cached;
  const filter = designFilter(fromRate, toRate, zeroCrossings);
  if (filters.size >= MAX_CACHED_FILTERS) filters.delete(filters.keys().next().value!);
  filters.set(key, filter);
  return filter;
}

function designFilter(fromRate: number, toRate: number, zeroCrossings: number): PolyphaseFilter {
  const divisor = gcd(fromRate, toRate);
  const up = toRate / divisor;
  const down = fromRate / divisor;
  // Cut-off as a fraction of the input rate; the sinc's zero crossings are 1 / (2·cutoff) input samples apart.
  const cutoff = (CUTOFF_OF_NYQUIST * Math.min(fromRate, toRate)) / 2 / fromRate;
  const reach = zeroCrossings / (2 * cutoff);
  // Rounded up to an even number so the taps (2·half) split into fours for the inner loop.
  const half = 2 * Math.ceil(reach / 2);
  const taps = 2 * half;
  const coefficients = new Float32Array(up * taps);
  const besselBeta = besselI0(KAISER_BETA);
  for (let phase = 0; phase < up; phase++) {
    const fraction = phase / up;
    let total = 0;
    for (let j = 0; j < taps; j++) {
      // Distance from the output position to input sample (base - half + 1 + j).
      const distance = fraction + half - 1 - j;
      const ratio = distance / reach;
      let value = 0;
      if (Math.abs(ratio) < 1) {
        const window = besselI0(KAISER_BETA * Math.sqrt(1 - ratio * ratio)) / besselBeta;
        value = 2 * cutoff * sinc(2 * cutoff * distance) * window;
      }
      coefficients[phase * taps + j] = value;
      total += value;
    }
    for (let j = phase * taps; j < (phase + 1) * taps; j++) coefficients[j] = coefficients[j]! / total;
  }
  return { up, down, taps, half, coefficients };
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const angle = Math.PI * x;
  return Math.sin(angle) / angle;
}

/** Modified Bessel function of the first kind, order 0, by its power series (converges fast for β ≤ 20). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const quarterSquare = (x * x) / 4;
  for (let k = 1; k < 50; k++) {
    term *= quarterSquare / (k * k);
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}
