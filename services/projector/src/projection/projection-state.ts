import type {
  CohortRow,
  ProjectedTable,
  QuestionRow,
  QuestionSetRow,
  ReadModels,
  SessionRow,
  TableRows,
  TenantRow,
  UserRow,
} from '@poise/read-models';
import { EntityCache } from './entity-cache';
import { MembershipHistory } from './membership-history';

/** Which entities a batch reads, gathered before it is projected so each table is queried once. */
export interface Needs {
  sessions: Set<string>;
  tenants: Set<string>;
  users: Set<string>;
  cohorts: Set<string>;
  questionSets: Set<string>;
  questions: Set<string>;
  candidateMemberships: Set<string>;
}

export function emptyNeeds(): Needs {
  return {
    sessions: new Set(),
    tenants: new Set(),
    users: new Set(),
    cohorts: new Set(),
    questionSets: new Set(),
    questions: new Set(),
    candidateMemberships: new Set(),
  };
}

/** Enough for the entities of a busy day's batches; anything forgotten is read again. */
const DEFAULT_CAPACITY = 50_000;

/** Everything the projector remembers between events: the state of every entity it evolves. */
export class ProjectionState {
  readonly sessions = new EntityCache<SessionRow>('sessions', 'session_id', 'UUID', DEFAULT_CAPACITY);
  readonly tenants = new EntityCache<TenantRow>('tenants', 'tenant_id', 'String', DEFAULT_CAPACITY);
  readonly users = new EntityCache<UserRow>('users', 'user_id', 'UUID', DEFAULT_CAPACITY);
  readonly cohorts = new EntityCache<CohortRow>('cohorts', 'cohort_id', 'UUID', DEFAULT_CAPACITY);
  readonly questionSets = new EntityCache<QuestionSetRow>(
    'question_sets',
    'question_set_id',
    'UUID',
    DEFAULT_CAPACITY,
  );
  readonly questions = new EntityCache<QuestionRow>('questions', 'question_id', 'UUID', DEFAULT_CAPACITY);
  readonly memberships = new MembershipHistory(DEFAULT_CAPACITY);

  async load(readModels: ReadModels, needs: Needs): Promise<void> {
    await this.sessions.load(readModels, needs.sessions);
    await this.tenants.load(readModels, needs.tenants);
    await this.users.load(readModels, needs.users);
    await this.cohorts.load(readModels, needs.cohorts);
    await this.questionSets.load(readModels, needs.questionSets);
    await this.questions.load(readModels, needs.questions);
    await this.memberships.load(readModels, needs.candidateMemberships);
  }

  /** The final state of every entity the batch changed, per table. */
  takeDirty(): Partial<{ [Table in ProjectedTable]: TableRows[Table][] }> {
    return {
      sessions: this.sessions.takeDirty(),
      tenants: this.tenants.takeDirty(),
      users: this.users.takeDirty(),
      cohorts: this.cohorts.takeDirty(),
      question_sets: this.questionSets.takeDirty(),
      questions: this.questions.takeDirty(),
    };
  }

  trim(): void {
    for (const cache of this.caches()) cache.trim();
    this.memberships.trim();
  }

  /** After a failed write, memory may be ahead of ClickHouse: start again from what is stored. */
  clear(): void {
    for (const cache of this.caches()) cache.clear();
    this.memberships.clear();
  }

  private caches(): EntityCache<{ version: string }>[] {
    return [this.sessions, this.tenants, this.users, this.cohorts, this.questionSets, this.questions];
  }
}
