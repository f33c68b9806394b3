export { type HealthCheck, type HealthProbe, type HealthReport, runHealthChecks } from './health';
export { type Listening, listen } from './listen';
export { createLogger, type LogFormat, type Logger, type LoggerOptions, sessionLogger } from './logger';
export { createMetrics, type MetricsOptions } from './metrics';
export { type OpsServer, type OpsServerOptions, startOpsServer } from './ops-server';
