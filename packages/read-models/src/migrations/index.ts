import { migration0001 } from './0001_sessions';
import { migration0002 } from './0002_analyses';
import { migration0003 } from './0003_audit';
import { migration0004 } from './0004_admin';
import { migration0005 } from './0005_cohort_weekly';
import { migration0006 } from './0006_projector';
import { migration0007 } from './0007_answer_versions';
import type { Migration } from './migration';

/** Every migration, in the order they apply. Append new ones; never edit or renumber applied ones. */
export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
];
