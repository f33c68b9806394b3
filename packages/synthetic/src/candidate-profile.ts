import { clamp, type SeededRandom } from './seeded-random';

/**
 * How a candidate's practice goes over the months. Improving candidates learn with each session;
 * steady ones hold their level; declining ones lose ground in their last weeks (and practise more,
 * anxiously); drop-outs stop practising at some point, which is what "inactive" means on the
 * at-risk list.
 */
export type Archetype = 'improving' | 'steady' | 'declining' | 'drop-out';

/**
 * Archetypes by position, not by draw, so that even 5 candidates include a drop-out and a decliner
 * (the at-risk list always has something to show). Candidate k takes cycle[(3k + tenant) mod 10]:
 * half improving, two steady, two drop-outs, one decliner in every ten.
 */
const archetypeCycle: readonly Archetype[] = [
  'improving',
  'drop-out',
  'declining',
  'steady',
  'improving',
  'improving',
  'drop-out',
  'steady',
  'improving',
  'improving',
];

export function archetypeOf(candidateIndex: number, tenantIndex: number): Archetype {
  return archetypeCycle[(3 * candidateIndex + tenantIndex) % archetypeCycle.length]!;
}

export interface CandidateProfile {
  readonly archetype: Archetype;
  /** 0..1 at their first session. */
  readonly baseSkill: number;
  /** Skill gained with practice, reached asymptotically (1 − e^(−n/8) after n sessions). */
  readonly learningGain: number;
  /** Sessions per week outside interview seasons. */
  readonly weeklyRate: number;
  /** Hour of day (UTC) they tend to practise at. */
  readonly preferredHour: number;
  /** Signed WPM offset of their natural pace; skill pulls it toward the band. */
  readonly paceBias: number;
  /** Mean F0 of their voice. */
  readonly pitchHz: number;
  readonly favouriteFiller: string;
  /** Weeks (from the start of the range) when they prepare for real interviews and practise more. */
  readonly interviewWeeks: ReadonlySet<number>;
  /** The last moment they practise (drop-outs), or null. */
  readonly stopsAt: Date | null;
  /** Declining: skill falls linearly from here to the end of the range. */
  readonly declineFrom: Date | null;
  readonly declineBy: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function candidateProfile(
  random: SeededRandom,
  archetype: Archetype,
  activeFrom: Date,
  until: Date,
): CandidateProfile {
  const span = until.getTime() - activeFrom.getTime();
  const weeks = Math.max(1, Math.ceil(span / (7 * DAY_MS)));
  const interviewWeeks = new Set<number>();
  // About one interview season per four months, each two to three weeks long.
  const seasons = Math.max(1, Math.round(weeks / 17));
  for (let season = 0; season < seasons; season++) {
    const first = random.int(0, weeks - 1);
    const length = random.int(2, 3);
    for (let week = first; week < first + length; week++) interviewWeeks.add(week);
  }
  const common = {
    archetype,
    preferredHour: clamp(Math.round(random.normal(15, 3)), 8, 21),
    paceBias: (random.chance(0.5) ? 1 : -1) * random.between(20, 45),
    pitchHz: random.chance(0.5) ? random.between(95, 135) : random.between(165, 235),
    favouriteFiller: random.pick(['um', 'uh', 'like', 'you know', 'so', 'basically']),
    interviewWeeks,
  };
  switch (archetype) {
    case 'improving':
      return {
        ...common,
        baseSkill: random.between(0.22, 0.55),
        learningGain: random.between(0.2, 0.35),
        weeklyRate: random.between(0.35, 0.8),
        stopsAt: null,
        declineFrom: null,
        declineBy: 0,
      };
    case 'steady':
      return {
        ...common,
        baseSkill: random.between(0.4, 0.72),
        learningGain: random.between(0, 0.05),
        weeklyRate: random.between(0.25, 0.6),
        stopsAt: null,
        declineFrom: null,
        declineBy: 0,
      };
    case 'declining': {
      // The last five weeks, or the second half of a shorter range.
      const declineFrom = Math.max(activeFrom.getTime() + span / 2, until.getTime() - 35 * DAY_MS);
      return {
        ...common,
        baseSkill: random.between(0.45, 0.7),
        learningGain: random.between(0.05, 0.15),
        weeklyRate: random.between(0.6, 1),
        stopsAt: null,
        declineFrom: new Date(declineFrom),
        declineBy: random.between(0.35, 0.45),
      };
    }
    case 'drop-out': {
      // Somewhere after the first quarter, and at least three weeks before the end, so they
      // are inactive (14 days without practice) by the end of the range.
      const earliest = activeFrom.getTime() + span / 4;
      const latest = until.getTime() - 21 * DAY_MS;
      const stopsAt = latest > earliest ? random.between(earliest, latest) : activeFrom.getTime() + span / 3;
      return {
        ...common,
        baseSkill: random.between(0.2, 0.45),
        learningGain: random.between(0.05, 0.15),
        weeklyRate: random.between(0.4, 0.9),
        stopsAt: new Date(stopsAt),
        declineFrom: null,
        declineBy: 0,
      };
    }
  }
}

/** Skill at the candidate's `sessionIndex`-th session (0-based), started at `at`. */
export function skillAt(profile: CandidateProfile, sessionIndex: number, at: Date, until: Date): number {
  let skill = profile.baseSkill + profile.learningGain * (1 - Math.exp(-sessionIndex / 8));
  if (profile.declineFrom !== null && at > profile.declineFrom) {
    const progress =
      (at.getTime() - profile.declineFrom.getTime()) / (until.getTime() - profile.declineFrom.getTime());
    skill -= profile.declineBy * clamp(progress, 0, 1);
  }
  return clamp(skill, 0.05, 0.95);
}
