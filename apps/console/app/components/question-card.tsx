import type { Question } from '@poise/schemas';
import { Badge } from '@tremor/react';

const ruleText = (rule: Question['followUpRules'][number]): string => {
  switch (rule.when) {
    case 'too-short':
      return `Fewer than ${rule.minWords} words → “${rule.prompt}”`;
    case 'key-point-missing':
      return `Key point ${rule.keyPointId} missing → “${rule.prompt}”`;
    case 'no-result-stated':
      return `No result stated → “${rule.prompt}”`;
  }
};

/** One saved question as staff read it. */
export function QuestionSummary({ question, number }: { question: Question; number: number }) {
  return (
    <div>
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="font-medium">
          {number}. {question.text}
        </h3>
        {question.behavioural && <Badge color="violet">behavioural</Badge>}
        <Badge color="gray">{question.timeLimitSeconds} s</Badge>
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-slate-600">
          Expected answer, key points and follow-ups
        </summary>
        <p className="mt-2 whitespace-pre-line rounded bg-slate-50 p-2">{question.expectedAnswer}</p>
        {question.keyPoints.length > 0 && (
          <ul className="mt-2 list-disc pl-5">
            {question.keyPoints.map((keyPoint) => (
              <li key={keyPoint.id}>
                <span className="font-mono text-xs text-slate-500">{keyPoint.id}</span> {keyPoint.text}
                {keyPoint.synonyms.length > 0 && (
                  <span className="text-slate-500"> (also: {keyPoint.synonyms.join(', ')})</span>
                )}
              </li>
            ))}
          </ul>
        )}
        {question.followUpRules.length > 0 ? (
          <ul className="mt-2 list-disc pl-5 text-slate-700">
            {question.followUpRules.map((rule) => (
              <li key={ruleText(rule)}>{ruleText(rule)}</li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-slate-500">No follow-up questions.</p>
        )}
      </details>
    </div>
  );
}
