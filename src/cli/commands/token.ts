/** `accord token create|list|revoke`: API tokens for integrations, issued from the shell. */
import type { Command } from 'commander';
import { z } from 'zod';
import { ApiTokenCreate, TOKEN_LIMITS, Uuid } from '../../contracts';
import { SYSTEM_ACTOR } from '../../domain/policies';
import { createToken, listTokens, revokeTokenById } from '../../services/tokens';
import { intOption, parseInput, printJson, say, withSystem } from './common';
import { userByEmail } from './user';

/** Registers the `accord token` commands. */
export function registerToken(program: Command): void {
  const token = program
    .command('token')
    .description('Manage API tokens (sent as Authorization: Bearer <token>)');

  token
    .command('create')
    .description('Issue an API token for a user; the token is printed once and only its hash is stored')
    .requiredOption('--email <email>', 'e-mail address of the user the token acts as')
    .requiredOption('--name <name>', 'what the token is for, e.g. "statistics export"')
    .option('--expires-days <days>', 'days until the token expires (1–3650; default: never)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { email: string; name: string; expiresDays?: string; json?: boolean }) => {
      const input = parseInput(ApiTokenCreate, {
        name: opts.name,
        expiresInDays:
          intOption('--expires-days', opts.expiresDays, TOKEN_LIMITS.days.min, TOKEN_LIMITS.days.max) ?? null,
      });
      const created = await withSystem(async ({ ctx }) => {
        const user = await userByEmail(ctx, opts.email);
        return { ...(await createToken(ctx, SYSTEM_ACTOR, user.id, input)), userEmail: user.email };
      });
      if (opts.json) return printJson(created);
      say(
        `created token ${created.id} "${created.name}" for ${created.userEmail}${created.expiresAt ? `, expires ${created.expiresAt}` : ''}`,
      );
      say(`token: ${created.token}  (shown only once)`);
    });

  token
    .command('list')
    .description("List a user's API tokens (their prefixes, never the secrets)")
    .requiredOption('--email <email>', 'e-mail address of the user')
    .option('--json', 'print the list as JSON')
    .action(async (opts: { email: string; json?: boolean }) => {
      const r = await withSystem(async ({ ctx }) =>
        listTokens(ctx, SYSTEM_ACTOR, (await userByEmail(ctx, opts.email)).id),
      );
      if (opts.json) return printJson(r.data);
      if (r.data.length === 0) return say('no tokens');
      for (const t of r.data) {
        const state = t.revokedAt
          ? 'revoked'
          : t.expiresAt && t.expiresAt < new Date().toISOString()
            ? 'expired'
            : 'active';
        say(`${t.id}  ${t.prefix}…  ${t.name}  ${state}`);
      }
    });

  token
    .command('revoke')
    .description('Revoke an API token by its id: it stops working at the next request')
    .argument('<id>', 'the token id (from `token create` or `token list`)')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const tokenId = parseInput(z.object({ ID: Uuid }), { ID: id }).ID;
      await withSystem(({ ctx }) => revokeTokenById(ctx, SYSTEM_ACTOR, tokenId));
      if (opts.json) printJson({ id: tokenId, revoked: true });
      else say(`token ${tokenId} is revoked`);
    });
}
