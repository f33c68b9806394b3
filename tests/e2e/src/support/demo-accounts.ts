/** The demo tenant's accounts that `poise up` seeds in development (README, "Demo accounts"). */
export { demoAccounts as demoUsers } from '@poise/demo';
