import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, getConfig, loadConfig, resetConfig } from './config';
import { BUILT_IN_SYSTEMS } from './systems/catalog';

describe('configuration from the environment', () => {
  afterEach(() => {
    delete process.env.MAX_GAP_SECONDS;
    resetConfig();
  });

  it('has a default for every setting; empty strings count as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '' });
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: '.data', INGEST_INTERVAL_SECONDS: 60, MAX_GAP_SECONDS: 900, LOG_LEVEL: 'info', DEMO_MODE: false });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.GBFS_SYSTEMS).toEqual(BUILT_IN_SYSTEMS);
  });

  it('parses GBFS_SYSTEMS into systems', () => {
    expect(loadConfig({ GBFS_SYSTEMS: 'oslo=https://x.example/gbfs.json' }).GBFS_SYSTEMS).toEqual([{ id: 'oslo', gbfsUrl: 'https://x.example/gbfs.json' }]);
  });

  it.each([
    [{ MAX_GAP_SECONDS: 'ten' }, /MAX_GAP_SECONDS/],
    [{ PORT: '70000' }, /PORT/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ GBFS_SYSTEMS: 'velib' }, /GBFS_SYSTEMS "velib" is not id=https/],
    [{ FETCH_RETRIES: '9' }, /FETCH_RETRIES/],
  ])('stops on a bad value with a sentence naming the variable: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('names a bad DATABASE_URL without repeating it (it holds a password)', () => {
    const attempt = () => loadConfig({ DATABASE_URL: 'mysql://user:hunter2@db/app' });
    expect(attempt).toThrow(/DATABASE_URL must start with postgres:\/\//);
    expect(attempt).not.toThrow(/hunter2/);
  });

  it('is parsed once, and again only after resetConfig()', () => {
    process.env.MAX_GAP_SECONDS = '600';
    resetConfig();
    const first = getConfig();
    expect(first.MAX_GAP_SECONDS).toBe(600);
    process.env.MAX_GAP_SECONDS = '1200';
    expect(getConfig()).toBe(first);
    resetConfig();
    expect(getConfig().MAX_GAP_SECONDS).toBe(1200);
  });
});
