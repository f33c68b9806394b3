import type { ReadModels } from '../read-models';

/**
 * Runs a SELECT whose values are all bound parameters. `{db:Identifier}` is bound to the read
 * models' database, so queries name their tables as `{db:Identifier}.sessions`.
 */
export async function queryRows<Row>(
  readModels: ReadModels,
  query: string,
  params: Readonly<Record<string, unknown>> = {},
): Promise<Row[]> {
  const result = await readModels.client.query({
    query,
    format: 'JSONEachRow',
    query_params: { ...params, db: readModels.database },
  });
  return result.json<Row>();
}
