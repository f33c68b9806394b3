export {
  createConsoleServices,
  openAuthStore,
  PLATFORM_TENANT_ID,
} from '../app/server/create-services.server';
export {
  DEMO_TENANT_ID,
  type DemoAccount,
  demoAccounts,
  SYNTHETIC_DEMO_TENANT_ID,
} from '../app/server/demo-accounts.server';
export { type ConsoleServices, getServices, setServicesForTesting } from '../app/server/services.server';
export {
  type ConsoleLogger,
  type RunningConsole,
  type StartConsoleOptions,
  startConsole,
} from './start-console';
