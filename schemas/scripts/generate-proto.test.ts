import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatedDir, generateProto } from './generate-proto';

function readTree(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(
    files.map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return [path.slice(dir.length + 1), readFileSync(path, 'utf8')];
    }),
  );
}

describe('generated inference code', () => {
  const baseDir = mkdtempSync(join(tmpdir(), 'poise-proto-'));
  afterAll(() => rmSync(baseDir, { recursive: true, force: true }));

  it('is exactly what proto/ generates (run `npm run generate -w @poise/schemas` after editing the proto)', () => {
    const fresh = readTree(generateProto(baseDir));
    const committed = readTree(generatedDir);
    expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [path, content] of fresh) {
      expect(committed.get(path), `src/generated/${path} is stale`).toBe(content);
    }
  });
});
