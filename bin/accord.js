#!/usr/bin/env node
// The `accord` command. Accord runs its TypeScript sources directly through tsx, so a clone
// needs no separate build step for the server or the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
