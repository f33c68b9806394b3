import { cohortComparison, listCohorts } from '@poise/read-models';
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import {
  BarChart,
  Card,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from '@tremor/react';
import { FieldError, inputClass, secondaryButtonClass } from '../components/cohort-form-parts';
import { PERIOD_MONTHS } from '../components/cohort-period-options';
import {
  cohortSignalKey,
  paceBandHelp,
  practiceVolumeHelp,
  signalOrder,
} from '../components/cohort-signal-help';
import { formatDateTime } from '../components/format';
import { MetricHelp } from '../components/metric-help';
import { formatSignal, signalHelp } from '../components/signal-help';
import { requireUserWithPermission } from '../server/auth.server';
import { parsePeriod } from '../server/cohort-period.server';
import type { FieldErrors } from '../server/forms.server';
import { getServices } from '../server/services.server';
import { notFound } from '../server/staff-commands.server';

export const meta: MetaFunction = () => [{ title: 'Compare cohorts · Poise' }];

/** Side by side stays readable on a laptop up to this many. */
export const MAX_COMPARED = 6;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, 'read:cohort:any');
  const search = new URL(request.url).searchParams;
  const parsed = parsePeriod(search, new Date());
  const { readModels } = getServices();
  const cohorts = await listCohorts(readModels, { tenantId: user.tenantId });
  const known = new Set(cohorts.map((cohort) => cohort.cohortId));
  const chosen = [...new Set(search.getAll('cohort'))];
  // Another tenant's cohort is as unknown here as one that never existed.
  if (chosen.some((cohortId) => !known.has(cohortId))) throw notFound();
  const fieldErrors: FieldErrors<'cohort' | 'months' | 'from' | 'to'> = parsed.ok
    ? {}
    : { ...parsed.fieldErrors };
  if (chosen.length > MAX_COMPARED) fieldErrors.cohort = `Choose at most ${MAX_COMPARED} cohorts.`;
  const compared =
    chosen.length === 0 || fieldErrors.cohort !== undefined
      ? []
      : await cohortComparison(readModels, {
          tenantId: user.tenantId,
          cohortIds: chosen,
          from: parsed.period.from,
          to: parsed.period.lastInstant,
        });
  const body = {
    cohorts: cohorts.map((cohort) => ({
      cohortId: cohort.cohortId,
      name: cohort.name,
      members: cohort.members,
    })),
    chosen,
    compared,
    period: { from: parsed.period.from, lastInstant: parsed.period.lastInstant, values: parsed.values },
    fieldErrors,
  };
  return data(body, parsed.ok && fieldErrors.cohort === undefined ? 200 : 400);
}

