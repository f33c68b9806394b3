import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeWav } from '@poise/audio';
import { type AuthStore, openAuthStore } from '@poise/auth';
import { DEMO_TENANT_ID, demoAccounts, demoPhotoPath, seedDemoTenant, seedDemoUsers } from '@poise/demo';
import { createSqliteEventLog, type EventLog, type RecordedEvent, withContracts } from '@poise/event-log';
import { createLocalMediaStore, type MediaStore } from '@poise/media-store';
import { createLogger } from '@poise/observability';
import { poiseContracts, streamName } from '@poise/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaptureGateway, startCaptureGateway } from '../gateway/server';
import { findFfmpeg, ImportFolderError, readImportFolder } from './import-folder';
import { splitMjpeg } from './jpeg';
import { ImportExistsError, type ImportTarget, importSessionId, runImport } from './run-import';
import { ImportInterruptedError } from './send-session';

const secret = 'import-test-secret-0123456789-abcdefgh';
const photos = [0, 1, 2, 3].map((n) => new Uint8Array(readFileSync(demoPhotoPath('douglass', n))));
const candidateEmail = demoAccounts.find((user) => user.role === 'candidate')!.email;

let dir: string;
let log: EventLog;
let authStore: AuthStore;
let media: MediaStore;
let gateway: CaptureGateway;
let target: ImportTarget;
let folderCount = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'poise-import-'));
  log = withContracts(createSqliteEventLog({ path: join(dir, 'events.db') }), poiseContracts);
  authStore = await openAuthStore({ kind: 'sqlite', path: join(dir, 'auth.db') });
  await seedDemoTenant(log);
  await seedDemoUsers(authStore, log);
  media = createLocalMediaStore({ root: join(dir, 'media') });
  gateway = await startCaptureGateway({
    host: '127.0.0.1',
    port: 0,
    log,
    media,
    secret,
    logger: createLogger({ level: 'silent', format: 'json', name: 'import-test' }),
  });
  target = { log, authStore, gatewayUrl: gateway.url, secret };
});

