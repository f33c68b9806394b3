/**
 * Ratcliff/Obershelp pattern matching ("Pattern Matching: the Gestalt Approach", Dr. Dobb's Journal,
 * July 1988), the algorithm behind Python's `difflib.SequenceMatcher`: find the longest contiguous
 * matching block, then recurse on the pieces to its left and to its right. ratio = 2·M / T, with M the
 * matched elements and T the elements of both sequences together.
 *
 * Ties between equally long blocks go to the earliest in `a`, then the earliest in `b`, as difflib does,
 * so results equal `SequenceMatcher(None, a, b, autojunk=False)`. difflib's default autojunk (ignoring
 * elements that make up more than 1 % of a `b` of 200+ items) is left out on purpose: in answers those
 * are the repeated content words that matter.
 */

/** a[aStart .. aStart + size) equals b[bStart .. bStart + size). */
export interface MatchingBlock {
  readonly aStart: number;
  readonly bStart: number;
  readonly size: number;
}

export function matchingBlocks<T>(a: readonly T[], b: readonly T[]): MatchingBlock[] {
  // Where each element occurs in b, in increasing order.
  const positionsInB = new Map<T, number[]>();
  b.forEach((element, index) => {
    const positions = positionsInB.get(element);
    if (positions === undefined) positionsInB.set(element, [index]);
    else positions.push(index);
  });

  const blocks: MatchingBlock[] = [];
  const pending: Array<[number, number, number, number]> = [[0, a.length, 0, b.length]];
  while (pending.length > 0) {
    const [aLow, aHigh, bLow, bHigh] = pending.pop()!;
    const block = longestMatch(a, positionsInB, aLow, aHigh, bLow, bHigh);
    if (block.size === 0) continue;
    blocks.push(block);
    if (aLow < block.aStart && bLow < block.bStart) pending.push([aLow, block.aStart, bLow, block.bStart]);
    const aAfter = block.aStart + block.size;
    const bAfter = block.bStart + block.size;
    if (aAfter < aHigh && bAfter < bHigh) pending.push([aAfter, aHigh, bAfter, bHigh]);
  }
  blocks.sort((x, y) => x.aStart - y.aStart || x.bStart - y.bStart);
  return mergeAdjacent(blocks);
}

/** 2·M / T in [0, 1]; two empty sequences are identical (1), as in difflib. */
export function sequenceRatio<T>(a: readonly T[], b: readonly T[]): number {
  const total = a.length + b.length;
  if (total === 0) return 1;
  const matched = matchingBlocks(a, b).reduce((sum, block) => sum + block.size, 0);
  return (2 * matched) / total;
}

/**
 * The longest block with a in [aLow, aHigh) and b in [bLow, bHigh), by dynamic programming over a:
 * lengths[j] is the length of the match ending at a[i − 1], b[j].
 */
function longestMatch<T>(
  a: readonly T[],
  positionsInB: ReadonlyMap<T, number[]>,
  aLow: number,
  aHigh: number,
  bLow: number,
  bHigh: number,
): MatchingBlock {
  let best: MatchingBlock = { aStart: aLow, bStart: bLow, size: 0 };
  let lengths = new Map<number, number>();
  for (let i = aLow; i < aHigh; i++) {
    const next = new Map<number, number>();
    for (const j of positionsInB.get(a[i]!) ?? []) {
      if (j < bLow) continue;
      if (j >= bHigh) break;
      const size = (lengths.get(j - 1) ?? 0) + 1;
      next.set(j, size);
      if (size > best.size) best = { aStart: i - size + 1, bStart: j - size + 1, size };
    }
    lengths = next;
  }
  return best;
}

/** Blocks that touch end to start become one, as difflib reports them. */
function mergeAdjacent(blocks: readonly MatchingBlock[]): MatchingBlock[] {
  const merged: MatchingBlock[] = [];
  for (const block of blocks) {
    const last = merged[merged.length - 1];
    if (
      last !== undefined &&
      last.aStart + last.size === block.aStart &&
      last.bStart + last.size === block.bStart
    ) {
      merged[merged.length - 1] = { aStart: last.aStart, bStart: last.bStart, size: last.size + block.size };
    } else {
      merged.push(block);
    }
  }
  return merged;
}
