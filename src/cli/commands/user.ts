/**
 * `accord user add|list|disable|enable|password`: account administration from the shell,
 * for the first admin and for when nobody can sign in. Acts as the system actor through the
 * same services (and audit trail) as the admin pages.
 */
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { type User, UserCreate, UserQuery, UserUpdate } from '../../contracts/accounts';
import { AppError } from '../../domain/errors';
import { SYSTEM_ACTOR } from '../../domain/policies';
import type { Ctx } from '../../services/context';
import { createUser, findUsers, updateUser } from '../../services/users';
import { parseInput, printJson, say, withSystem } from './common';

/** A password people can type: 16 URL-safe characters (96 bits). */
export const generatePassword = () => randomBytes(12).toString('base64url');

/** Every user (the list is paged through; accounts number in the hundreds at most). */
async function allUsers(ctx: Ctx): Promise<User[]> {
  const out: User[] = [];
  for (let page = 1; ; page++) {
    const r = await findUsers(ctx, SYSTEM_ACTOR, parseInput(UserQuery, { page, limit: 500 }));
    out.push(...r.data);
    if (out.length >= r.total || r.data.length === 0) return out;
  }
}

/** The user with this e-mail (any letter case), or a not_found error naming it. */
export async function userByEmail(ctx: Ctx, email: string): Promise<User> {
  const wanted = email.trim().toLowerCase();
  const r = await findUsers(ctx, SYSTEM_ACTOR, parseInput(UserQuery, { q: wanted, limit: 500 }));
  const u = r.data.find((x) => x.email.toLowerCase() === wanted);
  if (!u)
    throw new AppError('not_found', `No user has the e-mail ${email}`, [
      { path: 'EMAIL', message: 'no such user' },
    ]);
  return u;
}

function printUser(u: User) {
  say(`${u.email}  ${u.name}  ${u.role}${u.disabled ? '  (disabled)' : ''}  id ${u.id}`);
}

/** Registers the `accord user` commands. */
export function registerUser(program: Command): void {
  const user = program.command('user').description('Manage user accounts');

  user
    .command('add')
    .description(
      'Create a user account; the password is generated and printed once unless --password is given',
    )
    .requiredOption('--email <email>', 'e-mail address (the sign-in name)')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--role <role>', 'admin, coordinator, reporter or viewer')
    .option('--organisation <id>', 'organisation id (required for coordinators and reporters)')
    .option('--locale <locale>', 'interface language: ru, kk or en', 'ru')
    .option('--password <password>', 'the password (at least 10 characters)')
    .option('--json', 'print the result as JSON')
    .action(
      async (opts: {
        email: string;
        name: string;
        role: string;
        organisation?: string;
        locale: string;
        password?: string;
        json?: boolean;
      }) => {
        const password = opts.password ?? generatePassword();
        const input = parseInput(UserCreate, {
          email: opts.email,
          name: opts.name,
          role: opts.role,
          organisationId: opts.organisation ?? null,
          locale: opts.locale,
          password,
        });
        const created = await withSystem(({ ctx }) => createUser(ctx, SYSTEM_ACTOR, input));
        if (opts.json) {
          printJson({ user: created, ...(opts.password ? {} : { password }) });
          return;
        }
        say(`created ${created.role} ${created.email} (id ${created.id})`);
        if (!opts.password) say(`password: ${password}  (shown only once)`);
      },
    );

  user
    .command('list')
    .description('List every user account')
    .option('--json', 'print the list as JSON')
    .action(async (opts: { json?: boolean }) => {
      const users = await withSystem(({ ctx }) => allUsers(ctx));
      if (opts.json) return printJson(users);
      if (users.length === 0) return say('no users');
      for (const u of users) printUser(u);
    });

  const setDisabled = (disabled: boolean) => async (email: string, opts: { json?: boolean }) => {
    const u = await withSystem(async ({ ctx }) => {
      const cur = await userByEmail(ctx, email);
      if (cur.disabled === disabled) return cur;
      return updateUser(
        ctx,
        SYSTEM_ACTOR,
        cur.id,
        parseInput(UserUpdate, { version: cur.version, disabled }),
      );
    });
    if (opts.json) printJson(u);
    else
      say(`${u.email} is ${disabled ? 'disabled: its sessions and API tokens no longer work' : 'enabled'}`);
  };

  user
    .command('disable')
    .description('Disable an account: its sessions end and its API tokens stop working at once')
    .argument('<email>', 'e-mail address of the account')
    .option('--json', 'print the user as JSON')
    .action(setDisabled(true));

  user
    .command('enable')
    .description('Enable a disabled account again')
    .argument('<email>', 'e-mail address of the account')
    .option('--json', 'print the user as JSON')
    .action(setDisabled(false));

  user
    .command('password')
    .description(
      'Set a new password for an account (ends its sessions); it is generated and printed once unless --password is given',
    )
    .argument('<email>', 'e-mail address of the account')
    .option('--password <password>', 'the new password (at least 10 characters)')
    .option('--json', 'print the result as JSON')
    .action(async (email: string, opts: { password?: string; json?: boolean }) => {
      const password = opts.password ?? generatePassword();
      const u = await withSystem(async ({ ctx }) => {
        const cur = await userByEmail(ctx, email);
        return updateUser(
          ctx,
          SYSTEM_ACTOR,
          cur.id,
          parseInput(UserUpdate, { version: cur.version, password }),
        );
      });
      if (opts.json) return printJson({ user: u, ...(opts.password ? {} : { password }) });
      say(`the password of ${u.email} was changed; its sessions were ended`);
      if (!opts.password) say(`password: ${password}  (shown only once)`);
    });
}
