/**
 * Debian's Chromium driven by playwright-core. The flags keep it off the network this machine does
 * not have (docs/machine-notes.md); playwright gives each launch a fresh profile; a fake camera and microphone can be fed from fixture files.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { REPO_ROOT } from './poise-up';

export const ARTIFACTS_DIR = join(REPO_ROOT, 'tests/e2e/artifacts');

export interface FakeMedia {
  /** An MJPEG file (Chromium's --use-file-for-fake-video-capture reads .mjpeg and .y4m). */
  readonly video: string;
  /** A WAV file. */
  readonly audio: string;
}

export interface LaunchOptions {
  readonly fakeMedia?: FakeMedia;
  /** Camera/microphone permission: granted by default; false makes getUserMedia fail as a refusal does. */
  readonly grantMedia?: boolean;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  if (options.fakeMedia !== undefined) {
    args.push(
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${options.fakeMedia.video}`,
      `--use-file-for-fake-audio-capture=${options.fakeMedia.audio}`,
    );
    if (options.grantMedia !== false) args.push('--use-fake-ui-for-media-stream');
  }
  return chromium.launch({ executablePath: '/usr/bin/chromium', args, headless: true });
}

export async function newPage(browser: Browser, viewport = { width: 1280, height: 800 }) {
  const context: BrowserContext = await browser.newContext({ viewport });
  const page: Page = await context.newPage();
  return { context, page };
}

/** A screenshot kept as a test artifact (tests/e2e/artifacts/<name>.png): the full page unless told otherwise. */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}
