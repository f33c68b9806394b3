/**
 * English function words: articles, pronouns, auxiliaries, prepositions, conjunctions and the commonest
 * adverbs. Coverage and similarity compare content words only, since function words make any two English
 * answers look alike. Negations (`not`, `no`, `never`) are kept: they change what a point says.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be because been before being below
  between both but by can could did do does doing down during each few for from further had has have having
  he her here hers herself him himself his how i i'd i'll i'm i've if in into is it it's its itself just let
  let's me more most my myself of off on once only or other our ours ourselves out over own same she should
  so some such than that that's the their theirs them themselves then there there's these they they'd they'll
  they're they've this those through to too under until up us very was we we'd we'll we're we've were what
  when where which while who whom why will with would you you'd you'll you're you've your yours yourself
  yourselves`.split(/\s+/),
);
