// `gatehouse syn2mas` against a real Synapse database schema
// (../shared/fixtures/synapse: Synapse 1.157's own schema files, made into
// an empty database by its scripts), on SQLite and on PostgreSQL (Synapse's
// and ours on the same engine). The rows a small server has: a user with a
// peppered bcrypt password, an email, an SSO link, a phone with a token
// and a refresh pair; a deactivated user; a guest; a bridge's user.
// After the migration, with the real servers: the old token still works at
// the homeserver, the old password logs in (and moves to argon2id), and
// signing in at the SSO provider lands in the same account.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { CookieJar, actionOf, csrfOf } from './lib/browser.mjs';
import {
  databaseQuery, eventually, freshPostgresUri, gatehouse, generateConfigs, run, sourceDir, startAuth,
  startHomeserver, tempDir,
} from './lib/harness.mjs';
import { signInAtUpstream, startUpstreamIdp } from './lib/upstream_idp.mjs';

const FIXTURES = process.env.GATEHOUSE_FIXTURES_DIR ?? path.resolve(sourceDir, '../shared/fixtures');
const SYNAPSE_FIXTURE = path.join(FIXTURES, 'synapse');
const PEPPER = 'pepper-from-synapse';
const PASSWORD = 'old synapse password';
const KEYCLOAK = '01JQK7DK6VFH62NMW4HS9RKD3R';
const ALICE_TOKEN = `syt_${Buffer.from('alice').toString('base64url')}_AAAAAAAAAAAAAAAAAAAA_0abcde`;
const ALICE_REFRESH = `syr_${Buffer.from('alice').toString('base64url')}_BBBBBBBBBBBBBBBBBBBB_0abcde`;
const ALICE_PAIRED = `syt_${Buffer.from('alice').toString('base64url')}_CCCCCCCCCCCCCCCCCCCC_0abcde`;

// Synapse's hash: bcrypt(NFKC(password) + pepper), here through libcrypt.
function synapseHash(password) {
  return execFileSync('python3', ['-W', 'ignore', '-c',
    'import crypt,sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))',
    password + PEPPER]).toString().trim();
}

function synapseRows() {
  const now = Date.now();
  return `
INSERT INTO users (name, password_hash, creation_ts, admin, is_guest, deactivated, locked) VALUES
  ('@alice:localhost', '${synapseHash(PASSWORD)}', 1600000000, 1, 0, 0, FALSE),
  ('@bob:localhost', NULL, 1600000100, 0, 0, 1, FALSE),
  ('@1234:localhost', NULL, 1600000200, 0, 1, 0, FALSE);
INSERT INTO users (name, password_hash, creation_ts, admin, is_guest, deactivated, locked, appservice_id) VALUES
  ('@bridge_x:localhost', NULL, 1600000300, 0, 0, 0, FALSE, 'bridge');
INSERT INTO profiles (user_id, full_user_id, displayname) VALUES ('alice', '@alice:localhost', 'Alice from Synapse');
INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at) VALUES
  ('@alice:localhost', 'email', 'alice@example.org', ${now}, ${now}),
  ('@alice:localhost', 'msisdn', '447700900000', ${now}, ${now});
INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES ('oidc-keycloak', 'kc-alice', '@alice:localhost');
INSERT INTO devices (user_id, device_id, display_name, last_seen, ip, user_agent, hidden) VALUES
  ('@alice:localhost', 'ALICEPHONE', 'Alice phone', ${now}, '192.0.2.7', 'Element Android', FALSE),
  ('@alice:localhost', 'MASTERKEY', 'master signing key', NULL, NULL, NULL, TRUE);
INSERT INTO refresh_tokens (id, user_id, device_id, token) VALUES (10, '@alice:localhost', 'ALICEPHONE', '${ALICE_REFRESH}');
INSERT INTO access_tokens (id, user_id, device_id, token, valid_until_ms, last_validated, refresh_token_id, used) VALUES
  (1, '@alice:localhost', 'ALICEPHONE', '${ALICE_TOKEN}', NULL, ${now}, NULL, TRUE),
  (2, '@alice:localhost', 'ALICEPHONE', '${ALICE_PAIRED}', ${now + 3600_000}, ${now}, 10, FALSE);
`;
}

const backends = [
  { name: 'SQLite', ours: () => undefined, synapse: 'sqlite' },
  { name: 'PostgreSQL', ours: () => freshPostgresUri('syn2mas'), synapse: 'postgres' },
];

