import type { SendProgress } from '@poise/capture';
import type { Output } from './log/log-commands';

/** Redraws at most this often: a fast local import sends hundreds of messages a second. */
const REDRAW_MS = 200;

/**
 * One line on stderr, redrawn in place: media stored against the total, and the rate of this run.
 * `[######..............] 31% frames 93/300 · audio 18/60 · 42 msg/s`
 */
export function createProgressBar(output: Output, now: () => number = Date.now) {
  let startedAt = 0;
  let storedAtStart: number | null = null;
  let lastDraw = 0;
  let last: SendProgress | null = null;
  const draw = (progress: SendProgress) => {
    const stored = progress.framesStored + progress.audioStored;
    const total = progress.frames + progress.audioChunks;
    if (storedAtStart === null) {
      storedAtStart = stored;
      startedAt = now();
    }
    const percent = total === 0 ? 100 : Math.floor((100 * stored) / total);
    const filled = Math.round(percent / 5);
    const seconds = Math.max(0.001, (now() - startedAt) / 1000);
    const rate = Math.round((stored - storedAtStart) / seconds);
    output.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(20 - filled)}] ${percent}% frames ${progress.framesStored}/${progress.frames} · audio ${progress.audioStored}/${progress.audioChunks} · ${rate} msg/s`,
    );
  };
  return {
    update(progress: SendProgress) {
      last = progress;
      if (now() - lastDraw < REDRAW_MS && storedAtStart !== null) return;
      lastDraw = now();
      draw(progress);
    },
    finish() {
      if (last !== null) {
        draw(last);
        output.write('\n');
      }
    },
  };
}
