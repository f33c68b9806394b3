import { openTestReadModels } from '@poise/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { queryRows } from '../sql/query-rows';
import { assertDatabaseName } from './read-models-config';

const backend = openTestReadModels();
afterAll(() => backend.close());

describe('read-model client', () => {
  it('returns the same text on chDB and a server: quoted 64-bit integers, UTC, tuples as objects', async () => {
    const rows = await queryRows(
      { client: backend.client, database: 'system' },
      `SELECT toUInt64('18446744073709551615') AS big, toUInt32(7) AS small, timezone() AS zone,
  toDateTime64('2025-03-01 09:30:00.250', 3) AS at, CAST((1, 'a'), 'Tuple(n UInt8, s String)') AS pair`,
    );
    expect(rows).toEqual([
      {
        big: '18446744073709551615',
        small: 7,
        zone: 'UTC',
        at: '2025-03-01 09:30:00.250',
        pair: { n: 1, s: 'a' },
      },
    ]);
  });

  it('binds every value as a parameter', async () => {
    const hostile = "x'); DROP DATABASE system; --";
    const rows = await queryRows(
      { client: backend.client, database: 'system' },
      'SELECT {value:String} AS value',
      {
        value: hostile,
      },
    );
    expect(rows).toEqual([{ value: hostile }]);
  });

  it('accepts only plain identifiers as database names', () => {
    expect(() => assertDatabaseName('poise_read_models')).not.toThrow();
    for (const bad of ['', 'Poise', '1poise', 'poise-models', 'poise;drop', 'p'.repeat(64)]) {
      expect(() => assertDatabaseName(bad)).toThrow(/must be 1–63 lowercase letters/);
    }
  });
});
