import { ConfigError, describeConfig, type Env, loadConfig } from '@poise/config';
import type { Output } from './log/log-commands';

const SECRET_NAME = /SECRET|PASSWORD/;

/** `poise config`: each variable with what is set (secrets masked), its default, and whether all of it is valid. */
export function printConfig(env: Env, out: Output): void {
  for (const variable of describeConfig()) {
    const raw = env[variable.name];
    const shown = raw === undefined ? '(default)' : SECRET_NAME.test(variable.name) ? '******' : raw;
    out.write(`${variable.name.padEnd(28)} ${shown.padEnd(36)} default: ${variable.default}\n`);
    out.write(`${''.padEnd(29)}${variable.description}\n`);
  }
  try {
    loadConfig(env);
    out.write('\nconfiguration is valid\n');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    out.write(`\n${error.message}\n`);
  }
}
