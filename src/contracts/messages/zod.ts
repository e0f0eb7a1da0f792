/**
 * A zod issue as a catalogue message: a message the schema names (`'is required'`) when it is
 * one of the catalogue's, else the rule zod reports, with its figures (`too_big` of a string
 * with maximum 500 → `string.tooLong {max: 500}`).
 */
import { type Message, messageOfEnglish, msg } from './index';

/** The parts of a zod issue the catalogue needs (zod's own issue type, or Fastify's copy of it). */
export interface IssueLike {
  code: string;
  message: string;
  origin?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  inclusive?: boolean;
  format?: string;
  expected?: string;
  values?: readonly unknown[];
  divisor?: number | bigint;
}

const TYPES = new Set(['string', 'number', 'int', 'boolean', 'object', 'array']);
const SIZED = new Set(['array', 'set']);

function sizeRule(i: IssueLike, big: boolean): Message {
  const n = Number(big ? i.maximum : i.minimum);
  const origin = i.origin ?? 'number';
  if (origin === 'string') {
    if (!big && n === 1) return msg('field.required');
    return big ? msg('string.tooLong', { max: n }) : msg('string.tooShort', { min: n });
  }
  if (SIZED.has(origin)) {
    if (!big && n === 1) return msg('value.empty');
    return big ? msg('array.tooMany', { max: n }) : msg('array.tooFew', { min: n });
  }
  const inclusive = i.inclusive !== false;
  if (big) return inclusive ? msg('number.max', { max: n }) : msg('number.below', { max: n });
  return inclusive ? msg('number.min', { min: n }) : msg('number.above', { min: n });
}

const FORMATS: Record<string, Message> = {
  email: msg('string.email'),
  uuid: msg('string.uuid'),
  guid: msg('string.uuid'),
  datetime: msg('string.datetime'),
  date: msg('date.format'),
};

/** The catalogue message for one zod issue. */
export function issueMessage(i: IssueLike): Message {
  // A schema's own text wins, but zod's figures beat figures read back from a text.
  const named = messageOfEnglish(i.message);
  // a rule the schema names in words wins over zod's generic one (figures kept), unless it only
  // restates a generic rule that zod's own issue carries more exactly
  if (named && (!named.params || i.code === 'custom' || !/^(number|string|type)\./.test(named.key)))
    return named;
  switch (i.code) {
    case 'invalid_type':
      if (/received undefined$/.test(i.message)) return msg('field.required');
      if (i.expected === 'int') return msg('number.int');
      return i.expected && TYPES.has(i.expected)
        ? msg('field.type', { expected: msg(`type.${i.expected}` as 'type.string') })
        : msg('value.invalid');
    case 'too_big':
      return sizeRule(i, true);
    case 'too_small':
      return sizeRule(i, false);
    case 'invalid_format':
      return FORMATS[i.format ?? ''] ?? msg('string.format');
    case 'invalid_value':
      return i.values?.length
        ? msg('value.oneOf', { values: i.values.map((v) => JSON.stringify(v)).join(', ') })
        : msg('value.invalid');
    case 'not_multiple_of':
      return msg('number.multipleOf', { step: Number(i.divisor) });
    case 'unrecognized_keys':
      return msg('field.unknown');
    default:
      return msg('value.invalid');
  }
}
