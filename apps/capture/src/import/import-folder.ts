/**
 * Reads and checks an import folder completely before anything is written anywhere: every
 * problem found is reported at once, each saying which file (and field) is wrong and how.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DecodedWav, decodeWav, resamplePcm16, SPEECH_SAMPLE_RATE, WavFormatError } from '@poise/audio';
import { MAX_FRAME_BYTES } from '@poise/wire';
import { type JpegSize, scanJpeg, splitMjpeg } from './jpeg';
import { parseJsonFile } from './json-fields';
import { type ImportManifest, readManifest } from './manifest';
import { readTranscript, type TranscriptSegment } from './transcript';

export interface FrameSource {
  /** For messages: `frames/000012.jpg` or `video.mjpeg #12`. */
  readonly label: string;
  readonly offsetMs: number;
  readonly size: JpegSize;
  read(): Promise<Uint8Array>;
}

export interface ImportFolder {
  readonly path: string;
  readonly manifest: ImportManifest;
  /** SHA-256 of manifest.json's bytes: the import's identity. */
  readonly manifestSha256: string;
  readonly frames: readonly FrameSource[];
  /** 16 kHz mono PCM16, or null without audio.wav. */
  readonly audio: Int16Array | null;
  readonly transcript: readonly TranscriptSegment[];
}

