/** The language a user chose, for answers rendered outside a use case (error messages). */
import { eq } from 'drizzle-orm';
import type { Locale } from '../contracts/enums';
import { users } from '../db/schema';
import type { Ctx } from './context';

/** The user's `locale`, or null for an unknown user. */
export async function userLocale(ctx: Ctx, userId: string): Promise<Locale | null> {
  const [u] = await ctx.db.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
  return u?.locale ?? null;
}
