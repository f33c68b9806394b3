import { openTestReadModels } from '@poise/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../insert-rows';
import type { ReadModels } from '../read-models';
import { id, rows } from '../test-support/row-builders';
import {
  listCohortMembers,
  listCohorts,
  listQuestionSets,
  listQuestions,
  listTenants,
  listUsers,
  userNames,
} from './admin-lists';
import { auditTrail } from './audit-trail';

const backend = openTestReadModels();
let readModels: ReadModels;
const tenantId = 't1';
const range = { from: new Date('2025-03-01T00:00:00Z'), to: new Date('2025-04-01T00:00:00Z') };

beforeAll(async () => {
  readModels = await backend.fresh('audit');
  await insertRows(
    readModels,
    'audit_trail',
    [
      rows.audit({
        ts: '2025-03-02 10:00:00.000',
        action: 'UserSignedIn',
        category: 'sign-in',
        actor_id: id('c1'),
        actor_role: 'candidate',
        session_id: null,
        details: '{"method":"password"}',
      }),
      rows.audit({ ts: '2025-03-03 10:00:00.000', action: 'SessionViewed', session_id: id('s1') }),
      rows.audit({ ts: '2025-03-04 10:00:00.000', action: 'ReportViewed', session_id: id('s1') }),
      rows.audit({
        ts: '2025-03-04 10:00:00.000',
        action: 'ReportExported',
        category: 'export',
        session_id: id('s1'),
      }),
      rows.audit({
        ts: '2025-03-05 10:00:00.000',
        action: 'ReportViewed',
        session_id: id('s2'),
        actor_id: id('admin'),
      }),
      rows.audit({ ts: '2025-02-20 10:00:00.000', action: 'ReportViewed', session_id: id('s1') }),
      rows.audit({
        tenant_id: 't2',
        ts: '2025-03-04 10:00:00.000',
        action: 'ReportViewed',
        session_id: id('s1'),
      }),
    ],
    'audit',
  );
  await insertRows(
    readModels,
    'tenants',
    [
      rows.tenant({ tenant_id: 't1', name: 'Leeds', version: '1' }),
      rows.tenant({
        tenant_id: 't1',
        name: 'Leeds Careers',
        raw_media_retention_days: 30,
        retention_set_by: id('admin'),
        retention_set_at: '2025-01-02 00:00:00.000',
        version: '2',
      }),
      rows.tenant({ tenant_id: 't2', name: 'Acme', kind: 'company' }),
    ],
    'tenants',
  );
  await insertRows(
    readModels,
    'users',
    [
      rows.user({ user_id: id('c1'), display_name: 'Ada', roles: ['candidate'] }),
      rows.user({ user_id: id('staff'), display_name: 'Bea', roles: ['staff', 'admin'] }),
      rows.user({
        user_id: id('inv'),
        display_name: null,
        email: 'new@example.org',
        roles: [],
        status: 'invited',
        registered_at: null,
      }),
    ],
    'users',
  );
  await insertRows(
    readModels,
    'cohorts',
    [
      rows.cohort({ cohort_id: id('k1'), name: 'Spring' }),
      rows.cohort({ cohort_id: id('k2'), name: 'Autumn' }),
    ],
    'cohorts',
  );
  await insertRows(
    readModels,
    'cohort_membership_events',
    [
      rows.membership({ cohort_id: id('k1'), candidate_id: id('c1'), ts: '2025-01-05 00:00:00.000' }),
      rows.membership({ cohort_id: id('k1'), candidate_id: id('c2') }),
      rows.membership({ cohort_id: id('k1'), candidate_id: id('c2'), joined: false }),
    ],
    'members',
  );
  await insertRows(
    readModels,
    'question_sets',
    [
      rows.questionSet({
        question_set_id: id('qs1'),
        title: 'Behavioural',
        question_order: [id('q2'), id('q1')],
      }),
    ],
    'sets',
  );
  await insertRows(
    readModels,
    'questions',
    [
      rows.question({ question_id: id('q1'), text: 'First added' }),
      rows.question({ question_id: id('q2'), text: 'Inserted before it' }),
      rows.question({ question_id: id('q3'), text: 'Removed', removed: true }),
    ],
    'questions',
  );
});
afterAll(() => backend.close());