export default function CompareCohorts() {
  const { cohorts, chosen, compared, period, fieldErrors } = useLoaderData<typeof loader>();
  const errors: FieldErrors<'cohort' | 'months' | 'from' | 'to'> = fieldErrors;
  const nameOf = (item: { name: string | null }) => item.name ?? 'Unnamed cohort';
  return (
    <div>
      <p className="text-sm">
        <Link to="/cohorts" className="underline">
          Cohorts
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">Compare cohorts</h1>
      <p className="mt-1 text-sm text-slate-600">
        Practice volume and every signal over the same period, side by side.
      </p>
      <Form method="get" className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        {cohorts.length === 0 ? (
          <p className="text-sm text-slate-600">No cohorts yet.</p>
        ) : (
          <fieldset>
            <legend className="text-sm font-medium">Cohorts (up to {MAX_COMPARED})</legend>
            <div className="mt-2 flex flex-wrap gap-3">
              {cohorts.map((cohort) => (
                <label key={cohort.cohortId} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="cohort"
                    value={cohort.cohortId}
                    defaultChecked={chosen.includes(cohort.cohortId)}
                  />
                  {cohort.name} <span className="text-slate-500">({cohort.members})</span>
                </label>
              ))}
            </div>
            <FieldError id="compare-cohort-error" message={errors.cohort} />
          </fieldset>
        )}
        <div className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="compare-months" className="block text-sm font-medium">
              Period
            </label>
            <select
              id="compare-months"
              name="months"
              defaultValue={period.values.months === '' ? '6' : period.values.months}
              className={inputClass}
            >
              {PERIOD_MONTHS.map((months) => (
                <option key={months} value={months}>
                  Last {months} months
                </option>
              ))}
            </select>
            <FieldError id="compare-months-error" message={errors.months ?? errors.from ?? errors.to} />
          </div>
          <button type="submit" className={secondaryButtonClass}>
            Compare
          </button>
        </div>
      </Form>
      <p className="mt-3 text-sm text-slate-600">
        {formatDateTime(period.from).slice(0, 10)} to {formatDateTime(period.lastInstant).slice(0, 10)} (UTC
        days).
      </p>
      {compared.length === 0 ? (
        <Card className="mt-4">
          <p className="py-8 text-center text-slate-600">Choose two or more cohorts to compare.</p>
        </Card>
      ) : (
        <>
          <Card className="mt-4">
            <h2 className="font-semibold">Practice volume</h2>
            <MetricHelp {...practiceVolumeHelp} />
            <BarChart
              className="mt-4 h-64"
              data={compared.map((item) => ({
                cohort: nameOf(item),
                Started: item.sessionsStarted,
                Completed: item.sessionsCompleted,
                'Active candidates': item.activeCandidates,
              }))}
              index="cohort"
              categories={['Started', 'Completed', 'Active candidates']}
              colors={['slate', 'emerald', 'blue']}
              allowDecimals={false}
              yAxisWidth={40}
            />
          </Card>
          <Card className="mt-4">
            <h2 className="font-semibold">Every signal over the period</h2>
            <p className="mt-1 text-xs text-slate-600">
              Each value pools all the cohort’s sessions in the period, the way the dashboard’s weekly values
              pool one week. Open “How is it computed?” under a signal’s name for its formula.
            </p>
            <div className="mt-3 overflow-x-auto">
              <Table>
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>Signal</TableHeaderCell>
                    {compared.map((item) => (
                      <TableHeaderCell key={item.cohortId}>
                        <Link to={`/cohorts/${item.cohortId}`} className="underline">
                          {nameOf(item)}
                        </Link>
                      </TableHeaderCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  <TableRow>
                    <TableCell>Members</TableCell>
                    {compared.map((item) => (
                      <TableCell key={item.cohortId}>{item.members}</TableCell>
                    ))}
                  </TableRow>
                  <TableRow>
                    <TableCell>Practice time</TableCell>
                    {compared.map((item) => (
                      <TableCell key={item.cohortId}>{Math.round(item.practiceMinutes)} min</TableCell>
                    ))}
                  </TableRow>
                  {signalOrder.map((signal) => (
                    <TableRow key={signal}>
                      <TableCell className="min-w-48 whitespace-normal">
                        {signalHelp[signal].label}
                        <MetricHelp
                          meaning={signalHelp[signal].meaning}
                          formula={signalHelp[signal].formula}
                        />
                      </TableCell>
                      {compared.map((item) => (
                        <TableCell key={item.cohortId}>
                          {formatSignal(signal, item[cohortSignalKey[signal]])}
                        </TableCell>
                      ))}
                    </TableRow>
                  ))}
                  <TableRow>
                    <TableCell className="min-w-48 whitespace-normal">
                      Answers in the pace band
                      <MetricHelp {...paceBandHelp} />
                    </TableCell>
                    {compared.map((item) => (
                      <TableCell key={item.cohortId}>
                        {item.paceInBandShare === null ? '—' : `${Math.round(item.paceInBandShare * 100)} %`}
                      </TableCell>
                    ))}
                  </TableRow>
                </TableBody>
              </Table>
            </div>
          </Card>
        </>
      )}
    </div>
  );
}
