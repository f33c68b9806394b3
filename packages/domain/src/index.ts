export { compileSessionReport } from './reports/compile-session-report';