describe('auditTrail', () => {
  it('lists the tenant’s entries in the range, newest first, a page at a time', async () => {
    const first = await auditTrail(readModels, { tenantId, ...range, limit: 2 });
    expect(first.entries.map((entry) => [entry.at.toISOString(), entry.action])).toEqual([
      ['2025-03-05T10:00:00.000Z', 'ReportViewed'],
      expect.arrayContaining(['2025-03-04T10:00:00.000Z']),
    ]);
    const second = await auditTrail(readModels, { tenantId, ...range, limit: 2, cursor: first.nextCursor! });
    const third = await auditTrail(readModels, { tenantId, ...range, limit: 2, cursor: second.nextCursor! });
    expect(third.nextCursor).toBeNull();
    const all = [...first.entries, ...second.entries, ...third.entries];
    expect(all).toHaveLength(5);
    expect(new Set(all.map((entry) => entry.eventId)).size).toBe(5);
    expect(all[4]).toMatchObject({
      action: 'UserSignedIn',
      category: 'sign-in',
      actor: { kind: 'user', id: id('c1'), role: 'candidate' },
      details: { method: 'password' },
    });
    expect(typeof all[4]!.position).toBe('bigint');
  });

  it('filters by session, actor and actions', async () => {
    const bySession = await auditTrail(readModels, { tenantId, ...range, sessionId: id('s1') });
    expect(bySession.entries.map((entry) => entry.action).sort()).toEqual([
      'ReportExported',
      'ReportViewed',
      'SessionViewed',
    ]);
    const byActor = await auditTrail(readModels, { tenantId, ...range, actorId: id('admin') });
    expect(byActor.entries.map((entry) => entry.sessionId)).toEqual([id('s2')]);
    const byAction = await auditTrail(readModels, {
      tenantId,
      ...range,
      actions: ['ReportExported', 'UserSignedIn'],
    });
    expect(byAction.entries.map((entry) => entry.action)).toEqual(['ReportExported', 'UserSignedIn']);
    const bySubject = await auditTrail(readModels, { tenantId, ...range, subjectUserId: id('nobody') });
    expect(bySubject.entries).toEqual([]);
  });
});

describe('admin lists', () => {
  it('lists tenants with their latest policies', async () => {
    const tenants = await listTenants(readModels);
    expect(tenants.map((tenant) => [tenant.tenantId, tenant.name])).toEqual([
      ['t2', 'Acme'],
      ['t1', 'Leeds Careers'],
    ]);
    expect(tenants[1]!.policies).toMatchObject({
      rawMediaRetentionDays: 30,
      retentionSetBy: id('admin'),
      expressionAnalysis: null,
    });
    expect(await listTenants(readModels, { tenantId: 't2' })).toHaveLength(1);
  });

  it('lists users with roles, filtered by role', async () => {
    const users = await listUsers(readModels, { tenantId });
    expect(users.map((user) => [user.displayName, user.roles, user.status])).toEqual([
      ['Ada', ['candidate'], 'registered'],
      ['Bea', ['staff', 'admin'], 'registered'],
      [null, [], 'invited'],
    ]);
    expect((await listUsers(readModels, { tenantId, role: 'admin' })).map((user) => user.userId)).toEqual([
      id('staff'),
    ]);
  });

  it('names people by display name, else e-mail, and leaves out ids it has no row for', async () => {
    const names = await userNames(readModels, {
      tenantId,
      userIds: [id('c1'), id('inv'), id('gone'), id('c1'), 'capture-auditor'],
    });
    expect([...names.entries()].sort()).toEqual(
      [
        [id('c1'), 'Ada'],
        [id('inv'), 'new@example.org'],
      ].sort(),
    );
    expect(await userNames(readModels, { tenantId: 'other-tenant', userIds: [id('c1')] })).toEqual(new Map());
    expect(await userNames(readModels, { tenantId, userIds: [] })).toEqual(new Map());
  });

  it('lists cohorts with current member counts, and a cohort’s members', async () => {
    expect(
      (await listCohorts(readModels, { tenantId })).map((cohort) => [cohort.name, cohort.members]),
    ).toEqual([
      ['Autumn', 0],
      ['Spring', 1],
    ]);
    expect(await listCohortMembers(readModels, { tenantId, cohortId: id('k1') })).toEqual([
      { candidateId: id('c1'), displayName: 'Ada', joinedAt: new Date('2025-01-05T00:00:00Z') },
    ]);
  });

  it('lists question sets and their questions in set order', async () => {
    expect(await listQuestionSets(readModels, { tenantId })).toEqual([
      expect.objectContaining({ questionSetId: id('qs1'), title: 'Behavioural', questions: 2 }),
    ]);
    const questions = await listQuestions(readModels, { tenantId, questionSetId: id('qs1') });
    expect(questions.map((question) => [question.position, question.text])).toEqual([
      [0, 'Inserted before it'],
      [1, 'First added'],
    ]);
  });
});
