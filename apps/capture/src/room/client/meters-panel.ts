/// <reference lib="dom" />
/**
 * The live meters. Each is a native <meter> (so assistive technology reads its value) with a
 * `data-value` attribute holding the raw number (tests and the end-to-end run read it) and a
 * sentence saying what it measures. Text updates are throttled to once a second per meter, so the
 * polite live region does not flood a screen reader.
 */
import { h } from './dom';
import { percent, volumeBand } from './meters';

export type MeterKey = 'face' | 'eye-contact' | 'composure' | 'pace' | 'fillers' | 'volume';

interface MeterParts {
  readonly root: HTMLElement;
  readonly value: HTMLElement;
  readonly gauge: HTMLMeterElement | null;
  lastText: number;
  pendingText: string;
  timer: ReturnType<typeof setTimeout> | null;
}

const HELP: Record<MeterKey, string> = {
  face: 'Whether a face is found in the latest analysed frame.',
  'eye-contact': 'Share of the frames of the last 10 seconds in which your head faces the camera.',
  composure:
    'Mean composure (0–100%) of the last 10 seconds, derived from the expression model: calm expressions raise it, tense ones lower it.',
  pace: 'Words per minute: words heard by speech recognition ÷ your speaking time in this answer (130–170 is comfortable); not shown for a typed transcript.',
  fillers: 'Filler words heard in this answer (um, uh, er, basically, you know…); a live estimate.',
  volume: 'Microphone level in dBFS (0 is the loudest possible); around −30 to −12 is good.',
};

export class MetersPanel {
  readonly element: HTMLElement;
  private readonly parts = new Map<MeterKey, MeterParts>();
  private readonly latencyText = h('p', { class: 'muted small', 'data-testid': 'feedback-latency' });

  constructor(expressionAnalysis: boolean) {
    const list = h('div', { class: 'meters', 'aria-live': 'polite', 'aria-label': 'Live feedback' });
    list.append(
      this.meter('face', 'Face in frame', null),
      this.meter('eye-contact', 'Eye contact', { min: 0, max: 1, low: 0.4, high: 0.7, optimum: 1 }),
    );
    if (expressionAnalysis) {
      list.append(this.meter('composure', 'Composure', { min: 0, max: 1, low: 0.4, high: 0.7, optimum: 1 }));
    } else {
      list.append(
        h(
          'div',
          { class: 'meter off', 'data-testid': 'composure-off-note' },
          h('span', { class: 'label' }, 'Composure'),
          h(
            'span',
            { class: 'help' },
            'Not shown: your institution has switched facial expression analysis off, so no expressions or composure are inferred.',
          ),
        ),
      );
    }
    list.append(
      this.meter('pace', 'Pace', { min: 0, max: 250, low: 110, high: 180, optimum: 150 }),
      this.meter('fillers', 'Fillers', null),
      this.meter('volume', 'Volume', { min: -90, max: 0, low: -45, high: -8, optimum: -20 }),
    );
    this.element = h('div', {}, h('h2', {}, 'Live feedback'), list, this.latencyText);
    this.set('face', null, 'waiting for the first analysis…');
  }

  private meter(
    key: MeterKey,
    label: string,
    range: { min: number; max: number; low: number; high: number; optimum: number } | null,
  ): HTMLElement {
    const value = h('span', { class: 'value' }, '—');
    const gauge = range === null ? null : h('meter', { ...range, value: range.min, 'aria-label': label });
    const root = h(
      'div',
      { class: 'meter', 'data-testid': `meter-${key}`, 'data-value': '' },
      h('span', { class: 'label' }, label),
      value,
      gauge,
      h('span', { class: 'help' }, HELP[key]),
    );
    this.parts.set(key, { root, value, gauge, lastText: 0, pendingText: '—', timer: null });
    return root;
  }

  /** Sets a meter's raw value (null: no reading yet) and its text. */
  set(key: MeterKey, raw: number | boolean | null, text: string): void {
    const parts = this.parts.get(key);
    if (parts === undefined) return;
    parts.root.dataset.value = raw === null ? '' : String(raw);
    if (parts.gauge !== null && typeof raw === 'number') parts.gauge.value = raw;
    parts.pendingText = text;
    const wait = parts.lastText + 1000 - performance.now();
    if (wait <= 0 || parts.value.textContent === '—') {
      this.writeText(parts);
    } else if (parts.timer === null) {
      // The last reading of a burst still shows, a moment later.
      parts.timer = setTimeout(() => this.writeText(parts), wait);
    }
  }

  private writeText(parts: MeterParts): void {
    if (parts.timer !== null) clearTimeout(parts.timer);
    parts.timer = null;
    parts.lastText = performance.now();
    parts.value.textContent = parts.pendingText;
  }

  faceInFrame(found: boolean | null): void {
    this.set(
      'face',
      found,
      found === null ? 'waiting…' : found ? 'yes' : 'no face found — move into the picture',
    );
  }

  share(key: 'eye-contact' | 'composure', share: number | null): void {
    this.set(
      key,
      share === null ? null : Number(share.toFixed(3)),
      share === null ? '—' : `${percent(share)}%`,
    );
  }

  pace(wpm: number | null): void {
    this.set('pace', wpm, wpm === null ? '—' : `${wpm} words/min`);
  }

  count(key: 'fillers', count: number): void {
    this.set(key, count, String(count));
  }

  volume(dbfs: number): void {
    this.set('volume', dbfs, `${dbfs} dBFS (${volumeBand(dbfs)})`);
  }

  latency(ms: number): void {
    this.latencyText.dataset.value = String(Math.round(ms));
    this.latencyText.textContent = `Feedback delay: ${Math.round(ms)} ms`;
  }
}
