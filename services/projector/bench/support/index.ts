/**
 * The 12-month console dataset and the figure helpers, for other workspaces' benchmarks (the
 * console's page response times run on the same data the query latencies here are measured on).
 */
export { type ConsoleDataset, loadConsoleDataset } from './console-dataset';
export { type Figure, figuresTable, format, percentile } from './figures';
export { RawInserter } from './raw-insert';
