import { stem } from './stemmer';
import { STOP_WORDS } from './stop-words';
import { type Token, tokenize } from './tokenize';

/** The content of a text as stems in order: lowercased words, function words removed, Porter-stemmed. */
export function contentStems(tokens: readonly Token[]): string[] {
  const stems: string[] = [];
  for (const token of tokens) if (!STOP_WORDS.has(token.word)) stems.push(stem(token.word));
  return stems;
}

export function contentStemsOf(text: string): string[] {
  return contentStems(tokenize(text));
}
