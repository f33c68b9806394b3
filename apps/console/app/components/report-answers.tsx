import { Badge, Card } from '@tremor/react';
import type { ReportAnswerView } from '../server/report.server';
import { scoringNote } from './answer-scoring';
import { MetricHelp } from './metric-help';
import { reportHelp } from './report-help';
import { formatSignal } from './signal-help';

const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)} %`);

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="font-semibold">{value}</dd>
    </div>
  );
}

const statusBadge = {
  scored: null,
  'delivery-only': { color: 'amber', label: 'content not scored' },
  failed: { color: 'red', label: 'scoring failed' },
  'not-scored': { color: 'slate', label: 'not scored' },
} as const;

function AnswerCard({ answer }: { answer: ReportAnswerView }) {
  const badge = statusBadge[answer.status];
  const note = scoringNote(answer);
  return (
    <Card className="p-4" id={`answer-${answer.answerId}`}>
      <h3 className="font-semibold">
        {answer.ordinal}. {answer.question} {answer.followUp && <Badge color="violet">follow-up</Badge>}{' '}
        {badge !== null && <Badge color={badge.color}>{badge.label}</Badge>}
      </h3>
      {note !== null && (
        <p className="mt-2 rounded bg-amber-50 p-2 text-sm text-amber-900" role="note">
          {note}
        </p>
      )}
      <dl className="mt-3 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4 lg:grid-cols-7">
        <Figure label="Relevance" value={formatSignal('relevance', answer.relevance)} />
        <Figure label="Key points covered" value={percent(answer.coverage)} />
        <Figure label="Similarity" value={percent(answer.similarity)} />
        <Figure label="Pace" value={formatSignal('wordsPerMinute', answer.wordsPerMinute)} />
        <Figure label="Fillers" value={formatSignal('fillersPerMinute', answer.fillersPerMinute)} />
        <Figure label="Vocal confidence" value={formatSignal('vocalConfidence', answer.vocalConfidence)} />
        {answer.star !== null && (
          <Figure
            label="STAR (S/T/A/R)"
            value={[answer.star.situation, answer.star.task, answer.star.action, answer.star.result]
              .map((share) => Math.round(share * 100))
              .join(' / ')}
          />
        )}
      </dl>
      <div className="mt-3 grid gap-3 text-sm md:grid-cols-2">
        <div>
          <h4 className="font-medium">Missed key points</h4>
          {answer.missedKeyPoints.length === 0 ? (
            <p className="text-slate-600">None: you covered every key point.</p>
          ) : (
            <ul className="list-disc pl-5">
              {answer.missedKeyPoints.map((point) => (
                <li key={point}>{point}</li>
              ))}
            </ul>
          )}
          {answer.matchedKeyPoints.length > 0 && (
            <p className="mt-1 text-slate-600">Covered: {answer.matchedKeyPoints.join(', ')}</p>
          )}
          {answer.topFillers.length > 0 && (
            <p className="mt-1 text-slate-600">
              Most used fillers:{' '}
              {answer.topFillers.map((filler) => `“${filler.word}” × ${filler.count}`).join(', ')}
            </p>
          )}
        </div>
        <div>
          <h4 className="font-medium">Suggestions</h4>
          {answer.suggestions.length === 0 ? (
            <p className="text-slate-600">No suggestion for this answer.</p>
          ) : (
            <ul className="list-disc pl-5">
              {answer.suggestions.map((suggestion) => (
                <li key={suggestion}>{suggestion}</li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer font-medium">Model answer</summary>
        <p className="mt-1 whitespace-pre-line rounded bg-slate-100 p-2 text-slate-800">
          {answer.modelAnswer ?? 'This question has no model answer in its question set.'}
        </p>
      </details>
    </Card>
  );
}

export function ReportAnswers({ answers }: { answers: ReportAnswerView[] }) {
  return (
    <section aria-labelledby="answers-heading">
      <h2 id="answers-heading" className="text-lg font-semibold">
        Your answers
      </h2>
      <MetricHelp meaning={reportHelp.answerScores.meaning} formula={reportHelp.answerScores.formula} />
      {answers.length === 0 ? (
        <p className="mt-3 text-slate-600">No answer was given in this session.</p>
      ) : (
        <div className="mt-3 space-y-3">
          {answers.map((answer) => (
            <AnswerCard key={answer.answerId} answer={answer} />
          ))}
        </div>
      )}
    </section>
  );
}
