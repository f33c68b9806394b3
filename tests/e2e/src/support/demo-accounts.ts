/** The demo tenant's accounts that `poise up` seeds in development (README, "Demo accounts"). */
export { demoUsers } from '@poise/cli/demo-users';
