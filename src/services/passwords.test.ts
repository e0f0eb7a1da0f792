import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';
import { ARGON2_COSTS, argon2Cost, hashPassword, verifyPassword } from './passwords';

const saved = process.env.ACCORD_ARGON2_COST;
afterEach(() => {
  if (saved === undefined) delete process.env.ACCORD_ARGON2_COST;
  else process.env.ACCORD_ARGON2_COST = saved;
});

describe('password hashing', () => {
  it("hashes with OWASP's argon2id parameters unless ACCORD_ARGON2_COST says otherwise", async () => {
    delete process.env.ACCORD_ARGON2_COST;
    expect(argon2Cost()).toBe('owasp');
    expect(ARGON2_COSTS.owasp).toEqual({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await expect(verifyPassword(stored, 'correct horse battery')).resolves.toBe(true);
    await expect(verifyPassword(stored, 'wrong horse battery')).resolves.toBe(false);
    expect(loadConfig({}).argon2Cost).toBe('owasp');
  });

  it('uses the cheap test cost only when asked, and a hash of either cost verifies', async () => {
    process.env.ACCORD_ARGON2_COST = 'test';
    const cheap = await hashPassword('correct horse battery');
    expect(cheap).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    delete process.env.ACCORD_ARGON2_COST;
    await expect(verifyPassword(cheap, 'correct horse battery')).resolves.toBe(true);
  });

  it('refuses an unknown cost name, naming the variable', async () => {
    process.env.ACCORD_ARGON2_COST = 'cheap';
    expect(() => argon2Cost()).toThrow(ConfigError);
    expect(() => argon2Cost()).toThrow(/ACCORD_ARGON2_COST: must be one of owasp, test/);
    expect(() => loadConfig({ ACCORD_ARGON2_COST: 'cheap' })).toThrow(
      /ACCORD_ARGON2_COST: must be owasp or test/,
    );
  });
});
