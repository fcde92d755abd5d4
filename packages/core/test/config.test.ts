import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { REPO_ROOT } from '@akhbar/testkit';
import { bool, int, list, loadConfig, optInt, optStr, str, url } from '@akhbar/core';

const spec = {
  port: int('PORT', { default: 3000, min: 0, max: 65535 }),
  redis: url('REDIS_URL', { protocols: ['redis:'] }),
  open: bool('OPEN', { default: false }),
  token: optStr('TOKEN', { minLength: 4 }),
  level: str('LEVEL', { default: 'info', oneOf: ['info', 'debug'] }),
  origins: list('ORIGINS', { default: [] }),
  opsPort: optInt('OPS_PORT', { min: 0, max: 65535 }),
};

t.test('valid environment gives a typed, frozen config with defaults', async (t) => {
  const c = loadConfig(spec, { REDIS_URL: 'redis://r:6379', OPEN: 'yes', ORIGINS: 'https://a.example, https://b.example' });
  t.same(c, { port: 3000, redis: 'redis://r:6379', open: true, token: undefined, level: 'info', origins: ['https://a.example', 'https://b.example'], opsPort: undefined });
  t.ok(Object.isFrozen(c));
});

t.test('every bad variable is named in one coded error', async (t) => {
  t.throws(() => loadConfig(spec, { PORT: 'eighty', OPEN: 'maybe', LEVEL: 'loud', TOKEN: 'ab' }), {
    code: 'AKHBAR_CONFIG_INVALID',
    message: /PORT must be an integer.*REDIS_URL is required.*OPEN must be true or false.*TOKEN must be at least 4.*LEVEL must be one of/,
  });
  t.throws(() => loadConfig(spec, { REDIS_URL: 'http://wrong' }), { message: /REDIS_URL must use redis:/ });
  t.throws(() => loadConfig(spec, { REDIS_URL: 'redis://r', PORT: '70000' }), { message: /PORT must be <= 65535/ });
  t.equal(loadConfig(spec, { REDIS_URL: 'redis://r', OPS_PORT: '9100' }).opsPort, 9100, 'an optional integer, when given');
  t.throws(() => loadConfig(spec, { REDIS_URL: 'redis://r', OPS_PORT: 'ninety' }), { message: /OPS_PORT must be an integer/ });
  t.throws(() => loadConfig(spec, { REDIS_URL: 'redis://r', OPS_PORT: '-1' }), { message: /OPS_PORT must be >= 0/ });
});

t.test('X_FILE supplies a secret from a file', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'akhbar-config-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'token'), 's3cret-token\n');
  const c = loadConfig(spec, { REDIS_URL: 'redis://r', TOKEN_FILE: join(dir, 'token') });
  t.equal(c.token, 's3cret-token');
  t.throws(() => loadConfig(spec, { REDIS_URL: 'redis://r', TOKEN_FILE: join(dir, 'missing') }), { message: /TOKEN_FILE points to an unreadable file/ });
});

t.test('a service started with an invalid variable exits non-zero naming it', async (t) => {
  for (const service of ['gateway', 'ingest', 'enrich', 'indexer']) {
    const res = spawnSync(process.execPath, [join(REPO_ROOT, 'services', service, 'src', 'main.ts')], {
      env: { ...process.env, REDIS_URL: 'not a url', PORT: 'abc', METRICS_PORT: '0' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    t.equal(res.status, 78, `${service} exits with EX_CONFIG`);
    t.match(res.stderr, /REDIS_URL is not a valid URL/, `${service} names REDIS_URL`);
  }
});

t.test('the gateway refuses a rate limit for an API key name it does not have, naming it', async (t) => {
  const res = spawnSync(process.execPath, [join(REPO_ROOT, 'services', 'gateway', 'src', 'main.ts')], {
    env: { ...process.env, REDIS_URL: 'redis://127.0.0.1:1', AKHBAR_API_KEYS: 'partner:partner-key-0123', AKHBAR_API_KEY_RATE_LIMITS: 'partnr=5000' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  t.equal(res.status, 78, 'exits with EX_CONFIG');
  t.match(res.stderr, /AKHBAR_API_KEY_RATE_LIMITS: no key of AKHBAR_API_KEYS is named "partnr"/);
});
