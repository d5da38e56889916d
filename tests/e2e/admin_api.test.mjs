// The admin API (/api/admin/v1, MAS's shapes) end to end with the real
// `gatehouse server` and `gatehouse-homeserver`: an `oauth.admin_clients`
// client gets an urn:mas:admin token through client_credentials; without it
// the API answers 401/403 in JSON:API form. Users are created, listed page
// by page and filtered, given a password that then logs in through the
// legacy API, locked (the next whoami is 401 at once) and unlocked,
// deactivated (the homeserver learns it) and reactivated; emails added and
// deleted; OAuth, compat and browser sessions listed, read and finished;
// site-config and version. On SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import { CookieJar, csrfOf } from './lib/browser.mjs';
import {
  databaseQuery, eventually, freshPostgresUri, gatehouse, generateConfigs, startAuth, startHomeserver, tempDir,
} from './lib/harness.mjs';

const ADMIN_CLIENT = '01JADM1NC11ENT000000000000';
const ADMIN_SECRET = 'an-admin-client-secret-for-tests';
const PLAIN_CLIENT = '01JP1A1NC11ENT000000000000';

const PROVIDER = '01JQK7DK6VFH62NMW4HS9RKD3R';
const OFF_PROVIDER = '01H8PKNWKKRPCBW4YGH1RWV279';

const backends = [
  { name: 'SQLite', uri: () => undefined },
  { name: 'PostgreSQL', uri: () => freshPostgresUri('admin_api') },
];

