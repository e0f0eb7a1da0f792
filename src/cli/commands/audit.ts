/** `accord audit verify|checkpoint`: checks the audit trail's hash chain and signs its head. */
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../../domain/policies';
import { verifyAuditChain } from '../../services/audit';
import { createAuditCheckpoint } from '../../services/audit-checkpoints';
import { loadAuditKey, setAuditKey } from '../../services/audit-keystore';
import { setExitCode } from '../io';
import { printJson, say, warn, withSystem } from './common';

/** Registers `accord audit verify` and `accord audit checkpoint`. */
export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('Check the audit trail');
  audit
    .command('verify')
    .description(
      'Recompute the hash chain of the audit trail and check it against the signed checkpoints; exits 1 and names the first altered, inserted or deleted event when it is broken',
    )
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      const r = await withSystem(({ ctx, config }) => {
        setAuditKey(config);
        return verifyAuditChain(ctx, SYSTEM_ACTOR);
      });
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

  audit
    .command('checkpoint')
    .description(
      'Sign the head of the audit trail with the audit key (ACCORD_AUDIT_KEY or <ACCORD_DATA_DIR>/audit.key), so that cutting the newest events is detected by `audit verify`',
    )
    .option('--json', 'print the checkpoint as JSON')
    .action(async (opts: { json?: boolean }) => {
      const c = await withSystem(({ ctx, config }) => {
        setAuditKey(loadAuditKey(config), { witnessDir: config.dataDir });
        return createAuditCheckpoint(ctx, SYSTEM_ACTOR);
      });
      if (opts.json) return printJson(c);
      if (!c) return say('the audit trail is empty: nothing to sign yet');
      say(`signed event ${c.seq} (hash ${c.hash.slice(0, 16)}…) at ${c.createdAt}`);
    });
}
