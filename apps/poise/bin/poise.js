#!/usr/bin/env node
// The workspaces ship TypeScript sources (docs/decisions/005); tsx's loader lets the CLI run them.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
