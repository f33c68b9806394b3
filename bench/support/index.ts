/**
 * What more than one suite of this workspace uses: the 12-month console dataset (loaded straight into
 * the read models with the projector's public projection core) and the figure helpers. The projector
 * suite measures its query latencies on that dataset; the console suite its page response times.
 */
export { type ConsoleDataset, loadConsoleDataset } from './console-dataset';
export { type Figure, figuresTable, format } from './figures';
export { RawInserter } from './raw-insert';
