import os from 'node:os';
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
      UPLOADS_DIR: 'data/uploads',
    });
    expect(env.MEILI_HOST).toBeUndefined();
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.MAIL_FROM).toBe('Maillage <ne-pas-repondre@maillage.localhost>');
  });

  it('reads the mail settings, and treats an empty SMTP_URL as unset', () => {
    expect(
      parseEnv({ SMTP_URL: 'smtps://u:p@smtp.exemple.fr:465', MAIL_FROM: 'Achats <achats@exemple.fr>' }),
    ).toMatchObject({
      SMTP_URL: 'smtps://u:p@smtp.exemple.fr:465',
      MAIL_FROM: 'Achats <achats@exemple.fr>',
    });
    expect(parseEnv({ SMTP_URL: 'smtp://127.0.0.1:2525' }).SMTP_URL).toBe('smtp://127.0.0.1:2525');
    expect(parseEnv({ SMTP_URL: '' }).SMTP_URL).toBeUndefined();
  });

  it('reads WEB_CONCURRENCY: the number of cores when unset or empty, 1 to 64, French messages otherwise', () => {
    const cores = Math.min(64, os.availableParallelism());
    expect(parseEnv({}).WEB_CONCURRENCY).toBe(cores);
    expect(parseEnv({ WEB_CONCURRENCY: ' ' }).WEB_CONCURRENCY).toBe(cores);
    expect(parseEnv({ WEB_CONCURRENCY: '1' }).WEB_CONCURRENCY).toBe(1);
    expect(parseEnv({ WEB_CONCURRENCY: ' 64 ' }).WEB_CONCURRENCY).toBe(64);
    expect(() => parseEnv({ WEB_CONCURRENCY: '0' })).toThrow(
      'WEB_CONCURRENCY: au moins 1 processus (1 : un seul processus, sans cluster)',
    );
    expect(() => parseEnv({ WEB_CONCURRENCY: '65' })).toThrow('WEB_CONCURRENCY: au plus 64 processus');
    for (const bad of ['2.5', '-1', 'deux', '0x2'])
      expect(() => parseEnv({ WEB_CONCURRENCY: bad }), bad).toThrow(
        'WEB_CONCURRENCY: nombre entier de processus attendu, de 1 à 64',
      );
  });

  it('reads every variable', () => {
    const env = parseEnv({
      PORT: '8080',
      DATABASE_PATH: '/tmp/x.db',
      SEED_DEMO: '0',
      MEILI_HOST: 'http://127.0.0.1:7700',
      MEILI_API_KEY: 'key',
      MAIL_DIR: '/tmp/mail',
      UPLOADS_DIR: '/srv/uploads',
    });
    expect(env).toMatchObject({
      UPLOADS_DIR: '/srv/uploads',
      PORT: 8080,
      SEED_DEMO: '0',
      MEILI_HOST: 'http://127.0.0.1:7700',
      MEILI_API_KEY: 'key',
    });
  });

  it('keeps the origin of SITE_URL, and needs it in production only', () => {
    expect(parseEnv({ SITE_URL: 'https://maillage.example.fr/chemin?x=1' }).SITE_URL).toBe(
      'https://maillage.example.fr',
    );
    expect(parseEnv({ NODE_ENV: 'production', SITE_URL: 'https://maillage.example.fr' }).SITE_URL).toBe(
      'https://maillage.example.fr',
    );
    expect(parseEnv({ SITE_URL: '' }).SITE_URL).toBeUndefined();
    expect(() => parseEnv({ NODE_ENV: 'production', SITE_URL: '' })).toThrow(
      /SITE_URL: required when NODE_ENV=production/,
    );
  });

  it('reads DATABASE_URL (postgres:// or postgresql://) and the embedded index file used with it', () => {
    expect(parseEnv({}).DATABASE_URL).toBeUndefined();
    expect(parseEnv({}).SEARCH_INDEX_PATH).toBe('data/search-index.db');
    expect(parseEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
    for (const url of ['postgres://u:p@db.exemple.fr:5432/maillage', 'postgresql://localhost/maillage'])
      expect(parseEnv({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
    for (const bad of ['mysql://db/maillage', 'postgres://', 'db.exemple.fr:5432', 'data/maillage.db'])
      expect(() => parseEnv({ DATABASE_URL: bad }), bad).toThrow(
        /DATABASE_URL: adresse PostgreSQL attendue, de la forme postgres:\/\/utilisateur/,
      );
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
    [{ SMTP_URL: 'http://smtp.exemple.fr' }, 'SMTP_URL'],
    [{ SMTP_URL: 'smtp.exemple.fr:587' }, 'SMTP_URL'],
    [{ MAIL_FROM: '  ' }, 'MAIL_FROM'],
    [{ SITE_URL: 'maillage.example.fr' }, 'SITE_URL'],
    [{ SITE_URL: 'ftp://maillage.example.fr' }, 'SITE_URL'],
    [{ NODE_ENV: 'production' }, 'SITE_URL'],
  ])('refuses %o naming the variable', (source, name) => {
    expect(() => parseEnv(source)).toThrow(new RegExp(`Invalid environment variables:[\\s\\S]*${name}`));
  });
});
