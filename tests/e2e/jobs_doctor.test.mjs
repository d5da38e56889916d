// The job queue and `gatehouse doctor` end to end, with the real binaries:
// a user registered while the homeserver is down is provisioned once it
// returns (the job retried with backoff, then marked completed), and doctor
// passes on a generated pair and fails naming the secret when they differ.
// GATEHOUSE_JOB_BACKOFF_MS shortens the retry backoff (a test-only override).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';

import {
  databaseQuery, eventually, freshPostgresUri, gatehouseBin, generateConfigs, start, startAuth, startHomeserver,
  tempDir,
} from './lib/harness.mjs';

// stdin is /dev/null: no prompts, no EPIPE race.
const run = (bin, args, { cwd, env } = {}) => new Promise((resolve) => {
  const child = execFile(bin, args, { cwd, env: { ...process.env, ...env }, timeout: 60_000 },
    (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  child.stdin?.destroy();
});

const homeserverSecret = (cfg) => {
  const m = readFileSync(cfg.homeserverConfigPath, 'utf8').match(/^\s*secret:\s*"?([^"\n]+)"?\s*$/m);
  assert.ok(m, 'the generated homeserver config has a secret');
  return m[1];
};

const backends = [
  { name: 'SQLite', uri: () => undefined },
  { name: 'PostgreSQL', uri: () => freshPostgresUri('jobs') },
];

for (const backend of backends) {
  const skip = backend.name === 'PostgreSQL' && !process.env.GATEHOUSE_TEST_POSTGRES_URI
    ? 'GATEHOUSE_TEST_POSTGRES_URI is not set' : false;

  describe(`jobs and doctor on ${backend.name}`, { skip }, () => {
    const handles = [];
    after(async () => { for (const h of handles) await h.stop(); });

    test('a user registered while the homeserver is down is provisioned when it returns', async () => {
      const databaseUri = backend.uri();
      const cfg = await generateConfigs(tempDir(), { databaseUri });
      const gh = (args) => run(gatehouseBin, [...args, '-c', cfg.configPath], { cwd: cfg.dir });
      const sql = (query) => databaseQuery(cfg, databaseUri, query);
      assert.equal((await gh(['database', 'migrate'])).code, 0);
      const reg = await gh(['manage', 'register-user', 'alice', '-e', 'alice@example.org', '-d', 'Alice', '-y']);
      assert.equal(reg.code, 0, reg.stderr);

      const worker = await start(gatehouseBin, ['worker', '-c', cfg.configPath], {
        cwd: cfg.dir, env: { GATEHOUSE_JOB_BACKOFF_MS: '100' },
      });
      handles.push(worker);
      // The homeserver is down: the job is retried, the error stored.
      await eventually(async () => /^scheduled\|[1-9]/.test(await sql(
        "SELECT status, attempts FROM queue_jobs WHERE queue_name = 'provision-user'")), 'a failed attempt');
      assert.match(await sql('SELECT last_error FROM queue_jobs'), /cannot reach/);

      const hs = await startHomeserver(cfg);
      handles.push(hs);
      await eventually(async () => (await sql(
        "SELECT status FROM queue_jobs WHERE queue_name = 'provision-user'")) === 'completed',
      'the job to complete');
      const res = await fetch(`${cfg.homeserverUrl}/_synapse/mas/query_user?localpart=alice`, {
        headers: { Authorization: `Bearer ${homeserverSecret(cfg)}` },
      });
      assert.equal(res.status, 200);
      const user = await res.json();
      assert.equal(user.user_id, '@alice:localhost');
      assert.equal(user.display_name, 'Alice');
      assert.equal(await worker.stop(), 0);

      // provision-all-users schedules one more job per user.
      const all = await gh(['manage', 'provision-all-users']);
      assert.equal(all.code, 0, all.stderr);
      assert.match(all.stdout, /1 user/);
      assert.equal(await sql("SELECT count(*) FROM queue_jobs WHERE status = 'scheduled'"), '1');

      // doctor passes on the generated pair, with the auth service up (the
      // homeserver introspects through it; /login only warns until compat).
      handles.push(await startAuth(cfg));
      const doctor = await gh(['doctor']);
      assert.equal(doctor.code, 0, doctor.stdout + doctor.stderr);
      assert.match(doctor.stdout, /^ok {4}secret:/m);
      assert.ok(!doctor.stdout.includes(homeserverSecret(cfg)), 'doctor never prints the secret');
      await hs.stop();

      // A homeserver with another secret: doctor fails and names the secret.
      const text = readFileSync(cfg.homeserverConfigPath, 'utf8');
      writeFileSync(cfg.homeserverConfigPath,
        text.replace(/^(\s*secret:\s*).*$/m, '$1"a-different-secret-0123456789abcdef"'));
      const wrong = await startHomeserver(cfg);
      handles.push(wrong);
      const bad = await gh(['doctor']);
      assert.notEqual(bad.code, 0);
      assert.match(bad.stdout, /^FAIL {2}secret: .*secrets differ/m);
      assert.match(bad.stdout, /matrix_authentication_service:/);
      assert.ok(!bad.stdout.includes(homeserverSecret(cfg)));
      const authSecret = readFileSync(cfg.configPath, 'utf8').match(/^\s*secret:\s*"?([^"\n]+)"?\s*$/m)[1];
      assert.ok(!bad.stdout.includes(authSecret), 'doctor never prints the secret');
    });
  });
}
