import { userCan } from '@poise/auth';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { Badge, Card } from '@tremor/react';
import { FieldError, inputClass, Notice, primaryButtonClass } from '../components/account-form-fields';
import { formatDateTime } from '../components/format';
import { assertPermission, requireUser, requireUserWithPermission } from '../server/auth.server';
import { requireSameOrigin } from '../server/csrf.server';
import { field } from '../server/forms.server';
import {
  loadTenantPolicies,
  MAX_POLICY_REASON_LENGTH,
  MAX_RETENTION_DAYS,
  MIN_RETENTION_DAYS,
  parseRetentionDays,
  retentionRefusal,
  setExpressionAnalysisPolicy,
  setRetentionPolicy,
} from '../server/policies.server';
import { isRefusal } from '../server/staff-commands.server';

export const meta: MetaFunction = () => [{ title: 'Policies · Poise' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, 'read:policy:any');
  const policies = await loadTenantPolicies(user.tenantId);
  return {
    tenantId: user.tenantId,
    policies,
    canChange: userCan(user, 'write:policy:any', { tenantId: user.tenantId }),
    bounds: { min: MIN_RETENTION_DAYS, max: MAX_RETENTION_DAYS, reasonLength: MAX_POLICY_REASON_LENGTH },
  };
}

type PolicyResult =
  | { intent: 'retention' | 'expression'; error: string; saved: null }
  | { intent: 'retention' | 'expression'; error: null; saved: string };

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { user } = await requireUser(request);
  assertPermission(user, 'write:policy:any');
  const form = await request.formData();
  const intent = field(form, 'intent');

  if (intent === 'retention') {
    const parsed = parseRetentionDays(field(form, 'rawMediaRetentionDays'));
    if (!parsed.ok) return data<PolicyResult>({ intent, error: parsed.message, saved: null }, 400);
    let changed: boolean;
    try {
      changed = await setRetentionPolicy(user, parsed.days);
    } catch (error) {
      if (!isRefusal(error, 'retention-out-of-range')) throw error;
      return data<PolicyResult>({ intent, error: retentionRefusal(parsed.days), saved: null }, 400);
    }
    if (!changed) {
      return data<PolicyResult>({ intent, error: null, saved: `Retention already is ${parsed.days} days.` });
    }
    return data<PolicyResult>({
      intent,
      error: null,
      saved: `Raw media is now kept for ${parsed.days} days.`,
    });
  }

  if (intent === 'expression') {
    const choice = field(form, 'expressionAnalysis');
    if (choice !== 'on' && choice !== 'off') {
      return data<PolicyResult>({ intent, error: 'Choose on or off.', saved: null }, 400);
    }
    const reason = field(form, 'reason');
    let changed: boolean;
    try {
      changed = await setExpressionAnalysisPolicy(user, choice === 'on', reason === '' ? null : reason);
    } catch (error) {
      if (!isRefusal(error, 'reason-too-long')) throw error;
      const tooLong = `Keep the reason to ${MAX_POLICY_REASON_LENGTH} characters.`;
      return data<PolicyResult>({ intent, error: tooLong, saved: null }, 400);
    }
    if (!changed) {
      return data<PolicyResult>({ intent, error: null, saved: `Expression analysis already is ${choice}.` });
    }
    return data<PolicyResult>({
      intent,
      error: null,
      saved: `Expression analysis is now ${choice} for sessions started from now on.`,
    });
  }
  throw new Response('Unknown policy', { status: 400, statusText: 'Bad Request' });
}

function SetBy({ setting }: { setting: { setAt: string; setBy: string } | null }) {
  if (setting === null)
    return <p className="mt-1 text-sm text-slate-500">Not set yet for this institution.</p>;
  return (
    <p className="mt-1 text-sm text-slate-500">
      Set {formatDateTime(setting.setAt)} by <span className="font-mono text-xs">{setting.setBy}</span>.
    </p>
  );
}

