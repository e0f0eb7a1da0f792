import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      adminEmail: 'admin@accord.local',
      demo: true,
      logLevel: 'info',
    });
    expect(c.dataDir).toBe(path.resolve('.accord'));
    expect(c.databaseUrl).toBeUndefined();
  });

  it('names every bad variable and its rule', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        ACCORD_ADMIN_PASSWORD: 'short',
        ACCORD_DEMO: 'yes',
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toMatch(/^PORT: /m);
      expect(problems).toMatch(/^DATABASE_URL: must be a postgres/m);
      expect(problems).toMatch(/^ACCORD_ADMIN_PASSWORD: must be at least 10/m);
      expect(problems).toMatch(/^ACCORD_DEMO: must be 0 or 1/m);
    }
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).port).toBe(3000);
  });
});
