// `gatehouse manage …` end to end: the real binary against SQLite and
// PostgreSQL, every command, every bad input, and that a failed command
// changes nothing (the database is compared before and after).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { execFile } from 'node:child_process';
import { appendFileSync } from 'node:fs';

import { databaseQuery, freshPostgresUri, gatehouseBin, generateConfigs, tempDir } from './lib/harness.mjs';

// Like the harness's run(), but stdin is /dev/null (not a terminal, so no
// prompts) and never written to: a fast exit cannot race an EPIPE.
const run = (bin, args, { cwd } = {}) => new Promise((resolve) => {
  const child = execFile(bin, args, { cwd, timeout: 60_000 }, (error, stdout, stderr) => {
    resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
  });
  child.stdin?.destroy();
});
const gatehouse = (args, opts) => run(gatehouseBin, args, opts);

const STRONG = 'a strong passphrase here';
const TABLES = ['users', 'user_emails', 'user_passwords', 'user_sessions', 'queue_jobs',
  'user_registration_tokens', 'reserved_localparts', 'upstream_oauth_links'];
const PROVIDER = '01JQK7DK6VFH62NMW4HS9RKD3R';

const backends = [
  { name: 'SQLite', uri: () => undefined },
  { name: 'PostgreSQL', uri: () => freshPostgresUri('manage') },
];

