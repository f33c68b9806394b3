import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@poise/config';
import { createLogger } from '@poise/observability';
import { startPlatform } from '../../../packages/cli/src/up/start-platform';
const dataDir = mkdtempSync(join(tmpdir(), 'poise-up-room-'));
const config = loadConfig({ POISE_DATA_DIR: dataDir, POISE_OPS_PORT: '0', POISE_CAPTURE_PORT: '0', POISE_DEMO_SEED: 'false', POISE_CONSOLE_PUBLIC_URL: 'http://console.test' });
const platform = await startPlatform(config, 'capture', createLogger({ level: 'info', format: 'json', name: 't' }));
const http = platform.captureUrl!.replace('ws://', 'http://').replace('/capture', '');
for (const path of ['/room', '/room/assets/room.js', '/room/assets/pcm-worklet.js', '/room/assets/room.css', '/room/session']) {
  const r = await fetch(http + path);
  console.log(path, r.status, r.headers.get('content-type'));
}
await platform.stop();
