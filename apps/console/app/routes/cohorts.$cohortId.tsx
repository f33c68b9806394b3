import { userCan } from '@poise/auth';
import {
  type CohortComparisonItem,
  candidatesAtRisk,
  cohortComparison,
  cohortImprovement,
  cohortWeeklyTrends,
  listUsers,
  riskRules,
  type SessionSignal,
  sessionSignals,
  signalDistribution,
} from '@poise/read-models';
import { UUID_PATTERN } from '@poise/schemas';
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from '@remix-run/react';
import { Card } from '@tremor/react';
import {
  DistributionChart,
  PaceBandChart,
  PracticeVolumeChart,
  SignalTrendChart,
} from '../components/cohort-charts';
import { FieldError, inputClass, secondaryButtonClass } from '../components/cohort-form-parts';
import { CohortImprovementTable } from '../components/cohort-improvement-table';
import {
  AddMemberForm,
  type CandidateChoice,
  CohortMembersTable,
  type MemberView,
} from '../components/cohort-members';
import { PERIOD_MONTHS } from '../components/cohort-period-options';
import { CohortRiskList } from '../components/cohort-risk-list';
import { improvementHelp, practiceVolumeHelp, riskHelp, signalOrder } from '../components/cohort-signal-help';
import { formatDateTime } from '../components/format';
import { MetricHelp } from '../components/metric-help';
import { Pager } from '../components/pager';
import { signalHelp } from '../components/signal-help';
import { pagerLinks, withParam } from '../components/staff-page-links';
import { requireUserWithPermission } from '../server/auth.server';
import { withDirections } from '../server/cohort-improvement.server';
import { parsePeriod } from '../server/cohort-period.server';
import {
  addToCohort,
  COHORT_LIMITS,
  removeFromCohort,
  requireCohort,
  resolveCandidate,
  tenantCandidates,
} from '../server/cohorts.server';
import { requireSameOrigin } from '../server/csrf.server';
import { type FieldErrors, field } from '../server/forms.server';
import { pageOf, pageParam } from '../server/list-page.server';
import { getServices } from '../server/services.server';
import { isRefusal } from '../server/staff-commands.server';

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.cohort.name ?? 'Cohort'} · Poise` },
];

export const COHORT_LIST_PAGE_SIZE = 25;

function distributionSignal(value: string | null): SessionSignal {
  return (sessionSignals as readonly string[]).includes(value ?? '') ? (value as SessionSignal) : 'composure';
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, 'read:cohort:any');
  const cohort = await requireCohort(user, params.cohortId);
  const search = new URL(request.url).searchParams;
  const now = new Date();
  const parsed = parsePeriod(search, now);
  const { period } = parsed;
  const signal = distributionSignal(search.get('dist'));
  const { readModels } = getServices();
  const scope = { tenantId: user.tenantId, cohortId: cohort.cohortId };
  const inPeriod = { ...scope, from: period.from, to: period.lastInstant };
  // At risk as of the end of the period, so a past period shows who was at risk then.
  const asOf = period.lastInstant < now ? period.lastInstant : now;
  const weeks = await cohortWeeklyTrends(readModels, inPeriod);
  const [totals] = await cohortComparison(readModels, { ...inPeriod, cohortIds: [cohort.cohortId] });
  const improvement = await cohortImprovement(readModels, inPeriod);
  const atRisk = await candidatesAtRisk(readModels, { ...scope, asOf });
  const buckets = await signalDistribution(readModels, {
    ...scope,
    signal,
    from: period.from,
    to: period.until,
  });
  const people = await listUsers(readModels, { tenantId: user.tenantId });

  const personOf = new Map(people.map((person) => [person.userId, person]));
  const members: MemberView[] = [...cohort.members]
    .map(([candidateId, joinedAt]) => ({
      candidateId,
      displayName: personOf.get(candidateId)?.displayName ?? null,
      email: personOf.get(candidateId)?.email ?? null,
      joinedAt,
    }))
    .sort((a, b) => (a.displayName ?? '\uffff').localeCompare(b.displayName ?? '\uffff'));
  const choices: CandidateChoice[] = people
    .filter((person) => person.roles.includes('candidate') && !cohort.members.has(person.userId))
    .map((person) => ({
      candidateId: person.userId,
      label: person.displayName ?? person.email ?? person.userId,
      email: person.email,
    }));
  const body = {
    cohort: {
      cohortId: cohort.cohortId,
      name: cohort.name,
      description: cohort.description,
      createdAt: cohort.createdAt,
      memberCount: cohort.members.size,
    },
    period: { from: period.from, lastInstant: period.lastInstant, values: parsed.values },
    fieldErrors: parsed.ok ? {} : parsed.fieldErrors,
    totals: totals as CohortComparisonItem,
    weeks,
    distribution: { signal, buckets },
    improvement: pageOf(withDirections(improvement), pageParam(search, 'ipage'), COHORT_LIST_PAGE_SIZE),
    atRisk: pageOf(atRisk, pageParam(search, 'rpage'), COHORT_LIST_PAGE_SIZE),
    members: pageOf(members, pageParam(search, 'mpage'), COHORT_LIST_PAGE_SIZE),
    choices,
    riskRules,
    canEdit: userCan(user, 'write:cohort:any', { tenantId: user.tenantId }),
  };
  return data(body, parsed.ok ? 200 : 400);
}

type MemberField = 'candidate';

function refused(
  intent: string,
  status: number,
  problem: { fieldErrors?: FieldErrors<MemberField>; formError?: string },
  candidate = '',
) {
  return data(
    {
      intent,
      fieldErrors: problem.fieldErrors ?? {},
      formError: problem.formError ?? null,
      values: { candidate },
    },
    status,
  );
}

const CONFLICT = 'Someone changed this cohort at the same moment. Check the members and try again.';

export async function action({ request, params }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { user } = await requireUserWithPermission(request, 'write:cohort:any');
  const cohort = await requireCohort(user, params.cohortId);
  const form = await request.formData();
  const intent = field(form, 'intent');
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;

  if (intent === 'add') {
    const input = field(form, 'candidate');
    const resolved = resolveCandidate(await tenantCandidates(user), input);
    if ('error' in resolved)
      return refused(intent, 400, { fieldErrors: { candidate: resolved.error } }, input);
    const { candidate } = resolved;
    try {
      if ((await addToCohort(user, cohort, candidate.userId)) === 'conflict') {
        return refused(intent, 409, { formError: CONFLICT }, input);
      }
    } catch (error) {
      if (!isRefusal(error, 'already-member')) throw error;
      const name = candidate.displayName ?? candidate.email ?? 'That candidate';
      return refused(
        intent,
        400,
        { fieldErrors: { candidate: `${name} is already in this cohort.` } },
        input,
      );
    }
    throw redirect(back);
  }
  if (intent === 'remove') {
    const candidateId = field(form, 'candidateId');
    const reason = field(form, 'reason');
    if (!UUID_PATTERN.test(candidateId)) {
      return refused(intent, 400, { formError: 'Choose a member of this cohort to remove.' });
    }
    if (reason.length > COHORT_LIMITS.removalReason) {
      return refused(intent, 400, {
        formError: `A reason has at most ${COHORT_LIMITS.removalReason} characters.`,
      });
    }
    try {
      if ((await removeFromCohort(user, cohort, candidateId, reason)) === 'conflict') {
        return refused(intent, 409, { formError: CONFLICT });
      }
    } catch (error) {
      if (!isRefusal(error, 'not-a-member')) throw error;
      return refused(intent, 400, { formError: 'That candidate is not in this cohort.' });
    }
    throw redirect(back);
  }
  return refused(intent, 400, { formError: 'Choose to add or remove a candidate.' });
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3">
      <p className="text-xs text-slate-500">{label}</p>
      <p className="text-xl font-semibold">{value}</p>
    </div>
  );
}

function PeriodSelector() {
  const { period, fieldErrors } = useLoaderData<typeof loader>();
  const location = useLocation();
  const errors: FieldErrors<'months' | 'from' | 'to'> = fieldErrors;
  const custom = period.values.from !== '' || period.values.to !== '';
  const chosenMonths = custom ? null : period.values.months === '' ? '6' : period.values.months;
  const monthsLink = (months: number) => {
    const params = new URLSearchParams(location.search);
    for (const name of ['from', 'to', 'ipage', 'rpage', 'mpage']) params.delete(name);
    params.set('months', String(months));
    return `?${params}`;
  };
  return (
    <div className="mt-4 flex flex-wrap items-end gap-3">
      <nav className="flex flex-wrap gap-1" aria-label="Period">
        {PERIOD_MONTHS.map((months) => (
          <Link
            key={months}
            to={monthsLink(months)}
            aria-current={chosenMonths === String(months) ? 'page' : undefined}
            className={`rounded-md px-3 py-1.5 text-sm ${
              chosenMonths === String(months) ? 'bg-slate-900 text-white' : 'border border-slate-300 bg-white'
            }`}
          >
            Last {months} months
          </Link>
        ))}
      </nav>
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="period-from" className="block text-xs font-medium">
            First day
          </label>
          <input
            id="period-from"
            name="from"
            type="date"
            defaultValue={period.values.from}
            aria-invalid={errors.from ? true : undefined}
            className={`${inputClass} py-1`}
          />
        </div>
        <div>
          <label htmlFor="period-to" className="block text-xs font-medium">
            Last day
          </label>
          <input
            id="period-to"
            name="to"
            type="date"
            defaultValue={period.values.to}
            aria-invalid={errors.to ? true : undefined}
            className={`${inputClass} py-1`}
          />
        </div>
        <button type="submit" className={secondaryButtonClass}>
          Show
        </button>
      </Form>
      <div className="w-full">
        <FieldError id="period-months-error" message={errors.months} />
        <FieldError id="period-from-error" message={errors.from} />
        <FieldError id="period-to-error" message={errors.to} />
      </div>
    </div>
  );
}

export default function CohortDashboard() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const location = useLocation();
  const { cohort, period, totals, weeks, distribution, improvement, atRisk, members } = loaded;
  const addResult = result?.intent === 'add' ? result : undefined;
  return (
    <div>
      <p className="text-sm">
        <Link to="/cohorts" className="underline">
          Cohorts
        </Link>
      </p>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{cohort.name}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {cohort.description ? `${cohort.description} · ` : ''}
            {cohort.memberCount} member{cohort.memberCount === 1 ? '' : 's'} · created{' '}
            {formatDateTime(cohort.createdAt)}
          </p>
        </div>
        <Link to={`/cohorts/compare?cohort=${cohort.cohortId}`} className="text-sm font-medium underline">
          Compare with other cohorts
        </Link>
      </div>
      <PeriodSelector />
      <p className="mt-2 text-sm text-slate-600">
        Showing {formatDateTime(period.from).slice(0, 10)} to{' '}
        {formatDateTime(period.lastInstant).slice(0, 10)} (UTC days).
      </p>

      <section className="mt-6" aria-labelledby="totals-heading">
        <h2 id="totals-heading" className="sr-only">
          Totals in the period
        </h2>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-5">
          <Figure label="Sessions started" value={String(totals.sessionsStarted)} />
          <Figure label="Sessions completed" value={String(totals.sessionsCompleted)} />
          <Figure label="Practice time" value={`${Math.round(totals.practiceMinutes)} min`} />
          <Figure label="Active candidates" value={`${totals.activeCandidates} of ${cohort.memberCount}`} />
          <Figure label="Answers scored" value={String(totals.answers)} />
        </div>
        <MetricHelp {...practiceVolumeHelp} />
      </section>

      <div className="mt-6">
        <PracticeVolumeChart weeks={weeks} />
      </div>

      <h2 className="mt-8 text-lg font-semibold">Trends of every signal</h2>
      <div className="mt-3 grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3 [&>*]:min-w-0">
        {signalOrder.map((signal) => (
          <SignalTrendChart key={signal} signal={signal} weeks={weeks} />
        ))}
        <PaceBandChart weeks={weeks} />
      </div>

      <Card className="mt-8 overflow-x-auto">
        <h2 className="text-lg font-semibold">Distribution</h2>
        <nav className="mt-2 flex flex-wrap gap-1" aria-label="Signal">
          {signalOrder.map((signal) => (
            <Link
              key={signal}
              to={withParam(location.search, 'dist', signal)}
              preventScrollReset
              aria-current={distribution.signal === signal ? 'page' : undefined}
              className={`rounded-md px-2 py-1 text-sm ${
                distribution.signal === signal ? 'bg-slate-900 text-white' : 'border border-slate-300'
              }`}
            >
              {signalHelp[signal].label}
            </Link>
          ))}
        </nav>
        <DistributionChart signal={distribution.signal} buckets={distribution.buckets} />
      </Card>

      <div className="mt-8 grid grid-cols-1 gap-6 lg:grid-cols-3 [&>*]:min-w-0">
        <Card className="overflow-x-auto lg:col-span-2">
          <h2 className="text-lg font-semibold">First vs latest</h2>
          <MetricHelp {...improvementHelp} />
          {improvement.total === 0 ? (
            <p className="py-8 text-center text-sm text-slate-500">
              No reported sessions in this period yet.
            </p>
          ) : (
            <>
              <CohortImprovementTable rows={improvement.items} />
              <Pager
                label={`${improvement.total} candidate${improvement.total === 1 ? '' : 's'}`}
                {...pagerLinks(location.search, 'ipage', improvement)}
              />
            </>
          )}
        </Card>
        <Card>
          <h2 className="text-lg font-semibold">Candidates at risk</h2>
          <MetricHelp {...riskHelp(loaded.riskRules)} />
          {atRisk.total === 0 ? (
            <p className="py-8 text-center text-sm text-slate-500">
              {cohort.memberCount === 0 ? 'The cohort has no members yet.' : 'Nobody is at risk. '}
            </p>
          ) : (
            <>
              <CohortRiskList candidates={atRisk.items} />
              <Pager label={`${atRisk.total} at risk`} {...pagerLinks(location.search, 'rpage', atRisk)} />
            </>
          )}
        </Card>
      </div>

      <Card className="mt-8 overflow-x-auto">
        <h2 className="text-lg font-semibold">Members</h2>
        {loaded.canEdit && (
          <div className="mt-3 max-w-xl">
            <AddMemberForm
              choices={loaded.choices}
              value={addResult?.values.candidate ?? ''}
              error={addResult?.fieldErrors.candidate}
              formError={addResult?.formError ?? null}
              busy={navigation.state === 'submitting'}
            />
          </div>
        )}
        {result?.intent === 'remove' && result.formError && (
          <p role="alert" className="mt-3 rounded-md bg-red-50 p-3 text-sm text-red-800">
            {result.formError}
          </p>
        )}
        {members.total === 0 ? (
          <p className="py-8 text-center text-sm text-slate-500">No members yet. Add candidates above.</p>
        ) : (
          <>
            <CohortMembersTable members={members.items} canEdit={loaded.canEdit} />
            <Pager
              label={`${members.total} member${members.total === 1 ? '' : 's'}`}
              {...pagerLinks(location.search, 'mpage', members)}
            />
          </>
        )}
      </Card>
    </div>
  );
}