for (const backend of backends) {
  const skip = backend.name === 'PostgreSQL' && !process.env.GATEHOUSE_TEST_POSTGRES_URI
    ? 'GATEHOUSE_TEST_POSTGRES_URI is not set' : false;

  describe(`gatehouse manage on ${backend.name}`, { skip }, () => {
    let cfg;
    let databaseUri;
    const manage = (args, opts) => gatehouse(['manage', ...args, '-c', cfg.configPath], { cwd: cfg.dir, ...opts });
    // One SQL query through the database's own client; rows as '|'-joined lines.
    const sql = (query) => databaseQuery(cfg, databaseUri, query);
    const snapshot = async () => {
      const out = {};
      for (const table of TABLES) out[table] = await sql(`SELECT * FROM ${table} ORDER BY 1`);
      return out;
    };
    // Runs a command that must fail with one line matching `pattern`, and
    // checks that the database is exactly as before.
    const refuses = async (args, pattern) => {
      const before = await snapshot();
      const r = await manage(args);
      assert.notEqual(r.code, 0, `expected failure: ${args.join(' ')}\n${r.stdout}`);
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], pattern);
      assert.doesNotMatch(r.stderr + r.stdout, new RegExp(STRONG));
      assert.deepEqual(await snapshot(), before);
      return r;
    };
    const succeeds = async (args) => {
      const r = await manage(args);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      return r.stdout.trim();
    };
    const userRow = (name) => sql(`SELECT id, locked_at IS NOT NULL, deactivated_at IS NOT NULL FROM users WHERE username = '${name}'`);

    before(async () => {
      databaseUri = backend.uri();
      cfg = await generateConfigs(tempDir(), { databaseUri });
      appendFileSync(cfg.configPath, `upstream_oauth2:
  providers:
    - {id: ${PROVIDER}, issuer: 'https://idp.example', client_id: gh, token_endpoint_auth_method: none, scope: openid}
`);
      const migrated = await gatehouse(['database', 'migrate', '-c', cfg.configPath], { cwd: cfg.dir });
      assert.equal(migrated.code, 0, migrated.stderr);
    });
    after(async () => {
      if (databaseUri) {
        const base = new URL(databaseUri);
        const name = base.pathname.slice(1);
        base.pathname = '/postgres';
        await run('psql', [base.toString(), '-c', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`]);
      }
    });

    test('register-user: the documented admin command', async () => {
      const out = await succeeds(['register-user', 'admin', '--password', STRONG, '--admin',
        '--email', 'admin@example.org', '--yes']);
      assert.match(out, /registered @admin:localhost \(admin\)/);
      assert.doesNotMatch(out, new RegExp(STRONG));
      assert.equal(await sql("SELECT username FROM users WHERE can_request_admin = TRUE"), 'admin');
      assert.equal(await sql('SELECT email, confirmed_at IS NOT NULL FROM user_emails'), 'admin@example.org|' + (databaseUri ? 't' : '1'));
      assert.match(await sql('SELECT version, hashed_password FROM user_passwords'), /^1\|\$argon2id\$/);
      const [id] = (await userRow('admin')).split('|');
      assert.equal(await sql("SELECT payload FROM queue_jobs WHERE queue_name = 'provision-user'"), `{"user_id":"${id}"}`);
    });

    test('register-user: every bad input is refused and changes nothing', async () => {
      await refuses(['register-user', 'admin', '-p', STRONG, '--yes'], /username 'admin' is already taken/);
      await refuses(['register-user', 'Carol', '--yes'], /localpart 'Carol' contains 'C'/);
      await refuses(['register-user', 'carol', '-p', 'password', '--admin', '--yes'], /password refused, too easy to guess.*--ignore-password-complexity/);
      await refuses(['register-user', 'carol', '-e', 'carol@example.org', '-e', 'not-an-email', '--yes'], /invalid email address/);
      await refuses(['register-user', 'carol', '-e', 'ADMIN@example.org', '--yes'], /already used by another user/);
      await refuses(['register-user', '--yes'], /no username given/);
      await refuses(['register-user', 'carol', '-m', '01HZZZZZZZZZZZZZZZZZZZZZZZ:sub', '--yes'], /no provider 01HZZZZZZZZZZZZZZZZZZZZZZZ in upstream_oauth2.providers/);
      await refuses(['register-user', 'carol', '-m', PROVIDER, '--yes'], /expected PROVIDER_ULID:SUBJECT/);
      // Without a terminal on stdin, a missing username is an error too.
      await refuses(['register-user'], /no username given/);
    });

    test('register-user -m links the user to an upstream account, once', async () => {
      const out = await succeeds(['register-user', 'frank', '-m', `${PROVIDER}:sub-frank`, '--yes']);
      assert.match(out, /registered @frank:localhost with id .*, linked to 1 upstream account/);
      assert.equal(await sql(`SELECT u.username FROM upstream_oauth_links l JOIN users u ON u.id = l.user_id WHERE l.provider_id = '${PROVIDER}' AND l.subject = 'sub-frank'`), 'frank');
      await refuses(['register-user', 'gina', '-m', `${PROVIDER}:sub-frank`, '--yes'], /that upstream account is already linked/);
    });

    test('register-user: weak password with --ignore-password-complexity, display name, -A', async () => {
      const out = await succeeds(['register-user', 'carol', '-p', 'password', '--ignore-password-complexity',
        '-d', 'Carol C', '-A', '-e', 'Carol@Example.org', '--yes']);
      assert.match(out, /registered @carol:localhost with id/);
      assert.equal(await sql("SELECT email FROM user_emails WHERE email LIKE 'carol%'"), 'carol@example.org');
      assert.match(await sql('SELECT payload FROM queue_jobs'), /"display_name":"Carol C"/);
    });

    test('set-password', async () => {
      const [id] = (await userRow('carol')).split('|');
      await succeeds(['set-password', 'carol', STRONG]);
      assert.equal(await sql(`SELECT COUNT(*) FROM user_passwords WHERE user_id = '${id}'`), '2');
      await succeeds(['set-password', '@carol:localhost', 'password', '--ignore-complexity']);
      await refuses(['set-password', 'carol', 'password'], /password refused.*--ignore-complexity/);
      await refuses(['set-password', 'nobody', STRONG], /no user 'nobody'/);
    });

    test('add-email', async () => {
      assert.match(await succeeds(['add-email', 'carol', 'c2@example.org']), /added to carol/);
      assert.equal(await sql("SELECT COUNT(*) FROM user_emails WHERE email = 'c2@example.org'"), '1');
      await succeeds(['add-email', 'carol', 'C2@example.org']);  // already hers: left as is
      assert.equal(await sql("SELECT COUNT(*) FROM user_emails WHERE email = 'c2@example.org'"), '1');
      await refuses(['add-email', 'carol', 'admin@example.org'], /already used by another user/);
      await refuses(['add-email', 'carol', 'nope@'], /invalid email address/);
      await refuses(['add-email', 'nobody', 'n@example.org'], /no user 'nobody'/);
    });

    test('promote-admin, demote-admin, list-admin-users', async () => {
      assert.equal(await succeeds(['list-admin-users']), 'admin');
      await succeeds(['promote-admin', 'carol']);
      assert.equal(await succeeds(['list-admin-users']), 'admin\ncarol');
      await succeeds(['demote-admin', 'admin']);
      assert.equal(await succeeds(['list-admin-users']), 'carol');
      await succeeds(['demote-admin', 'carol']);
      assert.equal(await succeeds(['list-admin-users']), 'no admin users');
      await succeeds(['promote-admin', 'admin']);
      await refuses(['promote-admin', 'nobody'], /no user 'nobody'/);
      await refuses(['demote-admin', 'nobody'], /no user 'nobody'/);
    });

    test('lock-user and unlock-user', async () => {
      await succeeds(['lock-user', 'carol']);
      assert.match(await userRow('carol'), /\|(1|t)\|(0|f)$/);
      await succeeds(['unlock-user', 'carol']);
      assert.match(await userRow('carol'), /\|(0|f)\|(0|f)$/);
      assert.match(await succeeds(['lock-user', 'carol', '--deactivate']), /locked and deactivated/);
      assert.match(await userRow('carol'), /\|(1|t)\|(1|t)$/);
      assert.match(await succeeds(['unlock-user', 'carol']), /still deactivated/);
      assert.match(await userRow('carol'), /\|(0|f)\|(1|t)$/);
      await succeeds(['unlock-user', 'carol', '--reactivate']);
      assert.match(await userRow('carol'), /\|(0|f)\|(0|f)$/);
      await refuses(['lock-user', 'nobody'], /no user 'nobody'/);
      await refuses(['unlock-user', 'nobody', '--reactivate'], /no user 'nobody'/);
    });

    test('kill-sessions', async () => {
      const [id] = (await userRow('carol')).split('|');
      await sql(`INSERT INTO user_sessions (id, user_id, created_at) VALUES ('01HZZZZZZZZZZZZZZZZZSESSN1', '${id}', 1), ('01HZZZZZZZZZZZZZZZZZSESSN2', '${id}', 2)`);
      const open = "SELECT COUNT(*) FROM user_sessions WHERE finished_at IS NULL";
      // One count per kind of session: browser, compat, ...
      const dry = await succeeds(['kill-sessions', 'carol', '--dry-run']);
      assert.match(dry, /^would finish 2 browser, .*session\(s\) of carol$/);
      assert.match(dry, /\b0 compat\b/);
      assert.equal(await sql(open), '2');
      assert.match(await succeeds(['kill-sessions', 'carol']), /^finished 2 browser, .*\b0 compat\b.*session\(s\) of carol$/);
      assert.equal(await sql(open), '0');
      await refuses(['kill-sessions', 'nobody'], /no user 'nobody'/);
    });

    test('issue-user-registration-token', async () => {
      const generated = await succeeds(['issue-user-registration-token']);
      assert.match(generated, /^[A-Za-z0-9]{12}$/);
      assert.equal(await sql(`SELECT usage_limit, expires_at IS NULL FROM user_registration_tokens WHERE token = '${generated}'`), '1|' + (databaseUri ? 't' : '1'));
      assert.equal(await succeeds(['issue-user-registration-token', '--token', 'welcome', '--unlimited', '--expires-in', '3600']), 'welcome');
      assert.equal(await sql("SELECT usage_limit IS NULL, expires_at - created_at FROM user_registration_tokens WHERE token = 'welcome'"), (databaseUri ? 't' : '1') + '|3600000');
      assert.equal(await succeeds(['issue-user-registration-token', '--token', 'five', '--usage-limit', '5']), 'five');
      await refuses(['issue-user-registration-token', '--token', 'welcome'], /that token already exists/);
      const both = await manage(['issue-user-registration-token', '--usage-limit', '2', '--unlimited']);
      assert.notEqual(both.code, 0);
    });

    test('delete-user keeps the localpart reserved', async () => {
      await refuses(['delete-user', 'carol'], /add --yes/);
      await refuses(['delete-user', 'nobody', '--yes'], /no user 'nobody'/);
      assert.match(await succeeds(['delete-user', 'carol', '--yes']), /deleted carol/);
      assert.equal(await sql("SELECT COUNT(*) FROM users WHERE username = 'carol'"), '0');
      assert.equal(await sql("SELECT COUNT(*) FROM user_emails WHERE email LIKE '%carol%' OR email = 'c2@example.org'"), '0');
      assert.equal(await sql('SELECT COUNT(*) FROM user_sessions'), '0');
      assert.equal(await sql('SELECT localpart FROM reserved_localparts'), 'carol');
      await refuses(['register-user', 'carol', '-p', STRONG, '--yes'], /'carol' is reserved/);
    });

    test('a database that cannot be opened', async () => {
      const bad = await generateConfigs(tempDir(), { databaseUri: 'sqlite:/nonexistent-dir/x/gatehouse.db' });
      const r = await gatehouse(['manage', 'list-admin-users', '-c', bad.configPath], { cwd: bad.dir });
      assert.notEqual(r.code, 0);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /cannot open the database/);
      const fresh = await generateConfigs(tempDir(), { databaseUri: undefined });
      const unmigrated = await gatehouse(['manage', 'list-admin-users', '-c', fresh.configPath], { cwd: fresh.dir });
      assert.notEqual(unmigrated.code, 0);
      assert.match(unmigrated.stderr, /run `gatehouse database migrate` first/);
    });
  });
}
