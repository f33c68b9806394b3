import { type CohortMembershipEventRow, queryRows, type ReadModels } from '@poise/read-models';

/**
 * Each candidate's cohort joins and leaves, in log order. Kept as history, not as current state, so
 * that "which cohorts did the candidate belong to when this session started" has one answer
 * however the batches were cut, including when a batch is projected a second time after a crash.
 */
export class MembershipHistory {
  private readonly byCandidate = new Map<string, CohortMembershipEventRow[]>();

  constructor(private readonly capacity: number) {}

  async load(readModels: ReadModels, candidateIds: Iterable<string>): Promise<void> {
    const missing = [...new Set(candidateIds)].filter((id) => !this.byCandidate.has(id));
    if (missing.length === 0) return;
    const rows = await queryRows<CohortMembershipEventRow>(
      readModels,
      `SELECT * FROM {db:Identifier}.cohort_membership_events FINAL
WHERE candidate_id IN {ids:Array(UUID)}`,
      { ids: missing },
    );
    for (const id of missing) this.byCandidate.set(id, []);
    for (const row of rows) this.add(row);
  }

  add(row: CohortMembershipEventRow): void {
    const history = this.byCandidate.get(row.candidate_id) ?? [];
    if (history.some((known) => known.event_id === row.event_id)) return;
    history.push(row);
    history.sort((a, b) => (BigInt(a.version) < BigInt(b.version) ? -1 : 1));
    this.byCandidate.set(row.candidate_id, history);
  }

  /** The tenant's cohorts the candidate belonged to just before `position`, sorted. */
  cohortsAt(tenantId: string, candidateId: string, position: bigint): string[] {
    const joined = new Map<string, boolean>();
    for (const row of this.byCandidate.get(candidateId) ?? []) {
      if (row.tenant_id !== tenantId || BigInt(row.version) >= position) continue;
      joined.set(row.cohort_id, row.joined);
    }
    return [...joined]
      .filter(([, isMember]) => isMember)
      .map(([cohortId]) => cohortId)
      .sort();
  }

  trim(): void {
    if (this.byCandidate.size <= this.capacity) return;
    const excess = this.byCandidate.size - Math.floor(this.capacity * 0.8);
    let removed = 0;
    for (const key of this.byCandidate.keys()) {
      if (removed++ >= excess) break;
      this.byCandidate.delete(key);
    }
  }

  clear(): void {
    this.byCandidate.clear();
  }
}
