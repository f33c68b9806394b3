import type { CandidateProfile } from './candidate-profile';
import { clamp, type SeededRandom } from './seeded-random';

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;

/** Monday-first weights: most practice happens on weekdays, some on Sunday evenings, little on Fridays and Saturdays. */
const weekdayWeights = [1, 1, 1, 0.9, 0.6, 0.35, 0.55];

/**
 * How much a week's practice is scaled by the academic year: almost none over the winter break,
 * less in August.
 */
function seasonalFactor(weekStart: Date): number {
  const month = weekStart.getUTCMonth();
  const day = weekStart.getUTCDate();
  if ((month === 11 && day >= 20) || (month === 0 && day <= 3)) return 0.25;
  if (month === 7) return 0.6;
  return 1;
}

/**
 * When a candidate practises between `from` and `until`: week by week, a Poisson number of sessions
 * around their weekly rate (more in their interview weeks and, for decliners, in their anxious last
 * weeks), on distinct days weighted toward weekdays, near their preferred hour.
 */
export function practiceTimes(
  profile: CandidateProfile,
  random: SeededRandom,
  from: Date,
  until: Date,
): Date[] {
  const end = Math.min(until.getTime(), profile.stopsAt?.getTime() ?? Number.POSITIVE_INFINITY);
  const times: Date[] = [];
  for (let week = 0, weekStart = from.getTime(); weekStart < end; week++, weekStart += WEEK_MS) {
    let rate = profile.weeklyRate * seasonalFactor(new Date(weekStart)) * random.between(0.6, 1.4);
    if (profile.interviewWeeks.has(week)) rate *= 2.5;
    if (profile.declineFrom !== null && weekStart >= profile.declineFrom.getTime()) rate *= 1.5;
    const count = Math.min(5, random.poisson(rate));
    const weekday = (new Date(weekStart).getUTCDay() + 6) % 7;
    const days = new Set<number>();
    while (days.size < count) {
      // Day offsets from weekStart, weighted by the weekday they fall on.
      days.add(random.weighted(weekdayWeights.map((_, offset) => weekdayWeights[(weekday + offset) % 7]!)));
    }
    for (const offset of [...days].sort((a, b) => a - b)) {
      const day = new Date(weekStart + offset * DAY_MS);
      const hour = clamp(Math.round(random.normal(profile.preferredHour, 2)), 7, 22);
      const at = Date.UTC(
        day.getUTCFullYear(),
        day.getUTCMonth(),
        day.getUTCDate(),
        hour,
        random.int(0, 59),
        random.int(0, 59),
      );
      if (at >= from.getTime() && at < end) times.push(new Date(at));
    }
  }
  return times;
}
