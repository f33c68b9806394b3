import { NAMESPACE_URL, uuidV5 } from '@poise/schemas';

/** uuidV5(NAMESPACE_URL, 'urn:poise:synthetic-cohorts'): every synthetic id derives from it. */
export const SYNTHETIC_NAMESPACE = uuidV5(NAMESPACE_URL, 'urn:poise:synthetic-cohorts');

/**
 * Deterministic ids for one generator run: a UUIDv5 of the run key and the entity's path. The same
 * options give the same ids, which is what lets the log recognise a re-run as a retry and append
 * nothing; other options give other ids, which the generator detects before writing (see
 * generateSyntheticCohorts).
 */
export class SyntheticIds {
  constructor(readonly runKey: string) {}

  id(...path: readonly (string | number)[]): string {
    return uuidV5(SYNTHETIC_NAMESPACE, `${this.runKey}/${path.join('/')}`);
  }
}
