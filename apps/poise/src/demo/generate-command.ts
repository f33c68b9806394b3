import type { PoiseConfig } from '@poise/config';
import { generateSyntheticCohorts } from '@poise/synthetic';
import type { Output } from '../log/log-commands';
import { openEventLog } from '../platform/open-event-log';

export interface GenerateCommand {
  readonly tenants: number;
  readonly candidatesPerTenant: number;
  readonly cohortsPerTenant: number;
  readonly months: number;
  readonly seed: number;
  readonly framesPerAnswer: number | undefined;
}

/**
 * `poise demo generate`: synthetic cohorts appended through the normal path (validated, then
 * projected like live data), every tenant and event marked synthetic. A running `poise up` picks
 * them up; the same options twice append nothing the second time.
 */
export async function generateCommand(
  config: PoiseConfig,
  command: GenerateCommand,
  out: Output,
  progress: Output,
): Promise<number> {
  const log = openEventLog(config.eventLog);
  let lastShown = -1;
  try {
    const result = await generateSyntheticCohorts(log, {
      tenants: command.tenants,
      candidatesPerTenant: command.candidatesPerTenant,
      cohortsPerTenant: command.cohortsPerTenant,
      months: command.months,
      seed: command.seed,
      ...(command.framesPerAnswer === undefined ? {} : { framesPerAnswer: command.framesPerAnswer }),
      onProgress: (done, total) => {
        const percent = Math.floor((100 * done) / Math.max(1, total));
        if (percent === lastShown) return;
        lastShown = percent;
        const filled = Math.round(percent / 5);
        progress.write(
          `\r[${'#'.repeat(filled)}${'.'.repeat(20 - filled)}] ${percent}% ${done}/${total} sessions`,
        );
      },
    });
    if (lastShown >= 0) progress.write('\n');
    out.write(
      `${result.events} events appended for ${result.sessions} sessions in ${result.tenants.length} synthetic tenant(s): ${result.tenants.join(', ')}\n`,
    );
    return 0;
  } finally {
    await log.close();
  }
}
