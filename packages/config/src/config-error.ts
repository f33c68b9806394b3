/** One variable that failed validation, described without ever echoing a secret. */
export interface ConfigIssue {
  readonly variable: string;
  /** What the variable must hold, e.g. "an integer port from 0 to 65535". */
  readonly expected: string;
  /** What was found: a quoted value, "nothing", or a length for secrets. */
  readonly found: string;
  /** Why an otherwise optional variable is required, e.g. "POISE_EVENT_LOG=esdb". */
  readonly requiredWhen?: string;
}

/** Thrown at boot when the environment does not describe a runnable Poise; lists every problem at once. */
export class ConfigError extends Error {
  override name = 'ConfigError';

  constructor(readonly issues: readonly ConfigIssue[]) {
    super(formatIssues(issues));
  }
}

function formatIssues(issues: readonly ConfigIssue[]): string {
  const lines = issues.map((issue) => {
    const when = issue.requiredWhen === undefined ? '' : ` (required when ${issue.requiredWhen})`;
    return `- ${issue.variable}${when}: expected ${issue.expected}, found ${issue.found}`;
  });
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return [`Invalid Poise configuration (${count}):`, ...lines].join('\n');
}
