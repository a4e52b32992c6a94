import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../app/env.server';

describe('environment parsing', () => {
  it('has defaults that work with nothing set', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      DATABASE_PATH: 'data/maillage.db',
      SEED_DEMO: '1',
      MAIL_DIR: 'data/mail',
    });
    expect(env.MEILI_HOST).toBeUndefined();
  });

  it('reads every variable', () => {
    const env = parseEnv({
      PORT: '8080',
      DATABASE_PATH: '/tmp/x.db',
      SEED_DEMO: '0',
      MEILI_HOST: 'http://127.0.0.1:7700',
      MEILI_API_KEY: 'key',
      MAIL_DIR: '/tmp/mail',
    });
    expect(env).toMatchObject({
      PORT: 8080,
      SEED_DEMO: '0',
      MEILI_HOST: 'http://127.0.0.1:7700',
      MEILI_API_KEY: 'key',
    });
  });

  it('treats an empty MEILI_HOST as unset', () => {
    expect(parseEnv({ MEILI_HOST: '' }).MEILI_HOST).toBeUndefined();
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ SEED_DEMO: 'yes' }, 'SEED_DEMO'],
    [{ MEILI_HOST: 'not a url' }, 'MEILI_HOST'],
    [{ MEILI_INDEX: 'bad index!' }, 'MEILI_INDEX'],
  ])('refuses %o naming the variable', (source, name) => {
    expect(() => parseEnv(source)).toThrow(new RegExp(`Invalid environment variables:[\\s\\S]*${name}`));
  });
});
