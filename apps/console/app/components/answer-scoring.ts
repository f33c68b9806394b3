import type { ReportAnswerView } from '../server/report.server';

/** What the candidate and staff read about an answer that was not scored in full. */
export function scoringNote(answer: Pick<ReportAnswerView, 'status' | 'missingAudioChunks'>): string | null {
  switch (answer.status) {
    case 'delivery-only':
      return 'Content not scored: no transcript. Delivery is scored from the voice alone.';
    case 'failed':
      return 'Scoring this answer failed; the report is compiled again if a retry succeeds.';
    case 'not-scored':
      return 'This answer has not been scored yet.';
    case 'scored':
      return answer.missingAudioChunks > 0
        ? `Part of this answer's audio could not be analysed (${answer.missingAudioChunks} chunk(s)); its voice figures are without it.`
        : null;
  }
}