export default function Policies() {
  const { tenantId, policies, canChange, bounds } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting';
  const outcome = (intent: 'retention' | 'expression') => (result?.intent === intent ? result : undefined);
  const retention = outcome('retention');
  const expression = outcome('expression');
  const expressionOn = policies.expressionAnalysis?.value;
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-semibold">Policies</h1>
      <p className="mt-1 text-sm text-slate-600">
        Rules for {policies.tenantName ?? tenantId}. Every change is an event in the audit trail, with who
        made it. A change applies to sessions started afterwards: each session records the policy in force
        when it started, and changing a policy never alters sessions already started.
      </p>

      <Card className="mt-6">
        <h2 className="text-lg font-semibold">Raw-media retention</h2>
        <p className="mt-1 text-sm text-slate-600">
          How many days recorded frames and audio are kept before they are deleted. Scores, transcripts and
          other analytics derived from them are kept; replay shows the signals without the video afterwards.
        </p>
        <p className="mt-3 text-sm">
          Current:{' '}
          <span className="font-semibold">
            {policies.retentionDays === null ? 'not set' : `${policies.retentionDays.value} days`}
          </span>
        </p>
        <SetBy setting={policies.retentionDays} />
        {canChange && (
          <Form method="post" className="mt-4 space-y-3" noValidate>
            <input type="hidden" name="intent" value="retention" />
            {retention?.saved && <Notice tone="success">{retention.saved}</Notice>}
            <div>
              <label htmlFor="rawMediaRetentionDays" className="block text-sm font-medium">
                Keep raw media for (days, {bounds.min}–{bounds.max})
              </label>
              <input
                id="rawMediaRetentionDays"
                name="rawMediaRetentionDays"
                type="number"
                inputMode="numeric"
                min={bounds.min}
                max={bounds.max}
                step={1}
                required
                defaultValue={policies.retentionDays?.value ?? ''}
                aria-invalid={retention?.error ? true : undefined}
                aria-describedby={retention?.error ? 'retention-error' : undefined}
                className={`${inputClass} max-w-xs`}
              />
              <FieldError id="retention-error" message={retention?.error ?? undefined} />
            </div>
            <button type="submit" disabled={busy} className={primaryButtonClass}>
              Save retention
            </button>
          </Form>
        )}
      </Card>

      <Card className="mt-6">
        <h2 className="text-lg font-semibold">Expression analysis</h2>
        <p className="mt-1 text-sm text-slate-600">
          Facial expression analysis estimates expressions from the recorded frames; the composure signal is
          derived from it. When it is off, no frame is analysed for expressions, and every other signal
          (speech, vocal confidence, answer scores) still works.
        </p>
        <div className="mt-3 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-medium">EU AI Act</p>
          <p className="mt-1">
            Emotion inference from faces is scientifically contested (Barrett et al., 2019), and the EU AI Act
            (Art. 5(1)(f), applying from 2 February 2025) bans it in workplaces and education institutions
            except for medical or safety reasons. Institutions in the EU should switch expression analysis
            off.
          </p>
        </div>
        <p className="mt-3 text-sm">
          Current:{' '}
          {expressionOn === undefined ? (
            <span className="font-semibold">not set</span>
          ) : (
            <Badge color={expressionOn ? 'amber' : 'emerald'}>{expressionOn ? 'on' : 'off'}</Badge>
          )}
          {policies.expressionAnalysis?.reason && (
            <span className="ml-2 text-slate-600">Reason given: {policies.expressionAnalysis.reason}</span>
          )}
        </p>
        <SetBy setting={policies.expressionAnalysis} />
        {canChange && (
          <Form method="post" className="mt-4 space-y-3" noValidate>
            <input type="hidden" name="intent" value="expression" />
            {expression?.saved && <Notice tone="success">{expression.saved}</Notice>}
            {expression?.error && <Notice tone="error">{expression.error}</Notice>}
            <fieldset>
              <legend className="text-sm font-medium">Expression analysis for new sessions</legend>
              <div className="mt-2 flex gap-6">
                {(['off', 'on'] as const).map((choice) => (
                  <label key={choice} className="flex items-center gap-2 text-sm">
                    <input
                      type="radio"
                      name="expressionAnalysis"
                      value={choice}
                      defaultChecked={(expressionOn ? 'on' : 'off') === choice}
                    />
                    {choice === 'on' ? 'On' : 'Off'}
                  </label>
                ))}
              </div>
            </fieldset>
            <div>
              <label htmlFor="reason" className="block text-sm font-medium">
                Reason <span className="font-normal text-slate-500">(optional, kept in the audit trail)</span>
              </label>
              <input
                id="reason"
                name="reason"
                type="text"
                maxLength={bounds.reasonLength}
                className={inputClass}
              />
            </div>
            <button type="submit" disabled={busy} className={primaryButtonClass}>
              Save expression analysis
            </button>
          </Form>
        )}
        {!canChange && (
          <p className="mt-4 text-sm text-slate-500">
            Your role may view these policies but not change them.
          </p>
        )}
      </Card>
    </div>
  );
}
