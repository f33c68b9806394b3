import type { BankQuestion } from './question-bank';
import type { SeededRandom } from './seeded-random';

/**
 * What the browser's speech recognition heard, in two or three pieces: the sentences that cover the
 * answer's key points, a general one, and the candidate's fillers at sentence starts.
 */
export function transcriptPieces(
  random: SeededRandom,
  bank: BankQuestion,
  covered: readonly string[],
  fillers: { word: string; count: number },
): string[] {
  const sentences = [
    random.pick(bank.generalSentences),
    ...covered.map((id) => bank.coveringSentences[id]).filter((sentence): sentence is string => !!sentence),
  ];
  if (sentences.length < 3) sentences.push(random.pick(bank.generalSentences));
  const withFillers = sentences.map((sentence, index) =>
    index < Math.min(fillers.count, 4) ? `${capitalise(fillers.word)}, ${lowerFirst(sentence)}` : sentence,
  );
  const pieces = Math.min(withFillers.length, random.int(2, 3));
  const perPiece = Math.ceil(withFillers.length / pieces);
  const result: string[] = [];
  for (let start = 0; start < withFillers.length; start += perPiece) {
    result.push(withFillers.slice(start, start + perPiece).join(' '));
  }
  return result;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lowerFirst(text: string): string {
  return /^I\b/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}