for (const backend of backends) {
  const skip = backend.name === 'PostgreSQL' && !process.env.GATEHOUSE_TEST_POSTGRES_URI
    ? 'GATEHOUSE_TEST_POSTGRES_URI is not set' : false;

  describe(`admin API on ${backend.name}`, { skip }, () => {
    let cfg;
    let databaseUri;
    let auth;
    let hs;
    let secret;
    let adminToken;
    const api = (path, { method = 'GET', body, token = adminToken } = {}) => fetch(`${cfg.authUrl}/api/admin/v1${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = async (res, status) => {
      const text = await res.text();
      assert.equal(res.status, status, text);
      return text ? JSON.parse(text) : undefined;
    };
    async function clientToken(clientId, secretValue, scope) {
      const res = await fetch(`${cfg.authUrl}/oauth2/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secretValue}`).toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }),
      });
      return (await json(res, 200)).access_token;
    }
    const legacyLogin = (user, password) => fetch(`${cfg.homeserverUrl}/_matrix/client/v3/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'm.login.password', identifier: { type: 'm.id.user', user }, password, device_id: 'ADMINTESTDEVICE' }),
    });
    const whoami = (token) => fetch(`${cfg.homeserverUrl}/_matrix/client/v3/account/whoami`, {
      headers: { authorization: `Bearer ${token}` },
    });

    before(async () => {
      databaseUri = backend.uri();
      cfg = await generateConfigs(tempDir(), { databaseUri });
      const text = readFileSync(cfg.configPath, 'utf8').replace(/^(\s*)- name: oauth\n/m, '$&$1- name: adminapi\n');
      writeFileSync(cfg.configPath, text);
      appendFileSync(cfg.configPath, `
clients:
  - client_id: ${ADMIN_CLIENT}
    client_auth_method: client_secret_basic
    client_secret: ${ADMIN_SECRET}
  - client_id: ${PLAIN_CLIENT}
    client_auth_method: client_secret_basic
    client_secret: ${ADMIN_SECRET}
oauth:
  admin_clients: ["${ADMIN_CLIENT}"]
upstream_oauth2:
  providers:
    - {id: ${PROVIDER}, human_name: Keycloak, issuer: 'https://sso.example', client_id: gh,
       token_endpoint_auth_method: none, scope: openid}
    - {id: ${OFF_PROVIDER}, enabled: false, issuer: 'https://old.example', client_id: gh,
       token_endpoint_auth_method: none, scope: openid}
`);
      secret = readFileSync(cfg.homeserverConfigPath, 'utf8').match(/^\s*secret:\s*"?([^"\n]+)"?\s*$/m)[1];
      const gh = (args) => gatehouse([...args, '-c', cfg.configPath], { cwd: cfg.dir });
      assert.equal((await gh(['database', 'migrate'])).code, 0);
      const reg = await gh(['manage', 'register-user', 'alice', '-p', 'correct horse battery staple 42', '-y']);
      assert.equal(reg.code, 0, reg.stderr + reg.stdout);
      hs = await startHomeserver(cfg);
      auth = await startAuth(cfg);
      adminToken = await clientToken(ADMIN_CLIENT, ADMIN_SECRET, 'urn:mas:admin');
    });
    after(async () => {
      await auth?.stop();
      await hs?.stop();
    });

    test('without an urn:mas:admin token: 401, or 403 for a token without the scope', async () => {
      let res = await api('/users', { token: null });
      assert.equal(res.status, 401);
      assert.equal(res.headers.get('www-authenticate'), 'Bearer');
      assert.ok((await res.json()).errors[0].title);
      res = await api('/users', { token: 'mat_not_a_real_token' });
      assert.equal(res.status, 401);
      const plain = await clientToken(PLAIN_CLIENT, ADMIN_SECRET);
      res = await api('/users', { token: plain });
      assert.equal(res.status, 403);
      assert.match((await res.json()).errors[0].title, /urn:mas:admin/);
      // The router's own errors under /api/ take the same form.
      res = await api('/no-such-thing');
      assert.equal(res.status, 404);
      assert.ok((await res.json()).errors[0].title);
    });

    test('users: create, find, list page by page, filter, set-admin', async () => {
      const created = (await json(await api('/users', { method: 'POST', body: { username: 'dave' } }), 201)).data;
      assert.equal(created.type, 'user');
      assert.equal(created.attributes.username, 'dave');
      assert.equal(created.attributes.admin, false);
      assert.equal(created.attributes.locked_at, null);
      assert.match(created.attributes.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/);
      assert.equal(created.links.self, `/api/admin/v1/users/${created.id}`);
      assert.equal((await api('/users', { method: 'POST', body: { username: 'dave' } })).status, 409);
      assert.equal((await api('/users', { method: 'POST', body: { username: 'Not Valid' } })).status, 400);
      assert.equal((await api('/users', { method: 'POST', body: {} })).status, 400);
      // The homeserver gets the account through the provisioning job.
      await eventually(async () => (await fetch(`${cfg.homeserverUrl}/_synapse/mas/query_user?localpart=dave`,
        { headers: { authorization: `Bearer ${secret}` } })).status === 200, 'dave on the homeserver');

      const byName = (await json(await api('/users/by-username/dave'), 200)).data;
      assert.equal(byName.id, created.id);
      assert.deepEqual((await json(await api(`/users/${created.id}`), 200)).data, byName);
      assert.equal((await api('/users/01JN0SUCHUSER0000000000000')).status, 404);
      assert.equal((await api('/users/by-username/nobody')).status, 404);

      const first = await json(await api('/users?page[first]=1'), 200);
      assert.equal(first.meta.count, 2);
      assert.equal(first.data.length, 1);
      assert.ok(first.links.next, 'a next page');
      const second = await json(await fetch(`${cfg.authUrl}${first.links.next}`, {
        headers: { authorization: `Bearer ${adminToken}` },
      }), 200);
      assert.equal(second.data.length, 1);
      assert.notEqual(second.data[0].id, first.data[0].id);
      assert.equal(second.links.next, undefined);
      assert.equal((await api('/users?page[first]=0')).status, 400);
      assert.equal((await api('/users?filter[status]=nonsense')).status, 400);

      assert.equal((await json(await api('/users?filter[admin]=true'), 200)).meta.count, 0);
      const promoted = await json(await api(`/users/${created.id}/set-admin`, { method: 'POST', body: { admin: true } }), 200);
      assert.equal(promoted.data.attributes.admin, true);
      const admins = await json(await api('/users?filter[admin]=true'), 200);
      assert.deepEqual(admins.data.map((u) => u.attributes.username), ['dave']);
    });

    test('set-password, lock and unlock, deactivate and reactivate reach the logins and the homeserver', async () => {
      const dave = (await json(await api('/users/by-username/dave'), 200)).data;
      const weak = await api(`/users/${dave.id}/set-password`, { method: 'POST', body: { password: 'password' } });
      assert.equal(weak.status, 400);
      assert.match((await weak.json()).errors[0].title, /too weak/);
      const password = 'dave picks a long passphrase 9';
      assert.equal((await api(`/users/${dave.id}/set-password`, { method: 'POST', body: { password } })).status, 204);
      const login = await json(await legacyLogin('dave', password), 200);
      assert.equal((await whoami(login.access_token)).status, 200);
      assert.equal((await whoami(login.access_token)).status, 200);  // cached at the homeserver now

      const locked = await json(await api(`/users/${dave.id}/lock`, { method: 'POST' }), 200);
      assert.notEqual(locked.data.attributes.locked_at, null);
      assert.equal((await whoami(login.access_token)).status, 401, 'the lock is seen at once');
      const unlocked = await json(await api(`/users/${dave.id}/unlock`, { method: 'POST' }), 200);
      assert.equal(unlocked.data.attributes.locked_at, null);
      assert.equal((await whoami(login.access_token)).status, 200);

      // The compat session of that login, read and finished.
      const sessionId = await databaseQuery(cfg, databaseUri,
        "SELECT id FROM compat_sessions WHERE device_id = 'ADMINTESTDEVICE' AND finished_at IS NULL");
      const session = (await json(await api(`/compat-sessions/${sessionId}`), 200)).data;
      assert.equal(session.type, 'compat-session');
      assert.equal(session.attributes.user_id, dave.id);
      assert.equal(session.attributes.device_id, 'ADMINTESTDEVICE');
      assert.equal(session.attributes.finished_at, null);
      const finished = await json(await api(`/compat-sessions/${sessionId}/finish`, { method: 'POST' }), 200);
      assert.notEqual(finished.data.attributes.finished_at, null);
      assert.equal((await whoami(login.access_token)).status, 401);
      assert.equal((await api(`/compat-sessions/${sessionId}/finish`, { method: 'POST' })).status, 400);
      assert.equal((await api('/compat-sessions/01JN0SUCHSESS0000000000000')).status, 404);

      const again = await json(await legacyLogin('dave', password), 200);
      const deactivated = await json(await api(`/users/${dave.id}/deactivate`, { method: 'POST', body: { skip_erase: true } }), 200);
      assert.notEqual(deactivated.data.attributes.deactivated_at, null);
      assert.notEqual(deactivated.data.attributes.locked_at, null, 'MAS locks on deactivation too');
      assert.equal((await whoami(again.access_token)).status, 401);
      await eventually(async () => (await (await fetch(`${cfg.homeserverUrl}/_synapse/mas/query_user?localpart=dave`,
        { headers: { authorization: `Bearer ${secret}` } })).json()).is_deactivated === true, 'dave deactivated on the homeserver');
      const reactivated = await json(await api(`/users/${dave.id}/reactivate`, { method: 'POST' }), 200);
      assert.equal(reactivated.data.attributes.deactivated_at, null);
      assert.notEqual(reactivated.data.attributes.locked_at, null, 'still locked until unlocked');
      await eventually(async () => (await (await fetch(`${cfg.homeserverUrl}/_synapse/mas/query_user?localpart=dave`,
        { headers: { authorization: `Bearer ${secret}` } })).json()).is_deactivated === false, 'dave reactivated on the homeserver');
    });

    test('site-config and version say what this server does', async () => {
      const site = await json(await api('/site-config'), 200);
      assert.equal(site.server_name, readFileSync(cfg.configPath, 'utf8').match(/^\s*homeserver:\s*"?([^"\n]+)"?/m)[1]);
      assert.equal(site.password_login_enabled, true);
      assert.equal(site.account_deactivation_allowed, true);
      assert.equal(site.account_recovery_allowed, false, 'account.password_recovery_enabled is off');
      assert.equal(site.email_change_allowed, true);
      assert.equal(typeof site.minimum_password_complexity, 'number');
      assert.match((await json(await api('/version'), 200)).version, /^\d+\.\d+/);
    });

    test('session lists: filtered by user, status and client, page by page', async () => {
      const dave = (await json(await api('/users/by-username/dave'), 200)).data;
      const compat = await json(await api(`/compat-sessions?filter[user]=${dave.id}`), 200);
      assert.ok(compat.meta.count >= 2, 'the two legacy logins of the test before');
      assert.ok(compat.data.every((s) => s.attributes.user_id === dave.id));
      const active = await json(await api(`/compat-sessions?filter[user]=${dave.id}&filter[status]=active`), 200);
      assert.equal(active.meta.count, 0, 'deactivation ended them all');
      const firstPage = await json(await api(`/compat-sessions?filter[user]=${dave.id}&page[first]=1`), 200);
      assert.equal(firstPage.data.length, 1);
      assert.match(firstPage.links.next, /filter\[user\]=.*page\[after\]=/);
      assert.equal((await api('/compat-sessions?filter[user]=dave')).status, 400);
      const machine = await json(await api(`/oauth2-sessions?filter[client]=${ADMIN_CLIENT}&filter[status]=active`), 200);
      assert.ok(machine.meta.count >= 1);
      assert.ok(machine.data.every((s) => s.attributes.client_id === ADMIN_CLIENT && s.attributes.finished_at === null));
      assert.equal((await api('/oauth2-sessions?filter[status]=sleeping')).status, 400);
    });

    test('user emails: added, found, listed, refused twice, deleted; the homeserver follows', async () => {
      const alice = (await json(await api('/users/by-username/alice'), 200)).data;
      const added = (await json(await api('/user-emails', { method: 'POST', body: { user_id: alice.id, email: 'Alice@Example.org' } }), 201)).data;
      assert.equal(added.type, 'user-email');
      assert.equal(added.attributes.email, 'alice@example.org');
      assert.equal(added.attributes.user_id, alice.id);
      assert.equal((await api('/user-emails', { method: 'POST', body: { user_id: alice.id, email: 'alice@example.org' } })).status, 409);
      assert.equal((await api('/user-emails', { method: 'POST', body: { user_id: alice.id, email: 'not an address' } })).status, 400);
      assert.equal((await api('/user-emails', { method: 'POST', body: { user_id: '01JN0SUCHUSER0000000000000', email: 'x@example.org' } })).status, 404);
      assert.deepEqual((await json(await api(`/user-emails/${added.id}`), 200)).data, added);
      const listed = await json(await api(`/user-emails?filter[user]=${alice.id}`), 200);
      assert.deepEqual(listed.data.map((e) => e.id), [added.id]);
      assert.equal((await json(await api('/user-emails?filter[email]=ALICE@example.org'), 200)).meta.count, 1);
      assert.equal((await api(`/user-emails/${added.id}`, { method: 'DELETE' })).status, 204);
      assert.equal((await api(`/user-emails/${added.id}`)).status, 404);
      assert.equal((await json(await api(`/user-emails?filter[user]=${alice.id}`), 200)).meta.count, 0);
    });

    test('upstream links: added, listed by user and provider, refused twice, deleted; providers listed', async () => {
      const alice = (await json(await api('/users/by-username/alice'), 200)).data;
      const body = { user_id: alice.id, provider_id: PROVIDER, subject: 'kc-alice', human_account_name: 'alice@sso' };
      const added = (await json(await api('/upstream-oauth-links', { method: 'POST', body }), 201)).data;
      assert.equal(added.type, 'upstream-oauth-link');
      assert.deepEqual({ ...added.attributes, created_at: undefined },
        { provider_id: PROVIDER, subject: 'kc-alice', user_id: alice.id, human_account_name: 'alice@sso', created_at: undefined });
      assert.equal((await api('/upstream-oauth-links', { method: 'POST', body })).status, 409);
      assert.equal((await api('/upstream-oauth-links', { method: 'POST', body: { ...body, provider_id: '01JN0SUCHPR0V1DER000000000' } })).status, 404);
      assert.equal((await api('/upstream-oauth-links', { method: 'POST', body: { ...body, user_id: '01JN0SUCHUSER0000000000000' } })).status, 404);
      assert.equal((await api('/upstream-oauth-links', { method: 'POST', body: { user_id: alice.id } })).status, 400);
      const listed = await json(await api(`/upstream-oauth-links?filter[user]=${alice.id}&filter[provider]=${PROVIDER}`), 200);
      assert.deepEqual(listed.data.map((l) => l.id), [added.id]);
      assert.equal(listed.meta.count, 1);
      assert.deepEqual((await json(await api(`/upstream-oauth-links/${added.id}`), 200)).data, added);
      assert.equal((await api(`/upstream-oauth-links/${added.id}`, { method: 'DELETE' })).status, 204);
      assert.equal((await api(`/upstream-oauth-links/${added.id}`)).status, 404);

      const providers = await json(await api('/upstream-oauth-providers'), 200);
      assert.deepEqual(providers.data.map((p) => [p.id, p.attributes.enabled]).sort(), [[OFF_PROVIDER, false], [PROVIDER, true]].sort());
      const enabled = await json(await api('/upstream-oauth-providers?filter[enabled]=true'), 200);
      assert.deepEqual(enabled.data.map((p) => p.id), [PROVIDER]);
      const one = (await json(await api(`/upstream-oauth-providers/${PROVIDER}`), 200)).data;
      assert.equal(one.attributes.issuer, 'https://sso.example');
      assert.equal(one.attributes.human_name, 'Keycloak');
      assert.equal((await api('/upstream-oauth-providers/01JN0SUCHPR0V1DER000000000')).status, 404);
    });

    test('oauth2-clients: static and registered clients listed, filtered, got, never their secrets', async () => {
      const reg = await fetch(`${cfg.authUrl}/oauth2/registration`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_name: 'Admin listed app', client_uri: 'https://app.example.org/', application_type: 'native',
          redirect_uris: ['http://127.0.0.1/callback'], token_endpoint_auth_method: 'none', response_types: ['code'],
          grant_types: ['authorization_code', 'refresh_token'] }),
      });
      const registered = (await json(reg, 201)).client_id;
      const all = await json(await api('/oauth2-clients'), 200);
      const ids = all.data.map((c) => c.id);
      for (const id of [ADMIN_CLIENT, PLAIN_CLIENT, registered]) assert.ok(ids.includes(id), id);
      assert.ok(!JSON.stringify(all).includes(ADMIN_SECRET), 'no secret in the listing');
      const statics = await json(await api('/oauth2-clients?filter[static]=true'), 200);
      assert.deepEqual(statics.data.map((c) => c.id).sort(), [ADMIN_CLIENT, PLAIN_CLIENT].sort());
      assert.ok(statics.data.every((c) => c.attributes.static === true));
      const one = (await json(await api(`/oauth2-clients/${registered}`), 200)).data;
      assert.equal(one.attributes.client_name, 'Admin listed app');
      assert.equal(one.attributes.static, false);
      assert.deepEqual(one.attributes.redirect_uris, ['http://127.0.0.1/callback']);
      assert.equal((await api('/oauth2-clients/01JN0SUCHC11ENT00000000000')).status, 404);
      assert.equal((await api('/oauth2-clients?filter[static]=maybe')).status, 400);
    });

    test('user sessions (browser sessions): listed by user, finished', async () => {
      // A browser sign-in of alice through the login page.
      const jar = new CookieJar();
      const page = await (await jar.fetch(`${cfg.authUrl}/login`)).text();
      let res = await jar.fetch(`${cfg.authUrl}/login`, {
        method: 'POST', form: { csrf: csrfOf(page), username: 'alice', password: 'correct horse battery staple 42' },
      });
      assert.equal(res.status, 303, await res.text());
      const alice = (await json(await api('/users/by-username/alice'), 200)).data;
      const sessions = await json(await api(`/user-sessions?filter[user]=${alice.id}&filter[status]=active`), 200);
      assert.equal(sessions.meta.count, 1);
      const session = sessions.data[0];
      assert.equal(session.type, 'user-session');
      assert.equal(session.attributes.user_id, alice.id);
      const finished = await json(await api(`/user-sessions/${session.id}/finish`, { method: 'POST' }), 200);
      assert.notEqual(finished.data.attributes.finished_at, null);
      // The browser is signed out: the account page sends it to the login page.
      res = await jar.fetch(`${cfg.authUrl}/account/`);
      assert.equal(res.status, 303);
      assert.match(res.headers.get('location'), /\/login/);
    });

    test('registration tokens: created, listed by state, updated, revoked and unrevoked', async () => {
      const generated = (await json(await api('/user-registration-tokens', { method: 'POST', body: {} }), 201)).data;
      assert.equal(generated.type, 'user-registration_token');
      assert.match(generated.attributes.token, /^[A-Za-z0-9]{12}$/);
      assert.equal(generated.attributes.valid, true);
      assert.equal(generated.attributes.usage_limit, null);
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
      const chosen = (await json(await api('/user-registration-tokens', {
        method: 'POST', body: { token: 'letmein', usage_limit: 1, expires_at: tomorrow },
      }), 201)).data;
      assert.equal(chosen.attributes.token, 'letmein');
      assert.equal(chosen.attributes.usage_limit, 1);
      assert.equal(Date.parse(chosen.attributes.expires_at), Date.parse(tomorrow));
      assert.equal((await api('/user-registration-tokens', { method: 'POST', body: { token: 'letmein' } })).status, 409);
      assert.equal((await api('/user-registration-tokens', { method: 'POST', body: { expires_at: 'soon' } })).status, 400);
      assert.equal((await api('/user-registration-tokens', { method: 'POST', body: { usage_limit: 0 } })).status, 400);

      const revoked = await json(await api(`/user-registration-tokens/${chosen.id}/revoke`, { method: 'POST' }), 200);
      assert.notEqual(revoked.data.attributes.revoked_at, null);
      assert.equal(revoked.data.attributes.valid, false);
      assert.equal((await api(`/user-registration-tokens/${chosen.id}/revoke`, { method: 'POST' })).status, 400);
      const listRevoked = await json(await api('/user-registration-tokens?filter[revoked]=true'), 200);
      assert.deepEqual(listRevoked.data.map((t) => t.id), [chosen.id]);
      assert.equal((await json(await api('/user-registration-tokens?filter[valid]=true'), 200)).meta.count, 1);
      const back = await json(await api(`/user-registration-tokens/${chosen.id}/unrevoke`, { method: 'POST' }), 200);
      assert.equal(back.data.attributes.valid, true);

      // Expired by an update; null lifts the limit.
      const past = new Date(Date.now() - 60_000).toISOString();
      const updated = await json(await api(`/user-registration-tokens/${chosen.id}`, {
        method: 'PUT', body: { expires_at: past, usage_limit: null },
      }), 200);
      assert.equal(updated.data.attributes.usage_limit, null);
      assert.equal(updated.data.attributes.valid, false);
      const expired = await json(await api('/user-registration-tokens?filter[expired]=true'), 200);
      assert.deepEqual(expired.data.map((t) => t.id), [chosen.id]);
      assert.deepEqual((await json(await api(`/user-registration-tokens/${chosen.id}`), 200)).data, updated.data);
      assert.equal((await api('/user-registration-tokens?filter[valid]=maybe')).status, 400);
    });

    test('homeserver down: creating a user says so, and skip_homeserver_check creates it anyway', async () => {
      await hs.stop();
      try {
        const res = await api('/users', { method: 'POST', body: { username: 'erin' } });
        assert.equal(res.status, 503);
        assert.match((await res.json()).errors[0].title, /skip_homeserver_check/);
        assert.equal((await api('/users/by-username/erin')).status, 404, 'nothing was created');
        const created = await json(await api('/users', { method: 'POST', body: { username: 'erin', skip_homeserver_check: true } }), 201);
        assert.equal(created.data.attributes.username, 'erin');
      } finally {
        hs = await startHomeserver(cfg);
      }
      // The provisioning job delivers erin once the homeserver is back.
      await eventually(async () => (await fetch(`${cfg.homeserverUrl}/_synapse/mas/query_user?localpart=erin`,
        { headers: { authorization: `Bearer ${secret}` } })).status === 200, 'erin on the homeserver', 60_000);
    });

    test('oauth2-sessions: the admin client session, read and then finished', async () => {
      const sessionId = await databaseQuery(cfg, databaseUri,
        `SELECT s.id FROM oauth2_sessions s WHERE s.client_id = '${ADMIN_CLIENT}' AND s.finished_at IS NULL ORDER BY s.id LIMIT 1`);
      const session = (await json(await api(`/oauth2-sessions/${sessionId}`), 200)).data;
      assert.equal(session.type, 'oauth2-session');
      assert.equal(session.attributes.client_id, ADMIN_CLIENT);
      assert.equal(session.attributes.user_id, null);
      assert.match(session.attributes.scope, /urn:mas:admin/);
      const finished = await json(await api(`/oauth2-sessions/${sessionId}/finish`, { method: 'POST' }), 200);
      assert.notEqual(finished.data.attributes.finished_at, null);
      // That was the token's own session: it no longer opens the API.
      assert.equal((await api('/users')).status, 401);
    });
  });
}
