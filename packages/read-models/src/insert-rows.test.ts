import { openTestReadModels } from '@poise/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { insertRows } from './insert-rows';
import { queryRows } from './sql/query-rows';
import { id, rows } from './test-support/row-builders';

const backend = openTestReadModels();
afterAll(() => backend.close());

describe('insertRows', () => {
  it('writes nothing, in the table or in the weekly rollup, when a token is inserted again', async () => {
    const readModels = await backend.fresh('insert');
    const batch = [
      rows.answer({ answer_id: id('a1'), cohort_ids: [id('k1')], relevance: 0.5 }),
      rows.answer({ answer_id: id('a2'), cohort_ids: [id('k1')], relevance: 1 }),
    ];
    await insertRows(readModels, 'answers', batch, 'batch-1');
    await insertRows(readModels, 'answers', batch, 'batch-1');
    // A different insert with the same content is not mistaken for the first.
    await insertRows(
      readModels,
      'answers',
      [rows.answer({ answer_id: id('a3'), cohort_ids: [id('k1')], relevance: 0 })],
      'batch-2',
    );
    await insertRows(
      readModels,
      'answers',
      [rows.answer({ answer_id: id('a4'), cohort_ids: [id('k1')], relevance: 0 })],
      'batch-3',
    );
    expect(await queryRows(readModels, 'SELECT count() AS n FROM {db:Identifier}.answers')).toEqual([
      { n: '4' },
    ]);
    expect(
      await queryRows(
        readModels,
        'SELECT sum(answers) AS answers, avgMerge(relevance) AS relevance FROM {db:Identifier}.cohort_weekly',
      ),
    ).toEqual([{ answers: '4', relevance: 0.375 }]);
  });

  it("does not let one insert's token leak into the next (chDB applies settings per session)", async () => {
    const readModels = await backend.fresh('insert');
    await insertRows(readModels, 'answers', [rows.answer({ answer_id: id('a1') })], 'same');
    await readModels.client.insert({
      table: `${readModels.database}.answers`,
      values: [rows.answer({ answer_id: id('a2') })],
      format: 'JSONEachRow',
    });
    expect(await queryRows(readModels, 'SELECT count() AS n FROM {db:Identifier}.answers')).toEqual([
      { n: '2' },
    ]);
  });

  it('counts an answer once in the weekly rollup, at its first score, and only when its content was scored', async () => {
    const readModels = await backend.fresh('insert');
    const cohort = { cohort_ids: [id('k1')] };
    await insertRows(
      readModels,
      'answers',
      [
        rows.answer({ ...cohort, answer_id: id('a1'), relevance: 0.5 }),
        rows.answer({ ...cohort, answer_id: id('a1'), relevance: 0.7, score_version: 2 }),
        rows.answer({ ...cohort, answer_id: id('a2'), relevance: 0, content: 'no-transcript' }),
      ],
      'batch-1',
    );
    expect(
      await queryRows(
        readModels,
        'SELECT sum(answers) AS answers, avgMerge(relevance) AS relevance FROM {db:Identifier}.cohort_weekly',
      ),
    ).toEqual([{ answers: '1', relevance: 0.5 }]);
  });
});
