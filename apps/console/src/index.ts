export { type ConsoleStores, createConsoleServices } from '../app/server/create-services.server';
export { type ConsoleServices, getServices, setServicesForTesting } from '../app/server/services.server';
export {
  type ConsoleLogger,
  createConsoleApp,
  type RunningConsole,
  type StartConsoleOptions,
  startConsole,
} from './start-console';
