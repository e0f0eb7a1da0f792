/** Every `accord` sub-command; each module adds its own to the program. */
import type { Command } from 'commander';
import { registerAudit } from './audit';
import { registerBackup } from './backup';
import { registerDemo } from './demo';
import { registerJobs } from './jobs';
import { registerImportRoadmap } from './import-roadmap';
import { registerMigrate } from './migrate';
import { registerStart } from './start';
import { registerToken } from './token';
import { registerUser } from './user';

export function registerCommands(program: Command): void {
  registerStart(program);
  registerMigrate(program);
  registerDemo(program);
  registerUser(program);
  registerToken(program);
  registerAudit(program);
  registerBackup(program);
  registerJobs(program);
  registerImportRoadmap(program);
}
