/**
 * What the CLI commands share: opening the system (embedded server or DATABASE_URL, as
 * `accord start` does), printing data as text or `--json`, and turning input into the same
 * AppErrors the API gives, so every failure prints one clear message and exits non-zero.
 */
import type { z } from 'zod';
import { openSystem, type System } from '../../bootstrap';
import { loadConfig } from '../../config';
import { AppError } from '../../domain/errors';
import { io } from '../io';

/**
 * Runs `fn` on an open system and closes it afterwards (stopping the embedded server when
 * this process started it). Progress of the embedded server goes to stderr, so stdout
 * carries only the command's answer.
 */
export async function withSystem<T>(
  fn: (system: System) => Promise<T>,
  opts: { migrate?: boolean } = {},
): Promise<T> {
  const system = await openSystem({
    config: loadConfig(io().env),
    migrate: opts.migrate,
    poolSize: 4,
    log: (m) => warn(m),
  });
  try {
    return await fn(system);
  } finally {
    await system.close();
  }
}

/** Writes one line to stdout. */
export const say = (line = ''): void => {
  io().stdout(`${line}\n`);
};

/** Writes `accord: <message>` to stderr: progress and problems, never the command's answer. */
export const warn = (message: string): void => {
  io().stderr(`accord: ${message}\n`);
};

/** Prints `data` as indented JSON. */
export const printJson = (data: unknown): void => say(JSON.stringify(data, null, 2));

/**
 * Validates CLI input with a contract; a failure is a `validation_failed` AppError whose
 * details name each field (`role: Invalid option: expected one of …`).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const details = r.error.issues.flatMap((i) => {
    const base = i.path.map(String).join('.');
    if (i.code === 'unrecognized_keys')
      return i.keys.map((k) => ({ path: base ? `${base}.${k}` : k, message: 'is not a known option' }));
    return [{ path: base, message: i.message }];
  });
  // The message names the fields; reportError prints each field's problem below it.
  const fields = [...new Set(details.map((d) => d.path || 'input'))];
  throw new AppError('validation_failed', `Invalid ${fields.join(', ')}`, details);
}

/** Parses a whole number within [min, max] given on the command line, naming the option when it is not. */
export function intOption(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new AppError('validation_failed', `Invalid ${name}`, [
      { path: name, message: `must be a whole number from ${min} to ${max}` },
    ]);
  }
  return n;
}
