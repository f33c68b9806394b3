#!/usr/bin/env node
/**
 * One-off generator of the interview room's fake camera and microphone (tests/e2e/fixtures/):
 *   room-camera.mjpeg — 640×480 JPEGs of the same size back to back, made from the fixture face photo
 *                       with small head movements; Chromium's --use-file-for-fake-video-capture plays
 *                       MJPEG at 30 fps and loops it.
 *   room-speech.wav   — ~10 s of English speech from espeak-ng, 16 kHz mono PCM16, answering the demo
 *                       question set's first questions; --use-file-for-fake-audio-capture loops it.
 * The face is NASA's public-domain portrait of astronaut Eileen Collins, kept here as
 * a JPEG. The OUTPUT is committed; the tests never run this. It needs `sharp` (resolved from the repository's
 * node_modules, not a dependency of @poise/e2e) and `espeak-ng`.
 *
 *   node tests/e2e/scripts/make-room-fixtures.mjs
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../fixtures');
const sharp = createRequire(import.meta.url)('sharp');

const WIDTH = 640;
const HEIGHT = 480;
/** Head and shoulders of the 512×512 photo, 4:3, so the face fills about 40 % of the frame's width. */
const CROP = { left: 50, top: 0, width: 360, height: 270 };
/** Shifts (x, y) of the crop per picture: a slow sway, so consecutive frames differ as a live camera's do. */
const SWAY = [0, 3, 6, 3, 0, -3, -6, -3].map((dx, i) => [dx, i % 2 === 0 ? 0 : 2]);
/** Each distinct picture is held for this many frames (at Chromium's 30 fps: 67 ms); the loop lasts ~0.5 s. */
const HOLD = 2;

async function camera() {
  const photo = join(fixtures, 'astronaut_eileen_collins_nasa.jpg');
  const pictures = [];
  for (const [dx, dy] of SWAY) {
    const jpeg = await sharp(photo)
      .extract({ ...CROP, left: CROP.left + dx, top: CROP.top + dy })
      .resize(WIDTH, HEIGHT)
      // Baseline 4:2:0 without metadata: no embedded thumbnail whose SOI marker would split a frame.
      .jpeg({ quality: 75, chromaSubsampling: '4:2:0', progressive: false, mozjpeg: false })
      .toBuffer();
    for (let i = 0; i < HOLD; i += 1) pictures.push(jpeg);
  }
  const file = Buffer.concat(pictures);
  writeFileSync(join(fixtures, 'room-camera.mjpeg'), file);
  return `${pictures.length} frames (${SWAY.length} distinct), ${file.length} bytes`;
}

const SPEECH =
  'In my final year project a teammate wanted to rewrite our data layer before the demo. ' +
  'I listened to his reasons, and we agreed to fix two bugs first. We shipped on time.';
const SAMPLE_RATE = 16_000;

/** The PCM16 mono samples of a canonical WAV (espeak-ng writes 22 050 Hz). */
function readWav(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 12;
  let rate = 0;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    // espeak-ng writing to a file leaves the data chunk's size at its maximum: take the rest.
    const size = Math.min(view.getUint32(offset + 4, true), bytes.length - offset - 8);
    if (id === 'fmt ') rate = view.getUint32(offset + 12, true);
    if (id === 'data') {
      const samples = new Int16Array(Math.floor(size / 2));
      for (let i = 0; i < samples.length; i += 1) samples[i] = view.getInt16(offset + 8 + i * 2, true);
      return { rate, samples };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('no data chunk in the espeak-ng WAV');
}

/** Linear-interpolation resampling; espeak's voice has little energy near 8 kHz, so aliasing is negligible. */
function resample(samples, from, to) {
  const out = new Int16Array(Math.floor((samples.length * to) / from));
  for (let i = 0; i < out.length; i += 1) {
    const at = (i * from) / to;
    const left = Math.floor(at);
    const right = Math.min(left + 1, samples.length - 1);
    out[i] = Math.round(samples[left] + (samples[right] - samples[left]) * (at - left));
  }
  return out;
}

function wav(samples, rate) {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + samples.length * 2, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(samples.length * 2, 40);
  return Buffer.concat([header, Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)]);
}

function microphone() {
  const dir = mkdtempSync(join(tmpdir(), 'poise-room-fixtures-'));
  try {
    const raw = join(dir, 'speech.wav');
    const result = spawnSync('espeak-ng', ['-v', 'en-gb', '-s', '150', '-w', raw, SPEECH], {
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`espeak-ng failed: ${result.stderr || result.error?.message}`);
    const { rate, samples } = readWav(readFileSync(raw));
    // Half a second of silence at the end, so the loop has a pause between "answers".
    const speech = resample(samples, rate, SAMPLE_RATE);
    const padded = new Int16Array(speech.length + SAMPLE_RATE / 2);
    padded.set(speech);
    const file = wav(padded, SAMPLE_RATE);
    writeFileSync(join(fixtures, 'room-speech.wav'), file);
    return `${(padded.length / SAMPLE_RATE).toFixed(1)} s at ${SAMPLE_RATE} Hz (from ${rate} Hz), ${file.length} bytes`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`room-camera.mjpeg: ${await camera()}`);
console.log(`room-speech.wav: ${microphone()}`);