afterAll(async () => {
  await gateway?.stop();
  await authStore?.close();
  await log?.close();
  await media?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface FolderSpec {
  manifest?: unknown;
  /** Raw manifest.json text, for broken JSON. */
  manifestText?: string;
  frames?: number;
  framesJson?: unknown;
  frameBytes?: (index: number) => Uint8Array;
  wav?: Uint8Array;
  transcript?: unknown;
  files?: Record<string, Uint8Array | string>;
}

function manifest(extra: Record<string, unknown> = {}) {
  return {
    tenantId: DEMO_TENANT_ID,
    candidateEmail,
    questionSetTitle: 'Graduate software engineer — first interview',
    startedAt: '2026-02-02T10:00:00Z',
    fps: 4,
    answers: [
      { ordinal: 1, startMs: 250, endMs: 1500 },
      { ordinal: 2, startMs: 1750, endMs: 2900 },
    ],
    ...extra,
  };
}

/** A fresh import folder; each gets a unique manifest (a nonce in startedAt) unless one is given. */
function folder(spec: FolderSpec = {}): string {
  folderCount += 1;
  const path = join(dir, `folder-${folderCount}`);
  mkdirSync(path);
  const content =
    spec.manifestText ??
    JSON.stringify(
      spec.manifest ?? manifest({ startedAt: `2026-02-02T10:00:${String(folderCount).padStart(2, '0')}Z` }),
    );
  if (spec.manifestText !== undefined || spec.manifest !== null)
    writeFileSync(join(path, 'manifest.json'), content);
  const frames = spec.frames ?? 12;
  if (frames > 0) {
    mkdirSync(join(path, 'frames'));
    for (let i = 0; i < frames; i++) {
      const bytes = spec.frameBytes?.(i) ?? photos[i % photos.length]!;
      writeFileSync(join(path, 'frames', `${String(i).padStart(6, '0')}.jpg`), bytes);
    }
  }
  if (spec.framesJson !== undefined)
    writeFileSync(join(path, 'frames.json'), JSON.stringify(spec.framesJson));
  if (spec.wav !== undefined) writeFileSync(join(path, 'audio.wav'), spec.wav);
  if (spec.transcript !== undefined)
    writeFileSync(join(path, 'transcript.json'), JSON.stringify(spec.transcript));
  for (const [name, bytes] of Object.entries(spec.files ?? {})) writeFileSync(join(path, name), bytes);
  return path;
}

/** A tone, interleaved stereo, at 22.05 kHz: the importer must mix it down and resample. */
function stereoWav(seconds: number): Uint8Array {
  const rate = 22_050;
  const samples = new Int16Array(Math.round(seconds * rate) * 2);
  for (let i = 0; i < samples.length / 2; i++) {
    const value = Math.round(8000 * Math.sin((2 * Math.PI * 220 * i) / rate));
    samples[2 * i] = value;
    samples[2 * i + 1] = value;
  }
  return encodeWav(samples, rate, 2);
}

async function refusal(path: string): Promise<string> {
  const error = await runImport(path, target).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ImportFolderError);
  return (error as ImportFolderError).message;
}

async function captured(sessionId: string, type: string): Promise<RecordedEvent[]> {
  return (await log.readStream(streamName.capture(sessionId))).filter((event) => event.type === type);
}

describe('poise import refuses a malformed folder before touching anything', () => {
  it('names a missing manifest, broken JSON and bad fields by their path', async () => {
    const before = (await log.stats()).events;
    expect(await refusal(folder({ manifest: null }))).toContain('manifest.json is missing');
    expect(await refusal(folder({ manifestText: '{"tenantId": "poise-demo",' }))).toContain(
      'manifest.json is not valid JSON',
    );
    const badFields = await refusal(
      folder({
        manifest: manifest({
          candidateId: '0190a6f2-0000-7000-8000-0000000000c1',
          answers: [
            { ordinal: 1, startMs: 0, endMs: 900 },
            { ordinal: 2, startMs: 1000, endMs: 'soon' },
            { startMs: 5 },
          ],
          fps: 0,
          startTime: 'x',
        }),
      }),
    );
    expect(badFields).toContain('manifest.json: has both candidateEmail and candidateId; give one');
    expect(badFields).toContain(
      'manifest.json: answers[1].endMs must be a whole number at least 0, got "soon"',
    );
    expect(badFields).toContain('manifest.json: answers[2] needs one of questionId and ordinal');
    expect(badFields).toContain('manifest.json: fps must be a whole number from 1 to 30, got 0');
    expect(badFields).toContain('manifest.json: startTime is not a known field');
    expect((await log.stats()).events).toBe(before);
  });

  it('names an unknown candidate, question set and question', async () => {
    const before = (await log.stats()).events;
    expect(
      await refusal(folder({ manifest: manifest({ candidateEmail: 'nobody@demo.poise.local' }) })),
    ).toContain(
      'candidateEmail: no account nobody@demo.poise.local in tenant "poise-demo" (unknown candidate)',
    );
    const staffEmail = demoAccounts.find((user) => user.role === 'staff')!.email;
    expect(await refusal(folder({ manifest: manifest({ candidateEmail: staffEmail }) }))).toContain(
      `${staffEmail} is not a candidate in "poise-demo"`,
    );
    expect(
      await refusal(folder({ manifest: manifest({ questionSetTitle: 'Astronaut selection' }) })),
    ).toContain('no question set titled "Astronaut selection" in "poise-demo"');
    const pastTheEnd = manifest({ answers: [{ ordinal: 9, startMs: 0, endMs: 1000 }] });
    expect(await refusal(folder({ manifest: pastTheEnd }))).toContain(
      'answers[0].ordinal: 9 is past the 4 questions of "Graduate software engineer — first interview"',
    );
    expect(await refusal(folder({ manifest: manifest({ tenantId: 'no-such-tenant' }) }))).toContain(
      'no tenant "no-such-tenant"',
    );
    expect((await log.stats()).events).toBe(before);
  });

  it('names frames out of order, missing or not JPEG', async () => {
    expect(await refusal(folder({ frames: 4, framesJson: [0, 500, 250, 750] }))).toContain(
      'frames out of order: frames.json [2] = 250 ms is before [1] = 500 ms',
    );
    const gap = folder({ frames: 4 });
    rmSync(join(gap, 'frames', '000002.jpg'));
    expect(await refusal(gap)).toContain(
      'frames out of order: 000002.jpg is missing between frames/000001.jpg and frames/000003.jpg',
    );
    expect(
      await refusal(
        folder({ frames: 3, frameBytes: (i) => (i === 1 ? new TextEncoder().encode('PNG?') : photos[0]!) }),
      ),
    ).toContain('frames/000001.jpg is not a JPEG: it does not start with the JPEG marker FF D8 FF');
    expect(await refusal(folder({ frames: 3, framesJson: [0, 100] }))).toContain(
      'frames.json has 2 offsets but frames/ has 3 frames',
    );
    expect(await refusal(folder({ frames: 2, manifest: manifest({ fps: undefined }) }))).toContain(
      'frames/ needs frames.json',
    );
  });

  it('names a WAV that is not PCM16 and a transcript that points at no answer', async () => {
    const float = encodeWav(new Int16Array(3200), 16_000);
    new DataView(float.buffer).setUint16(20, 3, true); // IEEE float
    new DataView(float.buffer).setUint16(34, 32, true);
    expect(await refusal(folder({ wav: float }))).toContain(
      'audio.wav is not PCM16: it is IEEE float at 32 bits',
    );
    expect(await refusal(folder({ wav: new TextEncoder().encode('ID3 mp3 data') }))).toContain(
      'audio.wav is not a RIFF/WAVE file',
    );
    const transcript = [{ answer: 3, text: 'hello', startMs: 0, endMs: 10 }];
    expect(await refusal(folder({ transcript }))).toContain(
      'transcript.json: [0].answer must be a whole number from 1 to 2, got 3',
    );
  });

  it.skipIf(findFfmpeg() !== null)('says that an MP4 needs ffmpeg when it is not installed', async () => {
    const path = folder({ frames: 0, files: { 'video.mp4': new Uint8Array(64) } });
    expect(await refusal(path)).toContain('video.mp4 needs ffmpeg to decode it, and ffmpeg is not on PATH');
  });

  it('splits an MJPEG video into its pictures without ffmpeg, also past a thumbnail inside a picture', async () => {
    // An APP1 segment that carries a whole JPEG (like an EXIF thumbnail) must not end the picture.
    const thumbnail = photos[1]!;
    const app1 = new Uint8Array(4 + thumbnail.length);
    app1.set([0xff, 0xe1, ((thumbnail.length + 2) >> 8) & 0xff, (thumbnail.length + 2) & 0xff]);
    app1.set(thumbnail, 4);
    const withThumbnail = new Uint8Array([...photos[2]!.subarray(0, 2), ...app1, ...photos[2]!.subarray(2)]);
    const mjpeg = new Uint8Array([...photos[0]!, ...withThumbnail, ...photos[3]!]);
    const split = splitMjpeg(mjpeg);
    expect(split.ok && split.frames.map((frame) => frame.bytes.length)).toEqual([
      photos[0]!.length,
      withThumbnail.length,
      photos[3]!.length,
    ]);
    const path = folder({ frames: 0, files: { 'video.mjpeg': mjpeg } });
    const read = await readImportFolder(path);
    expect(read.frames.map((frame) => frame.offsetMs)).toEqual([0, 250, 500]);
    expect(read.frames[0]!.size).toEqual({ width: 251, height: 360 });
    expect(
      await refusal(folder({ frames: 0, files: { 'video.mjpeg': mjpeg.subarray(0, mjpeg.length - 100) } })),
    ).toContain('video.mjpeg picture 3 at byte');
  });
});

describe('poise import through a running capture gateway', () => {
  it('imports frames, audio, questions and transcript as the browser would, once', async () => {
    const transcript = [
      {
        answer: 1,
        text: 'In my final-year project a teammate disagreed with me.',
        startMs: 300,
        endMs: 1400,
      },
      { answer: 2, text: 'I enjoy building tools people use.', startMs: 1800, endMs: 2800 },
    ];
    const path = folder({ frames: 12, wav: stereoWav(3.2), transcript });
    const result = await runImport(path, target);
    // One-second chunks, also cut at 250, 1500, 1750 and 2900 ms where the answers start and end.
    expect(result).toMatchObject({ frames: 12, audioChunks: 8, framesBefore: 0, alreadyComplete: false });

    const frames = await captured(result.sessionId, 'FrameCaptured');
    expect(frames.map((event) => (event.data as { sequence: number }).sequence)).toEqual([
      ...Array(12).keys(),
    ]);
    const audio = await captured(result.sessionId, 'AudioChunkCaptured');
    expect(audio.map((event) => (event.data as { offsetMs: number }).offsetMs)).toEqual([
      0, 250, 1000, 1500, 1750, 2000, 2900, 3000,
    ]);
    const samples = audio.reduce(
      (sum, event) => sum + (event.data as { media: { samples: number } }).media.samples,
      0,
    );
    expect(samples).toBe(Math.round(3.2 * 22_050 * (16_000 / 22_050)));
    // Frame 1 (250 ms) falls in the first answer, frame 6 (1500 ms) between the answers.
    const session = await log.readStream(streamName.session(result.sessionId));
    const answerIds = session
      .filter((event) => event.type === 'AnswerStarted')
      .map((event) => (event.data as { answerId: string }).answerId);
    expect((frames[1]!.data as { answerId: string | null }).answerId).toBe(answerIds[0]);
    expect((frames[6]!.data as { answerId: string | null }).answerId).toBeNull();
    expect(session.map((event) => event.type)).toEqual([
      'SessionStarted',
      'ConsentGiven',
      'QuestionAsked',
      'AnswerStarted',
      'TranscriptSegmentRecorded',
      'AnswerEnded',
      'QuestionAsked',
      'AnswerStarted',
      'TranscriptSegmentRecorded',
      'AnswerEnded',
      'SessionEnded',
    ]);
    expect(session[0]!.data).toMatchObject({
      source: 'import',
      startedAt: expect.stringMatching(/^2026-02-02T10:00/),
      policy: { expressionAnalysis: true, rawMediaRetentionDays: 30 },
    });
    expect(result.sessionId).toBe(importSessionId((await readImportFolder(path)).manifestSha256));

    const events = (await log.stats()).events;
    const again = await runImport(path, target);
    expect(again).toMatchObject({ sessionId: result.sessionId, alreadyComplete: true });
    expect((await log.stats()).events).toBe(events);
  });

  it('keeps a 20,000-character answer whole, as several transcript segments', async () => {
    const long = Array.from({ length: 3500 }, (_, index) => `word${index}`).join(' ');
    expect(long.length).toBeGreaterThan(20_000);
    const transcript = [{ answer: 1, text: long, startMs: 300, endMs: 1400 }];
    const result = await runImport(folder({ frames: 4, wav: stereoWav(3.2), transcript }), target);
    const segments = (await log.readStream(streamName.session(result.sessionId))).filter(
      (event) => event.type === 'TranscriptSegmentRecorded',
    );
    expect(segments.length).toBeGreaterThanOrEqual(11);
    expect(segments.map((event) => (event.data as { index: number }).index)).toEqual([...segments.keys()]);
    expect(segments.map((event) => (event.data as { text: string }).text).join(' ')).toBe(long);
  });

  it('resumes an interrupted import from the gateway ack, storing each frame exactly once', async () => {
    const path = folder({
      frames: 60,
      framesJson: Array.from({ length: 60 }, (_, i) => i * 100),
      wav: stereoWav(6),
    });
    const controller = new AbortController();
    const interrupted = await runImport(path, target, {
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.framesStored >= 30) controller.abort();
      },
    }).catch((error: unknown) => error);
    expect(interrupted).toBeInstanceOf(ImportInterruptedError);
    const sessionId = importSessionId((await readImportFolder(path)).manifestSha256);
    const partial = (await captured(sessionId, 'FrameCaptured')).length;
    expect(partial).toBeGreaterThanOrEqual(30);
    expect(partial).toBeLessThan(60);

    await expect(runImport(path, target)).rejects.toBeInstanceOf(ImportExistsError);
    const resumed = await runImport(path, target, { resume: true });
    expect(resumed.framesBefore).toBeGreaterThanOrEqual(30);
    expect(resumed.alreadyComplete).toBe(false);

    const sequences = (await captured(sessionId, 'FrameCaptured')).map(
      (event) => (event.data as { sequence: number }).sequence,
    );
    expect(sequences).toEqual([...Array(60).keys()]);
    const audio = (await captured(sessionId, 'AudioChunkCaptured')).map(
      (event) => (event.data as { sequence: number }).sequence,
    );
    expect(audio).toEqual([...Array(resumed.audioChunks).keys()]);
    const session = await log.readStream(streamName.session(sessionId));
    expect(session.filter((event) => event.type === 'QuestionAsked')).toHaveLength(2);
    expect(session.at(-1)!.type).toBe('SessionEnded');
  });
});
