import { openTestReadModels } from '@poise/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../insert-rows';
import type { ReadModels } from '../read-models';
import { id, rows } from '../test-support/row-builders';
import { sessionById, sessionMediaObject } from './session-access';

const backend = openTestReadModels();
let readModels: ReadModels;
const [mine, other] = [id('s1'), id('s2')];
const [retained, expired, ofOther] = ['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)];

beforeAll(async () => {
  readModels = await backend.fresh('session_access');
  await insertRows(
    readModels,
    'sessions',
    [rows.session({ session_id: mine }), rows.session({ session_id: other, tenant_id: 't2' })],
    'sessions',
  );
  await insertRows(
    readModels,
    'media_refs',
    [
      rows.mediaRef({ session_id: mine, sha256: retained }),
      rows.mediaRef({ session_id: mine, sha256: expired, expires_at: '2020-01-01 00:00:00.000' }),
      rows.mediaRef({ session_id: other, tenant_id: 't2', sha256: ofOther }),
    ],
    'media',
  );
});

afterAll(async () => {
  await backend.close();
});

describe('sessionById', () => {
  it("finds a session of the tenant and never another tenant's", async () => {
    const found = await sessionById(readModels, { tenantId: 't1', sessionId: mine });
    expect(found).toMatchObject({ sessionId: mine, candidateId: id('c1') });
    expect(await sessionById(readModels, { tenantId: 't1', sessionId: other })).toBeNull();
    expect(await sessionById(readModels, { tenantId: 't2', sessionId: mine })).toBeNull();
  });
});

describe('sessionMediaObject', () => {
  it('answers only for retained objects referenced by the same session of the same tenant', async () => {
    const object = await sessionMediaObject(readModels, {
      tenantId: 't1',
      sessionId: mine,
      sha256: retained,
    });
    expect(object).toMatchObject({ kind: 'frame', contentType: 'image/jpeg', sha256: retained });
    const ask = (tenantId: string, sessionId: string, sha256: string) =>
      sessionMediaObject(readModels, { tenantId, sessionId, sha256 });
    expect(await ask('t1', mine, expired)).toBeNull();
    expect(await ask('t1', mine, ofOther)).toBeNull();
    expect(await ask('t1', other, ofOther)).toBeNull();
  });
});
