// The foundation, end to end: generated configs run as they are, /health and
// `gatehouse health`, config errors, migrations on SQLite and PostgreSQL,
// metrics, the access log and clean shutdown.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';

import {
  freshPostgresUri, gatehouse, generateConfigs, startAuth, startHomeserver, tempDir, waitForOutput,
} from './lib/harness.mjs';

describe('a generated config on SQLite', async () => {
  const cfg = await generateConfigs(tempDir());
  const auth = await startAuth(cfg);
  const homeserver = await startHomeserver(cfg);
  after(async () => { await auth.stop(); await homeserver.stop(); });

  test('config check accepts the generated config', async () => {
    const r = await gatehouse(['config', 'check', '-c', cfg.configPath]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /config OK/);
  });

  test('the auth service answers /health with 200 {"status":"ok"}', async () => {
    const res = await fetch(`${cfg.authUrl}/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  test('gatehouse health exits 0 against the running server, with --url and with the config', async () => {
    const byUrl = await gatehouse(['health', '--url', `${cfg.authUrl}/health`]);
    assert.equal(byUrl.code, 0, byUrl.stderr);
    const byConfig = await gatehouse(['health', '-c', cfg.configPath]);
    assert.equal(byConfig.code, 0, byConfig.stderr);
  });

  test('the homeserver serves /health and the client versions, v1.15 included', async () => {
    assert.equal((await fetch(`${cfg.homeserverUrl}/health`)).status, 200);
    const res = await fetch(`${cfg.homeserverUrl}/_matrix/client/versions`);
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.ok(body.versions.includes('v1.15'), JSON.stringify(body));
    assert.ok(body.versions.includes('r0.6.1'), JSON.stringify(body));
  });

  test('the prometheus listener serves request metrics for the routes that were hit', async () => {
    await fetch(`${cfg.authUrl}/health`);
    const res = await fetch(`${cfg.internalUrl}/metrics`);
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.match(text, /# TYPE http_requests_total counter/);
    assert.match(text, /http_requests_total\{[^}]*route="\/health"[^}]*status="200"[^}]*\} [1-9]/);
    assert.match(text, /process_resident_memory_bytes [1-9]/);
  });

  test('the access log names method, path and status but never the query string', async () => {
    await fetch(`${cfg.authUrl}/health?access_token=mat_supersecret`);
    // Log lines are buffered (flushed at least every second) when not on a terminal.
    const log = await waitForOutput(auth, /GET \/health 200/);
    assert.doesNotMatch(log, /supersecret/);
  });

  test('an unknown path answers a JSON 404', async () => {
    const res = await fetch(`${cfg.authUrl}/no/such/path`);
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-type') ?? '', /json/);
  });
});

describe('gatehouse health without a server', () => {
  test('exits non-zero and says what it tried', async () => {
    const cfg = await generateConfigs(tempDir());
    const r = await gatehouse(['health', '--url', `${cfg.authUrl}/health`]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, new RegExp(`127\\.0\\.0\\.1:${cfg.ports.auth}`));
  });
});

describe('configuration errors', () => {
  test('a database.uri that is a number fails config check naming database.uri and the file', async () => {
    const dir = tempDir();
    const cfg = await generateConfigs(dir);
    const broken = path.join(dir, 'broken.yaml');
    writeFileSync(broken, 'database:\n  uri: 5\n');
    const r = await gatehouse(['config', 'check', '-c', cfg.configPath, '-c', broken]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /database\.uri/);
    assert.match(r.stderr, /broken\.yaml/);
  });

  test('-c is accepted before the subcommand too, and GATEHOUSE_CONFIG when no flag is given', async () => {
    const cfg = await generateConfigs(tempDir());
    const before = await gatehouse(['-c', cfg.configPath, 'config', 'check']);
    assert.equal(before.code, 0, before.stderr);
    const byEnv = await gatehouse(['config', 'check'], { env: { GATEHOUSE_CONFIG: cfg.configPath } });
    assert.equal(byEnv.code, 0, byEnv.stderr);
  });

  test('config dump redacts every secret', async () => {
    const cfg = await generateConfigs(tempDir());
    const r = await gatehouse(['config', 'dump', '-c', cfg.configPath]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /REDACTED/);
    assert.doesNotMatch(r.stdout, /BEGIN (RSA |EC )?PRIVATE KEY/);
  });
});

describe('migrations', () => {
  test('server --no-migrate refuses a fresh database and names the pending migrations', async () => {
    const cfg = await generateConfigs(tempDir());
    await assert.rejects(startAuth(cfg, ['--no-migrate']), /pending.*0001/s);
  });

  test('database migrate applies once, then reports the database up to date', async () => {
    const cfg = await generateConfigs(tempDir());
    const first = await gatehouse(['database', 'migrate', '-c', cfg.configPath], { cwd: cfg.dir });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout + first.stderr, /0001/);
    const second = await gatehouse(['database', 'migrate', '-c', cfg.configPath], { cwd: cfg.dir });
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout + second.stderr, /up to date/);
  });
});

describe('PostgreSQL', { skip: !process.env.GATEHOUSE_TEST_POSTGRES_URI && 'no PostgreSQL server in this run' }, () => {
  test('the server creates its missing database, migrates and serves /health', async () => {
    const cfg = await generateConfigs(tempDir(), { databaseUri: freshPostgresUri('foundation') });
    const auth = await startAuth(cfg);
    try {
      const res = await fetch(`${cfg.authUrl}/health`);
      assert.equal(res.status, 200);
      const again = await gatehouse(['database', 'migrate', '-c', cfg.configPath]);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout + again.stderr, /up to date/);
    } finally {
      await auth.stop();
    }
  });
});

describe('shutdown', () => {
  test('SIGTERM stops the server with exit code 0', async () => {
    const cfg = await generateConfigs(tempDir());
    const auth = await startAuth(cfg);
    assert.equal(await auth.stop('SIGTERM'), 0, auth.output());
    const hs = await startHomeserver(cfg);
    assert.equal(await hs.stop('SIGTERM'), 0, hs.output());
  });
});
