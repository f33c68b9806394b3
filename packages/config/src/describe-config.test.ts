import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configTableMarkdown, describeConfig } from './describe-config';

describe('describeConfig', () => {
  it('lists every variable once, each with a default and a description', () => {
    const rows = describeConfig();
    expect(new Set(rows.map((row) => row.name)).size).toBe(rows.length);
    for (const row of rows) {
      expect(row.name).toMatch(/^(NODE_ENV|POISE_[A-Z0-9_]+)$/);
      expect(row.default).not.toBe('');
      expect(row.description).not.toBe('');
    }
  });

  it('documents literal defaults as written and computed ones in words', () => {
    const byName = new Map(describeConfig().map((row) => [row.name, row.default]));
    expect(byName.get('POISE_CONSOLE_PORT')).toBe('3000');
    expect(byName.get('POISE_EVENT_LOG_PATH')).toBe('$POISE_DATA_DIR/events.db');
    expect(byName.get('POISE_LOG_FORMAT')).toBe('pretty in development, json otherwise');
    expect(byName.get('POISE_ESDB_URL')).toBe('—');
  });

  it('is the table the README embeds', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(configTableMarkdown());
  });
});
