import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

export interface CpuPeak {
  readonly model: string;
  readonly cores: number;
  /** "cpu MHz" of /proc/cpuinfo: the nominal clock a VM reports, not the boost clock. */
  readonly mhz: number;
  readonly flags: readonly string[];
  readonly macsPerCyclePerCore: number;
  readonly assumption: string;
  /** macsPerCyclePerCore × GHz: one core's fp32 multiply-accumulates per second at that clock. */
  readonly gmacPerSecondPerCore: number;
}

/**
 * This CPU's fp32 multiply-accumulate peak from /proc/cpuinfo. Per cycle and core: AVX2+FMA gives
 * 2 FMA units × 8 fp32 lanes = 16. AVX-512 doubles the lanes only where the core has 512-bit FMA
 * units: on AMD (Zen 4) AVX-512 instructions are split over the same two 256-bit units, so AMD stays
 * at 16; on Intel we assume two 512-bit units (32), true of Xeon Gold/Platinum, not of every part.
 */
export function cpuPeak(): CpuPeak {
  const info = readFileSync('/proc/cpuinfo', 'utf8');
  const field = (name: string) => new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(info)?.[1]?.trim() ?? '';
  const flags = field('flags').split(/\s+/);
  const vendor = field('vendor_id');
  const mhz = Number(field('cpu MHz'));
  const has = (flag: string) => flags.includes(flag);
  let macsPerCyclePerCore = 4;
  let assumption = 'no AVX2+FMA: SSE, 4 fp32 lanes × 1 unit';
  if (has('avx2') && has('fma')) {
    macsPerCyclePerCore = 16;
    assumption = 'AVX2+FMA: 2 FMA units × 8 fp32 lanes = 16 MAC/cycle/core';
    if (has('avx512f') && vendor === 'AuthenticAMD') {
      assumption += ' (AVX-512 present, but AMD Zen 4 runs it on the same two 256-bit units)';
    } else if (has('avx512f')) {
      macsPerCyclePerCore = 32;
      assumption = 'AVX-512F: 2 FMA units × 16 fp32 lanes = 32 MAC/cycle/core (assumes two 512-bit units)';
    }
  }
  return {
    model: field('model name'),
    cores: availableParallelism(),
    mhz,
    flags: flags.filter((f) => /^(avx|fma|f16c)/.test(f)),
    macsPerCyclePerCore,
    assumption,
    gmacPerSecondPerCore: (macsPerCyclePerCore * mhz) / 1000,
  };
}
