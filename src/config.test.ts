import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, servesOverTls } from './config';

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

  it('trusts no proxy by default, and reads ACCORD_TRUST_PROXY as true or a list of addresses/CIDRs', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ ACCORD_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ ACCORD_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(
      loadConfig({ ACCORD_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback' }).trustProxy,
    ).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', 'loopback']);
  });

  it('names ACCORD_TRUST_PROXY and what it did not understand', () => {
    for (const bad of ['2', 'proxy.example.org', '10.0.0.0/33', '300.1.1.1', '127.0.0.1,,']) {
      try {
        loadConfig({ ACCORD_TRUST_PROXY: bad });
        expect.unreachable(bad);
      } catch (e) {
        expect(e, bad).toBeInstanceOf(ConfigError);
        expect((e as ConfigError).problems.join('\n'), bad).toMatch(
          /^ACCORD_TRUST_PROXY: must be true .* or a comma-separated list of proxy addresses or CIDRs/m,
        );
      }
    }
  });

  it('takes ACCORD_AUDIT_KEY of at least 32 characters', () => {
    expect(loadConfig({ ACCORD_AUDIT_KEY: 'k'.repeat(32) }).auditKey).toBe('k'.repeat(32));
    expect(loadConfig({}).auditKey).toBeUndefined();
    expect(() => loadConfig({ ACCORD_AUDIT_KEY: 'short' })).toThrow(/ACCORD_AUDIT_KEY: must be at least 32/);
  });

  it('serves over TLS behind a trusted proxy or with an https public address only', () => {
    expect(servesOverTls(loadConfig({}))).toBe(false);
    expect(servesOverTls(loadConfig({ ACCORD_PUBLIC_URL: 'http://accord.local' }))).toBe(false);
    expect(servesOverTls(loadConfig({ ACCORD_PUBLIC_URL: 'https://accord.example.org' }))).toBe(true);
    expect(servesOverTls(loadConfig({ ACCORD_TRUST_PROXY: '127.0.0.1' }))).toBe(true);
  });
});