/** The folder cannot be imported; `problems` says why, one line each. */
export class ImportFolderError extends Error {
  constructor(
    readonly folder: string,
    readonly problems: readonly string[],
  ) {
    super(`${folder} cannot be imported:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ImportFolderError';
  }
}

const FRAME_NAME = /^(\d{6})\.jpg$/;
/** Frames per second taken from an MP4 when the manifest gives none: what the browser sends. */
const DEFAULT_VIDEO_FPS = 5;

export async function readImportFolder(path: string): Promise<ImportFolder> {
  const fail = (problems: readonly string[]): never => {
    throw new ImportFolderError(path, problems);
  };
  if (!existsSync(path) || !statSync(path).isDirectory()) fail([`${path} is not a folder`]);
  const manifestPath = join(path, 'manifest.json');
  if (!existsSync(manifestPath)) {
    fail(['manifest.json is missing (it names the tenant, candidate, question set and answers)']);
  }
  const manifestBytes = readFileSync(manifestPath);
  const parsed = parseJsonFile('manifest.json', manifestBytes.toString('utf8'));
  if (!parsed.ok) return fail([parsed.problem]);
  const read = readManifest(parsed.value);
  if (!read.ok) return fail(read.problems);
  const { manifest } = read;

  const problems: string[] = [];
  const frames = await readFrames(path, manifest, problems);
  const audio = readAudio(path, problems);
  let transcript: TranscriptSegment[] = [];
  const transcriptPath = join(path, 'transcript.json');
  if (existsSync(transcriptPath)) {
    const json = parseJsonFile('transcript.json', readFileSync(transcriptPath, 'utf8'));
    if (!json.ok) problems.push(json.problem);
    else {
      const segments = readTranscript(json.value, manifest.answers.length);
      if (segments.ok) transcript = segments.segments;
      else problems.push(...segments.problems);
    }
  }
  if (problems.length === 0 && frames.length === 0 && audio === null) {
    problems.push(
      'nothing to import: give frames (frames/NNNNNN.jpg, video.mjpeg or video.mp4) or audio.wav',
    );
  }
  if (problems.length > 0) fail(problems);
  return {
    path,
    manifest,
    manifestSha256: createHash('sha256').update(manifestBytes).digest('hex'),
    frames,
    audio,
    transcript,
  };
}

/** Rates a recorder plausibly writes; anything outside is more likely a broken header. */
const MIN_WAV_RATE = 4000;
const MAX_WAV_RATE = 192_000;

/** audio.wav as 16 kHz mono, the rate the gateway stores raw PCM at. */
function readAudio(folder: string, problems: string[]): Int16Array | null {
  const wavPath = join(folder, 'audio.wav');
  if (!existsSync(wavPath)) return null;
  const problem = (reason: string) => {
    problems.push(`audio.wav ${reason}`);
    return null;
  };
  let decoded: DecodedWav;
  try {
    decoded = decodeWav(new Uint8Array(readFileSync(wavPath)));
  } catch (error) {
    if (error instanceof WavFormatError) return problem(error.reason);
    throw error;
  }
  const { sampleRate, samples } = decoded;
  if (sampleRate < MIN_WAV_RATE || sampleRate > MAX_WAV_RATE) {
    return problem(`has a sample rate of ${sampleRate} Hz; ${MIN_WAV_RATE}–${MAX_WAV_RATE} Hz expected`);
  }
  if (samples.length === 0) return problem('holds no samples');
  return resamplePcm16(samples, sampleRate, SPEECH_SAMPLE_RATE);
}

async function readFrames(
  folder: string,
  manifest: ImportManifest,
  problems: string[],
): Promise<FrameSource[]> {
  const framesDir = join(folder, 'frames');
  const sources = [
    existsSync(framesDir) ? 'frames/' : null,
    existsSync(join(folder, 'video.mjpeg')) ? 'video.mjpeg' : null,
    existsSync(join(folder, 'video.mp4')) ? 'video.mp4' : null,
  ].filter((source) => source !== null);
  if (sources.length > 1) {
    problems.push(`frames come from one source only, but the folder has ${sources.join(' and ')}`);
    return [];
  }
  switch (sources[0]) {
    case 'frames/':
      return readFrameFiles(folder, manifest, problems);
    case 'video.mjpeg': {
      if (manifest.fps === null) {
        problems.push(
          'video.mjpeg needs "fps" in manifest.json (an MJPEG file does not record its frame rate)',
        );
        return [];
      }
      return videoFrames(
        'video.mjpeg',
        new Uint8Array(readFileSync(join(folder, 'video.mjpeg'))),
        manifest.fps,
        problems,
      );
    }
    case 'video.mp4': {
      const fps = manifest.fps ?? DEFAULT_VIDEO_FPS;
      const decoded = await decodeMp4(join(folder, 'video.mp4'), fps);
      if (!decoded.ok) {
        problems.push(decoded.problem);
        return [];
      }
      return videoFrames('video.mp4', decoded.mjpeg, fps, problems);
    }
    default:
      return [];
  }
}

function videoFrames(file: string, bytes: Uint8Array, fps: number, problems: string[]): FrameSource[] {
  const split = splitMjpeg(bytes);
  if (!split.ok) {
    problems.push(`${file} ${split.reason}`);
    return [];
  }
  const frames: FrameSource[] = [];
  split.frames.forEach((frame, index) => {
    const label = `${file} picture ${index + 1}`;
    if (checkFrame(label, frame.bytes.length, frame.size, problems)) {
      frames.push({
        label,
        offsetMs: Math.round((index * 1000) / fps),
        size: frame.size,
        read: async () => frame.bytes,
      });
    }
  });
  return frames;
}

function checkFrame(label: string, bytes: number, size: JpegSize, problems: string[]): boolean {
  if (bytes > MAX_FRAME_BYTES) {
    problems.push(
      `${label} is ${bytes} bytes; the gateway takes at most ${MAX_FRAME_BYTES} per frame (downscale it)`,
    );
    return false;
  }
  if (size.width < 1 || size.height < 1 || size.width > 8192 || size.height > 8192) {
    problems.push(`${label} is ${size.width}x${size.height}; each side must be 1..8192`);
    return false;
  }
  return true;
}

function readFrameFiles(folder: string, manifest: ImportManifest, problems: string[]): FrameSource[] {
  const framesDir = join(folder, 'frames');
  const numbered: Array<{ name: string; number: number }> = [];
  for (const name of readdirSync(framesDir).sort()) {
    const match = FRAME_NAME.exec(name);
    if (match === null) problems.push(`frames/${name} is not named NNNNNN.jpg (six digits)`);
    else numbered.push({ name, number: Number(match[1]) });
  }
  if (numbered.length === 0) {
    problems.push('frames/ holds no NNNNNN.jpg file');
    return [];
  }
  const first = numbered[0]!.number;
  if (first > 1)
    problems.push(`frames/ starts at ${numbered[0]!.name}; numbering starts at 000000 or 000001`);
  numbered.forEach((frame, index) => {
    const previous = numbered[index - 1];
    if (previous !== undefined && frame.number !== previous.number + 1) {
      problems.push(
        `frames out of order: ${String(previous.number + 1).padStart(6, '0')}.jpg is missing between frames/${previous.name} and frames/${frame.name}`,
      );
    }
  });
  const offsets = frameOffsets(folder, manifest, numbered.length, problems);
  if (offsets === null) return [];
  const frames: FrameSource[] = [];
  numbered.forEach(({ name }, index) => {
    const file = join(framesDir, name);
    const label = `frames/${name}`;
    const bytes = new Uint8Array(readFileSync(file));
    const scan = scanJpeg(bytes);
    if (!scan.ok) {
      problems.push(`${label} is not a JPEG: it ${scan.reason}`);
      return;
    }
    if (checkFrame(label, bytes.length, scan.size, problems)) {
      const offsetMs = offsets[index]!;
      // Read again when sent: a long recording's frames need not all sit in memory.
      frames.push({
        label,
        offsetMs,
        size: scan.size,
        read: async () => new Uint8Array(await readFile(file)),
      });
    }
  });
  return frames;
}

/** frames.json (an offset in ms per frame file, in order) or the manifest's fps. */
function frameOffsets(
  folder: string,
  manifest: ImportManifest,
  count: number,
  problems: string[],
): number[] | null {
  const offsetsPath = join(folder, 'frames.json');
  if (!existsSync(offsetsPath)) {
    if (manifest.fps === null) {
      problems.push('frames/ needs frames.json (each frame\'s offset in ms) or "fps" in manifest.json');
      return null;
    }
    return Array.from({ length: count }, (_, index) => Math.round((index * 1000) / manifest.fps!));
  }
  const json = parseJsonFile('frames.json', readFileSync(offsetsPath, 'utf8'));
  if (!json.ok) {
    problems.push(json.problem);
    return null;
  }
  const list = json.value;
  if (!Array.isArray(list)) {
    problems.push('frames.json must be an array of offsets in ms, one per frame file');
    return null;
  }
  if (list.length !== count) {
    problems.push(`frames.json has ${list.length} offsets but frames/ has ${count} frames`);
    return null;
  }
  const before = problems.length;
  list.forEach((offset, index) => {
    if (!Number.isSafeInteger(offset) || offset < 0) {
      problems.push(
        `frames.json: [${index}] must be a whole number of ms ≥ 0, got ${JSON.stringify(offset)}`,
      );
    } else if (index > 0 && Number.isSafeInteger(list[index - 1]) && offset < list[index - 1]) {
      problems.push(
        `frames out of order: frames.json [${index}] = ${offset} ms is before [${index - 1}] = ${list[index - 1]} ms`,
      );
    }
  });
  return problems.length === before ? (list as number[]) : null;
}

/** ffmpeg on PATH, or null: it is optional, and only MP4 input needs it. */
export function findFfmpeg(): string | null {
  const probe = spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0 ? 'ffmpeg' : null;
}

async function decodeMp4(
  file: string,
  fps: number,
): Promise<{ ok: true; mjpeg: Uint8Array } | { ok: false; problem: string }> {
  const ffmpeg = findFfmpeg();
  if (ffmpeg === null) {
    return {
      ok: false,
      problem:
        'video.mp4 needs ffmpeg to decode it, and ffmpeg is not on PATH: install ffmpeg, or give the frames as frames/NNNNNN.jpg or video.mjpeg',
    };
  }
  // Downscaled like the browser does (at most 640 px wide), re-encoded as MJPEG on stdout.
  const args = [
    '-v',
    'error',
    '-i',
    file,
    '-vf',
    `fps=${fps},scale='min(640,iw)':-2`,
    '-q:v',
    '5',
    '-f',
    'mjpeg',
    '-',
  ];
  return new Promise((resolve) => {
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) =>
      resolve({ ok: false, problem: `video.mp4: ffmpeg failed to start: ${error.message}` }),
    );
    child.on('close', (code) => {
      if (code === 0) resolve({ ok: true, mjpeg: new Uint8Array(Buffer.concat(out)) });
      else
        resolve({
          ok: false,
          problem: `video.mp4 could not be decoded by ffmpeg: ${Buffer.concat(err).toString('utf8').trim().slice(0, 300)}`,
        });
    });
  });
}
