/**
 * The one way a use case says no: `authorize(policy(actor, …), 'forbidden.x')` throws a 403
 * with the catalogue message of why, when the pure policy from src/domain/policies refuses.
 */
import type { MessageKey } from '../../contracts/messages';
import { forbidden } from '../../domain/errors';

export function authorize(allowed: boolean, why: MessageKey): void {
  if (!allowed) throw forbidden(why);
}
