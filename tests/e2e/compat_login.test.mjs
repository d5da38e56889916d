// The legacy Matrix login API (compat layer) end to end, with the real
// `gatehouse server` and `gatehouse-homeserver` and real clients, every call
// made THROUGH THE HOMESERVER (which forwards /login, /logout, /logout/all
// and /refresh to the auth service): matrix-js-sdk 43 logs in with a
// password, refreshes, logs out (the next whoami is 401 at once); a reused
// device_id replaces its session; a matrix-bot-sdk appservice logs a
// namespaced user in with m.login.application_service; /logout/all ends the
// user's OAuth 2.0 session too; `manage kill-sessions` ends compat sessions;
// a Synapse `syt_` token imported into the database works like an mct_ one;
// with the homeserver down a login fails cleanly and leaves no live session.
// On SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import { CookieJar, authorizeInBrowser } from './lib/browser.mjs';
import { AS_TOKEN, PASSWORD, USER, clientApi, compatStack } from './lib/compat.mjs';
import { eventually, freshPostgresUri } from './lib/harness.mjs';

const REDIRECT = 'https://element.example/';

const backends = [
  { name: 'SQLite', uri: () => undefined },
  { name: 'PostgreSQL', uri: () => freshPostgresUri('compat') },
];

for (const backend of backends) {
  const skip = backend.name === 'PostgreSQL' && !process.env.GATEHOUSE_TEST_POSTGRES_URI
    ? 'GATEHOUSE_TEST_POSTGRES_URI is not set' : false;

  describe(`compat login through the homeserver, on ${backend.name}`, { skip }, () => {
    let stack;
    let sdk;
    let api;
    const userId = () => `@${USER}:${stack.serverName}`;

    before(async () => {
      stack = await compatStack(backend.uri());
      api = clientApi(stack.cfg);
      sdk = await import('matrix-js-sdk');
    });
    after(async () => {
      await stack?.auth.stop();
      await stack?.hs.stop();
    });

    const newClient = (accessToken) => sdk.createClient({ baseUrl: stack.cfg.homeserverUrl, accessToken });
    async function whoamiStatus(token) {
      const res = await api(token, '/account/whoami');
      return { status: res.status, body: await res.json() };
    }

    test('GET /login lists password, SSO (OAuth-aware), token and appservice flows', async () => {
      const { flows } = await newClient().loginFlows();
      const types = flows.map((f) => f.type);
      assert.deepEqual(types, ['m.login.password', 'm.login.sso', 'm.login.token', 'm.login.application_service']);
      const sso = flows.find((f) => f.type === 'm.login.sso');
      assert.equal(sso.oauth_aware_preferred, true);
      assert.equal(sso['org.matrix.msc3824.delegated_oidc_compatibility'], true);
      assert.deepEqual(sso.identity_providers, []);
      // r0 is the same endpoint.
      const r0 = await fetch(`${stack.cfg.homeserverUrl}/_matrix/client/r0/login`);
      assert.equal(r0.status, 200);
      assert.deepEqual((await r0.json()).flows.map((f) => f.type), types);
    });

    test('matrix-js-sdk loginWithPassword, whoami through the homeserver, logout: the next whoami is 401', async () => {
      const client = newClient();
      const login = await client.loginWithPassword(USER, PASSWORD);
      assert.equal(login.user_id, userId());
      assert.match(login.access_token, /^mct_[A-Za-z0-9]{30}_[A-Za-z0-9]{6}$/);
      assert.match(login.device_id, /^[A-Za-z0-9]{10}$/);
      assert.equal(login.refresh_token, undefined);
      assert.equal(login.expires_in_ms, undefined);
      assert.equal(login.well_known['m.homeserver'].base_url, `${stack.cfg.homeserverUrl}/`);
      // The device exists on the homeserver before the answer came back.
      const devices = await (await api(login.access_token, '/devices')).json();
      assert.ok(devices.devices.some((d) => d.device_id === login.device_id), JSON.stringify(devices));
      const me = await newClient(login.access_token).whoami();
      assert.equal(me.user_id, userId());
      assert.equal(me.device_id, login.device_id);
      await client.logout();
      const after = await whoamiStatus(login.access_token);
      assert.equal(after.status, 401);
      assert.equal(after.body.errcode, 'M_UNKNOWN_TOKEN');
      // Logging out twice: the token is unknown now.
      const again = await api(login.access_token, '/logout', { method: 'POST', body: '{}' });
      assert.equal(again.status, 401);
      assert.equal((await again.json()).errcode, 'M_UNKNOWN_TOKEN');
    });

    test('m.id.user with a full MXID, display name, refresh_token: true, then refreshToken rotates', async () => {
      const client = newClient();
      const login = await client.loginRequest({
        type: 'm.login.password', identifier: { type: 'm.id.user', user: userId() }, password: PASSWORD,
        initial_device_display_name: 'Legacy phone', refresh_token: true,
      });
      assert.match(login.refresh_token, /^mcr_/);
      assert.equal(login.expires_in_ms, 300_000);
      const listed = (await (await api(login.access_token, '/devices')).json()).devices
        .find((d) => d.device_id === login.device_id);
      assert.equal(listed.display_name, 'Legacy phone');
      const refreshed = await client.refreshToken(login.refresh_token);
      assert.match(refreshed.access_token, /^mct_/);
      assert.match(refreshed.refresh_token, /^mcr_/);
      assert.notEqual(refreshed.refresh_token, login.refresh_token);
      assert.equal(refreshed.expires_in_ms, 300_000);
      const me = await newClient(refreshed.access_token).whoami();
      assert.equal(me.device_id, login.device_id);
      // The consumed refresh token is dead, and not a soft logout.
      const reuse = await fetch(`${stack.cfg.homeserverUrl}/_matrix/client/v3/refresh`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refresh_token: login.refresh_token }),
      });
      assert.equal(reuse.status, 401);
      const body = await reuse.json();
      assert.equal(body.errcode, 'M_UNKNOWN_TOKEN');
      assert.equal(body.soft_logout, false);
      // The rotated pair keeps working.
      const second = await client.refreshToken(refreshed.refresh_token);
      assert.equal((await newClient(second.access_token).whoami()).user_id, userId());
    });

    test('a reused device_id replaces that device\'s previous session', async () => {
      const first = await newClient().loginRequest({ type: 'm.login.password', user: USER, password: PASSWORD, device_id: 'REUSEDDEV1' });
      assert.equal(first.device_id, 'REUSEDDEV1');
      assert.equal((await whoamiStatus(first.access_token)).status, 200);
      const second = await newClient().loginRequest({ type: 'm.login.password', user: USER, password: PASSWORD, device_id: 'REUSEDDEV1' });
      assert.equal(second.device_id, 'REUSEDDEV1');
      assert.equal((await whoamiStatus(first.access_token)).status, 401);
      const me = await whoamiStatus(second.access_token);
      assert.equal(me.status, 200);
      assert.equal(me.body.device_id, 'REUSEDDEV1');
      // The replaced session scheduled sync-devices; once every such job has
      // run, the live compat sessions' devices are still on the homeserver.
      await eventually(async () => await stack.sql(
        "SELECT COUNT(*) FROM queue_jobs WHERE queue_name = 'sync-devices' AND status <> 'completed'") === '0',
      'the sync-devices jobs', 20_000);
      const listed = (await (await api(second.access_token, '/devices')).json()).devices.map((d) => d.device_id);
      assert.ok(listed.includes('REUSEDDEV1'), JSON.stringify(listed));
      assert.equal((await whoamiStatus(second.access_token)).status, 200);
    });

    test('matrix-bot-sdk appservice logs a namespaced user in with m.login.application_service', async () => {
      const { Appservice, MatrixClient, MemoryStorageProvider } = (await import('./lib/bot_sdk.mjs')).botSdk;
      const appservice = new Appservice({
        port: 0, bindAddress: '127.0.0.1', homeserverName: stack.serverName,
        homeserverUrl: stack.cfg.homeserverUrl, storage: new MemoryStorageProvider(),
        registration: {
          id: 'bridge', as_token: AS_TOKEN, hs_token: 'hs-token-0123456789', url: null,
          sender_localpart: 'bridgebot', rate_limited: false,
          namespaces: { users: [{ regex: `@bridge_.*:${stack.serverName}`, exclusive: true }], rooms: [], aliases: [] },
        },
      });
      const intent = appservice.getIntentForSuffix('bob');
      await intent.ensureRegistered();
      const login = await intent.underlyingClient.doRequest('POST', '/_matrix/client/v3/login', null, {
        type: 'm.login.application_service', identifier: { type: 'm.id.user', user: intent.userId },
      });
      assert.equal(login.user_id, intent.userId);
      assert.match(login.access_token, /^mct_/);
      const me = await new MatrixClient(stack.cfg.homeserverUrl, login.access_token).getWhoAmI();
      assert.equal(me.user_id, intent.userId);
      assert.equal(me.device_id, login.device_id);
      // Outside the namespace, or with a wrong as_token: refused.
      const outside = await fetch(`${stack.cfg.homeserverUrl}/_matrix/client/v3/login`, {
        method: 'POST', headers: { authorization: `Bearer ${AS_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'm.login.application_service', identifier: { type: 'm.id.user', user: USER } }),
      });
      assert.equal(outside.status, 403);
      assert.equal((await outside.json()).errcode, 'M_FORBIDDEN');
      const wrong = await fetch(`${stack.cfg.homeserverUrl}/_matrix/client/v3/login?access_token=nope`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'm.login.application_service', user: 'bridge_bob' }),
      });
      assert.equal(wrong.status, 401);
      assert.equal((await wrong.json()).errcode, 'M_UNKNOWN_TOKEN');
    });

    test('/logout/all ends every session of the user, compat and OAuth 2.0', async () => {
      const compatA = await newClient().loginRequest({ type: 'm.login.password', user: USER, password: PASSWORD });
      const compatB = await newClient().loginRequest({ type: 'm.login.password', user: USER, password: PASSWORD });
      // An OAuth 2.0 session, as Element Web signs in with matrix-js-sdk 43.
      const metadata = await (await fetch(`${stack.cfg.homeserverUrl}/_matrix/client/v1/auth_metadata`)).json();
      const clientId = await sdk.OAuth2.registerClient(metadata, {
        client_name: 'Element', client_uri: REDIRECT, application_type: 'web', redirect_uris: [REDIRECT],
      });
      const oauth = new sdk.OAuth2(metadata, { clientId, deviceId: 'OAUTHDEV01' });
      const url = new URL(await oauth.generateAuthorizationCodeGrantUrl('st1', REDIRECT, 'fragment'));
      const back = await authorizeInBrowser(new CookieJar(), url, { username: USER, password: PASSWORD });
      const tokens = await oauth.completeAuthorizationCodeGrant(new URLSearchParams(back.hash.slice(1)).get('code'), REDIRECT);
      for (const token of [compatA.access_token, compatB.access_token, tokens.access_token]) {
        assert.equal((await whoamiStatus(token)).status, 200);
      }
      const res = await api(compatA.access_token, '/logout/all', { method: 'POST', body: '{}' });
      assert.equal(res.status, 200, await res.clone().text());
      for (const token of [compatA.access_token, compatB.access_token, tokens.access_token]) {
        assert.equal((await whoamiStatus(token)).status, 401);
      }
      assert.equal(await stack.sql(`SELECT COUNT(*) FROM oauth2_sessions WHERE finished_at IS NULL`), '0');
    });

    test('manage kill-sessions ends compat sessions; the next whoami is 401', async () => {
      const login = await newClient().loginRequest({ type: 'm.login.password', user: USER, password: PASSWORD });
      assert.equal((await whoamiStatus(login.access_token)).status, 200);
      const dry = await stack.gh(['manage', 'kill-sessions', USER, '--dry-run']);
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(dry.stdout, /\b1 compat\b/);
      const killed = await stack.gh(['manage', 'kill-sessions', USER]);
      assert.equal(killed.code, 0, killed.stderr);
      assert.match(killed.stdout, /\b1 compat\b/);
      assert.equal((await whoamiStatus(login.access_token)).status, 401);
    });

    test('a Synapse syt_ token imported into compat_access_tokens works, and ends with its session', async () => {
      const token = `syt_${Buffer.from(USER).toString('base64url')}_${randomUUID().replaceAll('-', '').slice(0, 20)}_1a2b3c`;
      const fp = createHash('sha256').update(token).digest('hex');
      const uid = await stack.sql(`SELECT id FROM users WHERE username = '${USER}'`);
      const now = Date.now();
      await stack.sql(`INSERT INTO compat_sessions (id, user_id, device_id, created_at) VALUES ('01JIMPORTEDSESSION00000001', '${uid}', 'SYNAPSEDEV', ${now})`);
      await stack.sql(`INSERT INTO compat_access_tokens (id, session_id, token_fingerprint, created_at) VALUES ('01JIMPORTEDTOKEN0000000001', '01JIMPORTEDSESSION00000001', '${fp}', ${now})`);
      // The device would have come over with the import; create it as the sync would.
      const hsSecret = readFileSync(stack.cfg.homeserverConfigPath, 'utf8').match(/^\s*secret:\s*"?([^"\n]+)"?\s*$/m)[1];
      const upsert = await fetch(`${stack.cfg.homeserverUrl}/_synapse/mas/upsert_device`, {
        method: 'POST', headers: { authorization: `Bearer ${hsSecret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ localpart: USER, device_id: 'SYNAPSEDEV' }),
      });
      assert.ok(upsert.status < 300, await upsert.text());
      const me = await whoamiStatus(token);
      assert.equal(me.status, 200, JSON.stringify(me.body));
      assert.equal(me.body.device_id, 'SYNAPSEDEV');
      const out = await api(token, '/logout', { method: 'POST', body: '{}' });
      assert.equal(out.status, 200);
      assert.equal((await whoamiStatus(token)).status, 401);
    });

    test('homeserver down: the login fails cleanly (503) and its session is finished at once', async () => {
      await stack.hs.stop();
      const before = Number(await stack.sql('SELECT COUNT(*) FROM compat_sessions WHERE finished_at IS NULL'));
      // Straight to the auth service: the homeserver that would forward it is down.
      const res = await fetch(`${stack.cfg.authUrl}/_matrix/client/v3/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'm.login.password', user: USER, password: PASSWORD, device_id: 'NODEVICE01' }),
      });
      assert.equal(res.status, 503);
      assert.equal((await res.json()).errcode, 'M_UNKNOWN');
      assert.equal(Number(await stack.sql('SELECT COUNT(*) FROM compat_sessions WHERE finished_at IS NULL')), before);
      assert.equal(await stack.sql("SELECT COUNT(*) FROM compat_sessions WHERE device_id = 'NODEVICE01' AND finished_at IS NOT NULL"), '1');
    });
  });
}