for (const backend of backends) {
  const skip = !existsSync(SYNAPSE_FIXTURE) ? `no Synapse fixture at ${SYNAPSE_FIXTURE} (set GATEHOUSE_FIXTURES_DIR)`
    : backend.name === 'PostgreSQL' && !process.env.GATEHOUSE_TEST_POSTGRES_URI ? 'GATEHOUSE_TEST_POSTGRES_URI is not set'
      : false;

  describe(`syn2mas from Synapse on ${backend.name}`, { skip }, () => {
    let cfg;
    let ours;
    let synapseConfig;
    let idp;
    let auth;
    let hs;
    const gh = (args) => gatehouse([...args, '-c', cfg.configPath], { cwd: cfg.dir });
    const syn2mas = (command, extra = []) => gh(['syn2mas', command, '--synapse-config', synapseConfig, ...extra]);
    const sql = (query) => databaseQuery(cfg, ours, query);

    before(async () => {
      ours = backend.ours();
      cfg = await generateConfigs(tempDir(), { databaseUri: ours });
      // Synapse's database, made by its own schema files, with a small server's rows.
      let database;
      if (backend.synapse === 'sqlite') {
        const file = path.join(cfg.dir, 'synapse.db');
        execFileSync(path.join(SYNAPSE_FIXTURE, 'make-sqlite'), [file]);
        execFileSync('sqlite3', [file], { input: synapseRows() });
        database = `{name: sqlite3, args: {database: "${file}"}}`;
      } else {
        const uri = new URL(freshPostgresUri('synapse'));
        const name = uri.pathname.slice(1);
        const admin = new URL(uri);
        admin.pathname = '/postgres';
        const created = await run('psql', [admin.toString(), '-c',
          `CREATE DATABASE "${name}" ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0`]);
        assert.equal(created.code, 0, created.stderr);
        execFileSync(path.join(SYNAPSE_FIXTURE, 'make-postgres'), [uri.toString()]);
        execFileSync('psql', [uri.toString(), '-v', 'ON_ERROR_STOP=1', '-q'], { input: synapseRows() });
        database = `{name: psycopg2, args: {user: "${decodeURIComponent(uri.username)}", password: "${decodeURIComponent(uri.password)}", host: "${uri.hostname}", port: ${uri.port || 5432}, database: "${name}"}}`;
      }
      synapseConfig = path.join(cfg.dir, 'synapse.yaml');
      writeFileSync(synapseConfig, `server_name: localhost
database: ${database}
password_config: {enabled: true, pepper: "${PEPPER}"}
allow_guest_access: true
oidc_providers:
  - {idp_id: keycloak, idp_name: Keycloak, issuer: "https://kc.example", client_id: synapse, client_secret: kc-secret}
`);
      idp = await startUpstreamIdp({
        clients: [{ client_id: 'gh', client_secret: 'gh-secret', redirect_uris: [`${cfg.authUrl}/upstream/callback/${KEYCLOAK}`],
          token_endpoint_auth_method: 'client_secret_basic', response_types: ['code'], grant_types: ['authorization_code'] }],
        accounts: { alice: { sub: 'kc-alice', preferred_username: 'alice' } },
      });
      const config = readFileSync(cfg.configPath, 'utf8').replace(
        '  schemes:\n    - version: 1\n      algorithm: argon2id\n',
        `  schemes:\n    - {version: 1, algorithm: bcrypt, secret: "${PEPPER}", unicode_normalization: true}\n    - {version: 2, algorithm: argon2id}\n`);
      writeFileSync(cfg.configPath, `${config}
upstream_oauth2:
  providers:
    - {id: ${KEYCLOAK}, human_name: Keycloak, synapse_idp_id: oidc-keycloak, issuer: "${idp.issuer}",
       discovery_mode: insecure, client_id: gh, client_secret: gh-secret,
       token_endpoint_auth_method: client_secret_basic, scope: "openid profile"}
`);
    });
    after(async () => {
      await auth?.stop();
      await hs?.stop();
      await idp?.stop();
    });

    test('check says what would move and warns of what stays; a dry run keeps nothing', async () => {
      const check = await syn2mas('check');
      assert.equal(check.code, 11, check.stdout + check.stderr);
      assert.match(check.stdout, /^warning: Synapse allows guest access/m);
      assert.match(check.stdout, /^warning: 1 phone number\(s\) \(msisdn\) left behind/m);
      assert.match(check.stdout, /^users: 2 \(with a password: 1\)$/m);
      assert.match(check.stdout, /^sessions: 1 \(access tokens: 2, refresh tokens: 1\)$/m);
      assert.match(check.stdout, /^left behind: 1 guest\(s\), 1 appservice user\(s\), 1 phone number\(s\), 0 token\(s\)/m);
      const dry = await syn2mas('migrate', ['--dry-run']);
      assert.equal(dry.code, 0, dry.stdout + dry.stderr);
      assert.match(dry.stdout, /dry run: everything was written and rolled back/);
      assert.equal(await sql('SELECT COUNT(*) FROM users'), '0');
    });

    test('config generate --synapse-config makes a config syn2mas finds nothing wrong with', async () => {
      const fitted = path.join(cfg.dir, 'fitted.yaml');
      const gen = await gatehouse(['config', 'generate', '--synapse-config', synapseConfig, '-o', fitted], { cwd: cfg.dir });
      assert.equal(gen.code, 0, gen.stderr);
      const text = readFileSync(fitted, 'utf8');
      assert.match(text, /synapse_idp_id: "oidc-keycloak"/);
      assert.match(text, /secret: "pepper-from-synapse"/);
      const checked = await gatehouse(['config', 'check', '-c', fitted], { cwd: cfg.dir });
      assert.equal(checked.code, 0, checked.stderr);
      const check = await gatehouse(['syn2mas', 'check', '--synapse-config', synapseConfig, '-c', fitted], { cwd: cfg.dir });
      assert.equal(check.code, 11, check.stdout + check.stderr);  // warnings only (guests, phone numbers)
      assert.doesNotMatch(check.stdout, /^error:/m);
    });

    test('a wrong server name or a missing pepper scheme stops it before anything is written', async () => {
      const other = path.join(cfg.dir, 'synapse-other.yaml');
      writeFileSync(other, readFileSync(synapseConfig, 'utf8')
        .replace('server_name: localhost', 'server_name: elsewhere.example')
        .replace(PEPPER, 'another-pepper'));
      const r = await gh(['syn2mas', 'migrate', '--synapse-config', other]);
      assert.equal(r.code, 10, r.stdout + r.stderr);
      assert.match(r.stdout, /^error: Synapse's server_name is "elsewhere.example" but matrix.homeserver is "localhost"/m);
      assert.match(r.stdout, /^error: no passwords.schemes entry checks Synapse's hashes/m);
      assert.match(r.stdout, /^nothing was written/m);
      assert.equal(await sql('SELECT COUNT(*) FROM users'), '0');
    });

    test('migrate; then the old token, the old password and the SSO account all reach alice', async () => {
      const r = await syn2mas('migrate');
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /^migrated/m);
      const again = await syn2mas('migrate');
      assert.equal(again.code, 10);
      assert.match(again.stdout, /already has 2 user\(s\): migrate into an empty one/);

      hs = await startHomeserver(cfg);
      auth = await startAuth(cfg);
      const me = async (token) => fetch(`${cfg.homeserverUrl}/_matrix/client/v3/account/whoami`, {
        headers: { authorization: `Bearer ${token}` },
      });
      // The provisioning and sync-devices jobs tell our homeserver of alice and her phone.
      await eventually(async () => (await me(ALICE_TOKEN)).status === 200, 'the migrated token at the homeserver');
      assert.deepEqual(await (await me(ALICE_TOKEN)).json(), { user_id: '@alice:localhost', is_guest: false, device_id: 'ALICEPHONE' });
      assert.equal((await me(ALICE_PAIRED)).status, 200);
      const profile = await (await fetch(`${cfg.homeserverUrl}/_matrix/client/v3/profile/%40alice%3Alocalhost/displayname`)).json();
      assert.equal(profile.displayname, 'Alice from Synapse');

      // The refresh pair rotates like one made here.
      const refreshed = await fetch(`${cfg.homeserverUrl}/_matrix/client/v3/refresh`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refresh_token: ALICE_REFRESH }),
      });
      assert.equal(refreshed.status, 200, await refreshed.clone().text());
      assert.match((await refreshed.json()).refresh_token, /^mcr_/);

      // The old password (bcrypt with Synapse's pepper), upgraded at login.
      const login = await fetch(`${cfg.homeserverUrl}/_matrix/client/v3/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'm.login.password', identifier: { type: 'm.id.user', user: 'alice' }, password: PASSWORD }),
      });
      assert.equal(login.status, 200, await login.clone().text());
      assert.equal(await sql("SELECT MAX(p.version) FROM user_passwords p JOIN users u ON u.id = p.user_id WHERE u.username = 'alice'"), '2');
      assert.equal((await fetch(`${cfg.homeserverUrl}/_matrix/client/v3/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'm.login.password', identifier: { type: 'm.id.user', user: 'bob' }, password: 'x' }),
      })).status, 403);

      // Her Keycloak account, linked in Synapse, signs in as her here.
      const jar = new CookieJar();
      let res = await jar.fetch(`${cfg.homeserverUrl}/_matrix/client/v3/login/sso/redirect/${KEYCLOAK}?redirectUrl=${encodeURIComponent('https://client.example/cb')}`);
      res = await jar.fetch(res.headers.get('location'));
      const callback = await signInAtUpstream(jar, res.headers.get('location'), { login: 'alice' });
      res = await jar.fetch(callback);
      assert.equal(res.status, 303, await res.text());
      res = await jar.fetch(res.headers.get('location'));
      assert.equal(res.status, 303, await res.text());
      const confirm = new URL(res.headers.get('location'));
      assert.match(confirm.pathname, /^\/complete-compat-sso\//);
      const html = await (await jar.fetch(confirm)).text();
      assert.match(html, /your account <strong>alice<\/strong>/);
      res = await jar.fetch(new URL(actionOf(html), confirm), { method: 'POST', form: { csrf: csrfOf(html), action: 'continue' } });
      assert.equal(res.status, 302);
      // Synapse's database was only read.
      if (backend.synapse === 'sqlite') {
        assert.equal(execFileSync('sqlite3', [path.join(cfg.dir, 'synapse.db'), 'SELECT COUNT(*) FROM access_tokens']).toString().trim(), '2');
      }
    });
  });
}
