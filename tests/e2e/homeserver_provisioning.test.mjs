// The homeserver end to end against a FAKE auth service (a tiny node server
// answering like MAS): the /_synapse/mas/ provisioning API with the right
// and a wrong secret, whoami through introspection and its cache, eviction
// by delete_device and by /_gatehouse/v1/invalidate (the next whoami is 401
// at once), 503 when the auth service is down, discovery, /login
// forwarding, and an appservice creating a device through MSC4190.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, describe, test } from 'node:test';

import { freePort, homeserverBin, start, tempDir } from './lib/harness.mjs';

const SECRET = 'test-shared-secret-0123456789';
const AS_TOKEN = 'appservice-token-abcdef';

/** A fake MAS: introspection from `tokens`, discovery, and an echoing /login. */
function fakeAuthService() {
  const state = { tokens: new Map(), introspections: 0, forwarded: [] };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      const url = new URL(req.url, 'http://x');
      const json = (status, doc) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(doc));
      };
      if (url.pathname === '/.well-known/openid-configuration') {
        return json(200, {
          issuer: state.issuer, account_management_uri: `${state.issuer}account/`,
          authorization_endpoint: `${state.issuer}authorize`,
        });
      }
      if (url.pathname === '/oauth2/introspect' && req.method === 'POST') {
        state.introspections += 1;
        if (req.headers.authorization !== `Bearer ${SECRET}`) return json(401, { error: 'invalid_client' });
        assert.equal(req.headers['x-mas-supports-device-id'], '1');
        const form = new URLSearchParams(body);
        assert.equal(form.get('token_type_hint'), 'access_token');
        return json(200, state.tokens.get(form.get('token')) ?? { active: false });
      }
      if (url.pathname.startsWith('/_matrix/client/')) {
        state.forwarded.push({
          method: req.method, url: req.url, body, authorization: req.headers.authorization,
          forwardedFor: req.headers['x-forwarded-for'],
        });
        return json(200, { flows: [{ type: 'm.login.sso', oauth_aware_preferred: true }] });
      }
      return json(404, { error: 'not found' });
    });
  });
  return { state, server };
}

function activeToken(localpart, deviceId) {
  return {
    active: true, username: localpart, sub: `01${localpart}`, expires_in: 300,
    scope: `openid urn:matrix:client:api:* urn:matrix:client:device:${deviceId}`,
  };
}

const fingerprint = (token) => createHash('sha256').update(token).digest('hex');

