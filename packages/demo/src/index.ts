export {
  DEMO_COHORT,
  DEMO_TENANT_ID,
  type DemoAccount,
  demoAccounts,
  SYNTHETIC_DEMO_TENANT_ID,
} from './demo-accounts';
export { DEMO_PHOTO_VARIANTS, type DemoPhoto, demoPhotoPath } from './demo-photos';
export { demoQuestionSetTitle, demoQuestions } from './demo-question-set';
export { type SeedResult, seedDemoTenant } from './seed-demo-tenant';
export { seedDemoUsers } from './seed-demo-users';
