/** `accord audit verify`: recomputes the audit trail's hash chain. */
import type { Command } from 'commander';
import { verifyAuditChain } from '../../services/audit';
import { setExitCode } from '../io';
import { printJson, say, warn, withSystem } from './common';

/** Registers `accord audit verify`. */
export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('Check the audit trail');
  audit
    .command('verify')
    .description(
      'Recompute the hash chain of the audit trail; exits 1 and names the first altered, inserted or deleted event when it is broken',
    )
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      const r = await withSystem(({ ctx }) => verifyAuditChain(ctx.db));
      if (opts.json) printJson(r);
      else if (r.ok) say(`intact: ${r.checked} event${r.checked === 1 ? '' : 's'}`);
      else {
        warn(
          `the audit trail is broken${r.firstBadSeq ? ` at event ${r.firstBadSeq}` : ''}: ${r.problem}\n` +
            `  (${r.checked} events before it verified)`,
        );
      }
      if (!r.ok) setExitCode(1);
    });
}