describe('gatehouse-homeserver with a fake auth service', async () => {
  const dir = tempDir();
  const fake = fakeAuthService();
  const authPort = await freePort();
  await new Promise((r) => fake.server.listen(authPort, '127.0.0.1', r));
  fake.state.issuer = `http://127.0.0.1:${authPort}/`;
  const hsPort = await freePort();
  const hsUrl = `http://127.0.0.1:${hsPort}`;

  const registration = path.join(dir, 'bridge.yaml');
  writeFileSync(registration, [
    'id: bridge', 'url: "http://127.0.0.1:9/"', `as_token: "${AS_TOKEN}"`, 'hs_token: "hs-token"',
    'sender_localpart: bridgebot', 'io.element.msc4190: true',
    'namespaces:', '  users:', '    - regex: "@bridge_.*:example\\\\.org"', '      exclusive: true', '',
  ].join('\n'));
  const configPath = path.join(dir, 'homeserver.yaml');
  writeFileSync(configPath, [
    'server_name: example.org', `public_baseurl: "${hsUrl}/"`,
    'listeners:', `  - port: ${hsPort}`, '    bind_addresses: ["127.0.0.1"]', '    type: http',
    '    resources:', '      - names: [client]',
    'database:', '  name: sqlite3', `  args: {database: "${path.join(dir, 'homeserver.db')}"}`,
    'matrix_authentication_service:', '  enabled: true', `  endpoint: "http://127.0.0.1:${authPort}/"`,
    `  secret: "${SECRET}"`, `app_service_config_files: ["${registration}"]`, '',
  ].join('\n'));

  const homeserver = await start(homeserverBin, ['-c', configPath], { cwd: dir, readyUrl: `${hsUrl}/health` });
  after(async () => {
    await homeserver.stop();
    fake.server.closeAllConnections();
    if (fake.server.listening) await new Promise((r) => fake.server.close(r));
  });

  const mas = (method, endpoint, { body, secret = SECRET, query = '' } = {}) => fetch(
    `${hsUrl}/_synapse/mas/${endpoint}${query}`,
    {
      method,
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    },
  );
  const whoami = (token) => fetch(`${hsUrl}/_matrix/client/v3/account/whoami`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });

  // Each endpoint with a valid request, to prove both the answer and the 403.
  const endpoints = [
    ['GET', 'query_user', { query: '?localpart=alice' }],
    ['POST', 'provision_user', { body: { localpart: 'alice' } }],
    ['GET', 'is_localpart_available', { query: '?localpart=zed' }],
    ['POST', 'upsert_device', { body: { localpart: 'alice', device_id: 'DEV1' } }],
    ['POST', 'update_device_display_name', { body: { localpart: 'alice', device_id: 'DEV1', display_name: 'x' } }],
    ['POST', 'delete_device', { body: { localpart: 'alice', device_id: 'NONE' } }],
    ['POST', 'sync_devices', { body: { localpart: 'alice', devices: ['DEV1'] } }],
    ['POST', 'delete_user', { body: { localpart: 'alice', erase: false } }],
    ['POST', 'reactivate_user', { body: { localpart: 'alice' } }],
    ['POST', 'set_displayname', { body: { localpart: 'alice', displayname: 'A' } }],
    ['POST', 'unset_displayname', { body: { localpart: 'alice' } }],
    ['POST', 'allow_cross_signing_reset', { body: { localpart: 'alice' } }],
  ];

  test('every /_synapse/mas/ endpoint refuses a wrong secret with 403', async () => {
    for (const [method, endpoint, opts] of endpoints) {
      const res = await mas(method, endpoint, { ...opts, secret: 'wrong' });
      assert.equal(res.status, 403, endpoint);
      const body = await res.json();
      assert.equal(body.errcode, 'M_FORBIDDEN');
      assert.equal(body.error, 'This endpoint must only be called by MAS');
    }
    const none = await fetch(`${hsUrl}/_synapse/mas/query_user?localpart=alice`);
    assert.equal(none.status, 403);
  });

  test('provisioning: create, update, query, availability, emails and flags', async () => {
    assert.equal((await mas('GET', 'query_user', { query: '?localpart=alice' })).status, 404);
    let res = await mas('POST', 'provision_user', {
      body: { localpart: 'alice', set_displayname: 'Alice', set_emails: ['a@example.org'] },
    });
    assert.equal(res.status, 201);
    res = await mas('POST', 'provision_user', { body: { localpart: 'alice', set_avatar_url: 'mxc://x/y' } });
    assert.equal(res.status, 200);
    res = await mas('POST', 'provision_user', { body: { localpart: 'alice', set_displayname: 'A', unset_displayname: true } });
    assert.equal(res.status, 400);
    res = await mas('GET', 'query_user', { query: '?localpart=alice' });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), {
      user_id: '@alice:example.org', display_name: 'Alice', avatar_url: 'mxc://x/y',
      is_suspended: false, is_deactivated: false,
    });

    res = await mas('GET', 'is_localpart_available');
    assert.equal(res.status, 400);  // what `doctor` relies on to prove the secret
    const errcode = async (query) => (await (await mas('GET', 'is_localpart_available', { query })).json()).errcode;
    assert.equal(await errcode('?localpart=alice'), 'M_USER_IN_USE');
    assert.equal(await errcode('?localpart=Not%20Valid'), 'M_INVALID_USERNAME');
    assert.equal(await errcode('?localpart=bridge_joe'), 'M_EXCLUSIVE');
    res = await mas('GET', 'is_localpart_available', { query: '?localpart=zed' });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), {});

    for (const [endpoint, body] of [
      ['set_displayname', { localpart: 'alice', displayname: 'Alice B' }],
      ['allow_cross_signing_reset', { localpart: 'alice' }],
    ]) {
      assert.equal((await mas('POST', endpoint, { body })).status, 200, endpoint);
    }
    const profile = await (await fetch(`${hsUrl}/_matrix/client/v3/profile/@alice:example.org`)).json();
    assert.deepEqual(profile, { displayname: 'Alice B', avatar_url: 'mxc://x/y' });
    assert.equal((await mas('POST', 'unset_displayname', { body: { localpart: 'alice' } })).status, 200);
    const name = await (await fetch(`${hsUrl}/_matrix/client/v3/profile/@alice:example.org/displayname`)).json();
    assert.deepEqual(name, {});
    assert.equal((await mas('POST', 'set_displayname', { body: { localpart: 'nobody', displayname: 'x' } })).status, 404);
  });

  test('devices: upsert 201 then 200, rename, sync keeps listed ones', async () => {
    let res = await mas('POST', 'upsert_device', { body: { localpart: 'alice', device_id: 'DEV1', display_name: 'phone' } });
    assert.equal(res.status, 201);
    res = await mas('POST', 'upsert_device', { body: { localpart: 'alice', device_id: 'DEV1' } });
    assert.equal(res.status, 200);
    res = await mas('POST', 'update_device_display_name', { body: { localpart: 'alice', device_id: 'DEV1', display_name: 'laptop' } });
    assert.equal(res.status, 200);
    res = await mas('POST', 'sync_devices', { body: { localpart: 'alice', devices: ['DEV1', 'DEV2'] } });
    assert.equal(res.status, 200);
    res = await mas('POST', 'upsert_device', { body: { localpart: 'nobody', device_id: 'X' } });
    assert.equal(res.status, 404);
  });

  test('whoami: missing token 401, introspected once then cached', async () => {
    const missing = await whoami();
    assert.equal(missing.status, 401);
    assert.equal((await missing.json()).errcode, 'M_MISSING_TOKEN');
    const unknown = await whoami('mat_unknown');
    assert.equal(unknown.status, 401);
    assert.equal((await unknown.json()).errcode, 'M_UNKNOWN_TOKEN');

    fake.state.tokens.set('mat_alice1', activeToken('alice', 'DEV1'));
    const calls = fake.state.introspections;
    for (let i = 0; i < 3; i += 1) {
      const res = await whoami('mat_alice1');
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { user_id: '@alice:example.org', device_id: 'DEV1', is_guest: false });
    }
    assert.equal(fake.state.introspections, calls + 1);

    // A token whose device the homeserver does not have is not valid.
    fake.state.tokens.set('mat_ghost', activeToken('alice', 'GHOST'));
    assert.equal((await whoami('mat_ghost')).status, 401);
    // No C-S API scope: 401 as well.
    fake.state.tokens.set('mat_noscope', { ...activeToken('alice', 'DEV1'), scope: 'openid' });
    assert.equal((await whoami('mat_noscope')).status, 401);
  });

  test('client API with a token: devices, profile write, capabilities', async () => {
    const auth = { Authorization: 'Bearer mat_alice1' };
    const devices = await (await fetch(`${hsUrl}/_matrix/client/v3/devices`, { headers: auth })).json();
    assert.deepEqual(devices.devices.map((d) => d.device_id), ['DEV1', 'DEV2']);
    assert.equal(devices.devices[0].display_name, 'laptop');
    let res = await fetch(`${hsUrl}/_matrix/client/r0/devices/DEV1`, { headers: auth });
    assert.equal(res.status, 200);
    res = await fetch(`${hsUrl}/_matrix/client/v3/devices/DEV1`, { method: 'PUT', headers: auth, body: '{"display_name":"desk"}' });
    assert.equal(res.status, 200);
    res = await fetch(`${hsUrl}/_matrix/client/v3/devices/DEV2`, { method: 'DELETE', headers: auth });
    assert.equal(res.status, 404);  // deletion goes through the account page
    assert.equal((await res.json()).errcode, 'M_UNRECOGNIZED');
    res = await fetch(`${hsUrl}/_matrix/client/v3/profile/@alice:example.org/displayname`, {
      method: 'PUT', headers: auth, body: '{"displayname":"Al"}',
    });
    assert.equal(res.status, 200);
    res = await fetch(`${hsUrl}/_matrix/client/v3/profile/@bob:example.org/displayname`, {
      method: 'PUT', headers: auth, body: '{"displayname":"Al"}',
    });
    assert.equal(res.status, 403);
    const caps = await (await fetch(`${hsUrl}/_matrix/client/v3/capabilities`, { headers: auth })).json();
    assert.equal(caps.capabilities['m.change_password'].enabled, false);
  });

  test('delete_device makes the next whoami 401 at once', async () => {
    fake.state.tokens.set('mat_dev2', activeToken('alice', 'DEV2'));
    assert.equal((await whoami('mat_dev2')).status, 200);
    const calls = fake.state.introspections;
    assert.equal((await whoami('mat_dev2')).status, 200);
    assert.equal(fake.state.introspections, calls);  // cached
    const res = await mas('POST', 'delete_device', { body: { localpart: 'alice', device_id: 'DEV2' } });
    assert.equal(res.status, 204);
    // MAS would still call the token active; the missing device is what fails it.
    assert.equal((await whoami('mat_dev2')).status, 401);
    assert.equal(fake.state.introspections, calls + 1);
  });

  test('/_gatehouse/v1/invalidate drops a cached token at once', async () => {
    assert.equal((await whoami('mat_alice1')).status, 200);  // cached
    fake.state.tokens.set('mat_alice1', { active: false });  // revoked at the auth service
    assert.equal((await whoami('mat_alice1')).status, 200);  // still cached: as Synapse would
    let res = await fetch(`${hsUrl}/_gatehouse/v1/invalidate`, {
      method: 'POST', headers: { Authorization: 'Bearer wrong' }, body: '{}',
    });
    assert.equal(res.status, 403);
    res = await fetch(`${hsUrl}/_gatehouse/v1/invalidate`, {
      method: 'POST', headers: { Authorization: `Bearer ${SECRET}` },
      body: JSON.stringify({ token_fingerprints: [fingerprint('mat_alice1')] }),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), {});
    assert.equal((await whoami('mat_alice1')).status, 401);

    // By device: every token of that device goes.
    fake.state.tokens.set('mat_alice2', activeToken('alice', 'DEV1'));
    assert.equal((await whoami('mat_alice2')).status, 200);
    fake.state.tokens.set('mat_alice2', { active: false });
    res = await fetch(`${hsUrl}/_gatehouse/v1/invalidate`, {
      method: 'POST', headers: { Authorization: `Bearer ${SECRET}` },
      body: JSON.stringify({ localpart: 'alice', device_id: 'DEV1' }),
    });
    assert.equal(res.status, 200);
    assert.equal((await whoami('mat_alice2')).status, 401);
  });

  test('delete_user deactivates and evicts; reactivate_user restores', async () => {
    fake.state.tokens.set('mat_alice3', activeToken('alice', 'DEV1'));
    assert.equal((await whoami('mat_alice3')).status, 200);
    assert.equal((await mas('POST', 'delete_user', { body: { localpart: 'alice', erase: true } })).status, 200);
    assert.equal((await whoami('mat_alice3')).status, 401);  // its devices are gone
    let info = await (await mas('GET', 'query_user', { query: '?localpart=alice' })).json();
    assert.equal(info.is_deactivated, true);
    assert.equal(info.display_name, null);  // erased
    assert.equal((await mas('POST', 'reactivate_user', { body: { localpart: 'alice' } })).status, 200);
    info = await (await mas('GET', 'query_user', { query: '?localpart=alice' })).json();
    assert.equal(info.is_deactivated, false);
  });

  test('discovery: well-known and auth_metadata from the auth service', async () => {
    const wk = await (await fetch(`${hsUrl}/.well-known/matrix/client`)).json();
    assert.equal(wk['m.homeserver'].base_url, `${hsUrl}/`);
    assert.deepEqual(wk['org.matrix.msc2965.authentication'], {
      issuer: fake.state.issuer, account: `${fake.state.issuer}account/`,
    });
    for (const p of ['/_matrix/client/v1/auth_metadata', '/_matrix/client/unstable/org.matrix.msc2965/auth_metadata']) {
      const res = await fetch(`${hsUrl}${p}`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('cache-control'), /max-age=600/);
      assert.equal((await res.json()).authorization_endpoint, `${fake.state.issuer}authorize`);
    }
    const issuer = await (await fetch(`${hsUrl}/_matrix/client/unstable/org.matrix.msc2965/auth_issuer`)).json();
    assert.deepEqual(issuer, { issuer: fake.state.issuer });
  });

  test('/login, /logout and /refresh are forwarded to the auth service', async () => {
    const before = fake.state.forwarded.length;
    let res = await fetch(`${hsUrl}/_matrix/client/v3/login`);
    assert.equal(res.status, 200);
    assert.equal((await res.json()).flows[0].oauth_aware_preferred, true);
    res = await fetch(`${hsUrl}/_matrix/client/r0/login?x=1`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'm.login.password', identifier: { type: 'm.id.user', user: 'alice' } }),
    });
    assert.equal(res.status, 200);
    res = await fetch(`${hsUrl}/_matrix/client/v3/logout`, { method: 'POST', headers: { Authorization: 'Bearer mct_x' }, body: '{}' });
    assert.equal(res.status, 200);
    const seen = fake.state.forwarded.slice(before);
    assert.deepEqual(seen.map((f) => `${f.method} ${f.url}`), [
      'GET /_matrix/client/v3/login', 'POST /_matrix/client/r0/login?x=1', 'POST /_matrix/client/v3/logout',
    ]);
    assert.equal(JSON.parse(seen[1].body).identifier.user, 'alice');
    assert.equal(seen[2].authorization, 'Bearer mct_x');
    assert.equal(seen[1].forwardedFor, '127.0.0.1');
  });

  test('an appservice user registers, then creates and deletes a device via MSC4190', async () => {
    const asAuth = { Authorization: `Bearer ${AS_TOKEN}` };
    let res = await fetch(`${hsUrl}/_matrix/client/v3/register`, {
      method: 'POST', headers: asAuth,
      body: JSON.stringify({ type: 'm.login.application_service', username: 'bridge_joe', inhibit_login: true }),
    });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).user_id, '@bridge_joe:example.org');
    const calls = fake.state.introspections;
    const asJoe = (p) => `${hsUrl}${p}?user_id=${encodeURIComponent('@bridge_joe:example.org')}`;
    res = await fetch(asJoe('/_matrix/client/v3/account/whoami'), { headers: asAuth });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).user_id, '@bridge_joe:example.org');
    res = await fetch(asJoe('/_matrix/client/v3/devices/BRIDGEDEV'), { method: 'PUT', headers: asAuth, body: '{"display_name":"bridge"}' });
    assert.equal(res.status, 201);
    const list = await (await fetch(asJoe('/_matrix/client/v3/devices'), { headers: asAuth })).json();
    assert.deepEqual(list.devices.map((d) => d.device_id), ['BRIDGEDEV']);
    res = await fetch(asJoe('/_matrix/client/v3/devices/BRIDGEDEV'), { method: 'DELETE', headers: asAuth });
    assert.equal(res.status, 200);
    assert.equal(fake.state.introspections, calls);  // as_tokens are never introspected
    res = await fetch(`${hsUrl}/_matrix/client/v3/account/whoami?user_id=${encodeURIComponent('@alice:example.org')}`, { headers: asAuth });
    assert.equal(res.status, 403);
  });

  test('503 when the auth service cannot be reached', async () => {
    const closed = new Promise((r) => fake.server.close(r));
    fake.server.closeAllConnections();  // the homeserver's keep-alive connections too
    await closed;
    const res = await whoami('mat_never_seen');
    assert.equal(res.status, 503);
    assert.equal((await res.json()).error, 'Unable to introspect the access token');
  });
});
