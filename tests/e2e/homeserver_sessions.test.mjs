// Sessions and the homeserver, end to end with the real `gatehouse server`
// and `gatehouse-homeserver`: matrix-js-sdk 43 signs in through the OAuth 2.0
// flow and its device exists on the homeserver before the token answer
// arrives; whoami works through the homeserver (and its device's last use is
// recorded); revoking, RP-initiated logout, `manage kill-sessions` and
// `manage lock-user` each make the very next whoami 401 although the
// homeserver had the token cached; with the homeserver down the token
// request fails cleanly and succeeds again once it is back. The account page
// (MSC4191's account_management_uri) signs a device out the same way, brings
// a signed-out visitor back to the action asked after the login, and lets
// the user allow a cross-signing reset on the homeserver, set their display
// name, change their password and deactivate their account. On SQLite and
// PostgreSQL.
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import { CookieJar, actionOf, authorizeInBrowser, csrfOf } from './lib/browser.mjs';
import {
  eventually, freshPostgresUri, gatehouse, gatehouseBin, generateConfigs, run, start, startHomeserver, tempDir,
} from './lib/harness.mjs';

const USER = 'alice';
const PASSWORD = 'correct horse battery staple 42';
const REDIRECT = 'https://element.example/';

const backends = [
  { name: 'SQLite', uri: () => undefined },
  { name: 'PostgreSQL', uri: () => freshPostgresUri('hs_sessions') },
];

for (const backend of backends) {
  const skip = backend.name === 'PostgreSQL' && !process.env.GATEHOUSE_TEST_POSTGRES_URI
    ? 'GATEHOUSE_TEST_POSTGRES_URI is not set' : false;

  describe(`sessions end at the homeserver at once, on ${backend.name}`, { skip }, () => {
    let cfg;
    let auth;
    let hs;
    let secret;
    let OAuth2;
    let metadata;
    let clientId;
    let deviceCount = 0;
    const gh = (args) => gatehouse([...args, '-c', cfg.configPath], { cwd: cfg.dir });

    before(async () => {
      cfg = await generateConfigs(tempDir(), { databaseUri: backend.uri() });
      appendFileSync(cfg.configPath, `
rate_limiting:
  login:
    per_ip: {burst: 1000, per_second: 100}
`);
      secret = readFileSync(cfg.homeserverConfigPath, 'utf8').match(/^\s*secret:\s*"?([^"\n]+)"?\s*$/m)[1];
      assert.equal((await gh(['database', 'migrate'])).code, 0);
      const reg = await gh(['manage', 'register-user', USER, '-p', PASSWORD, '-y', '--ignore-password-complexity']);
      assert.equal(reg.code, 0, reg.stderr + reg.stdout);
      hs = await startHomeserver(cfg);
      auth = await start(gatehouseBin, ['server', '-c', cfg.configPath], {
        cwd: cfg.dir, readyUrl: `${cfg.authUrl}/health`, env: { GATEHOUSE_JOB_BACKOFF_MS: '100' },
      });
      // The provision-user job of register-user, run by the server's worker.
      await eventually(async () => (await fetch(
        `${cfg.homeserverUrl}/_synapse/mas/query_user?localpart=${USER}`,
        { headers: { authorization: `Bearer ${secret}` } })).status === 200, 'alice on the homeserver');
      ({ OAuth2 } = await import('matrix-js-sdk'));
      // As a client finds it: through the homeserver.
      metadata = await (await fetch(`${cfg.homeserverUrl}/_matrix/client/v1/auth_metadata`)).json();
      clientId = await OAuth2.registerClient(metadata, {
        client_name: 'Element', client_uri: REDIRECT, application_type: 'web', redirect_uris: [REDIRECT],
      });
    });
    after(async () => {
      await auth?.stop();
      await hs?.stop();
    });

    /** Signs in with matrix-js-sdk as a new device; {oauth, deviceId, jar, exchange()}. */
    async function authorize({ username = USER, password = PASSWORD } = {}) {
      const deviceId = `E2EDEVICE${++deviceCount}${backend.name.slice(0, 2).toUpperCase()}`;
      const oauth = new OAuth2(metadata, { clientId, deviceId });
      const url = new URL(await oauth.generateAuthorizationCodeGrantUrl(`st${deviceCount}`, REDIRECT, 'fragment'));
      const jar = new CookieJar();
      const back = await authorizeInBrowser(jar, url, { username, password });
      const code = new URLSearchParams(back.hash.slice(1)).get('code');
      return { oauth, deviceId, jar, exchange: () => oauth.completeAuthorizationCodeGrant(code, REDIRECT) };
    }
    async function login(credentials) {
      const flow = await authorize(credentials);
      return { ...flow, tokens: await flow.exchange() };
    }
    const client = (token, path) => fetch(`${cfg.homeserverUrl}/_matrix/client/v3${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    /** Two good whoamis, so the homeserver has the token in its cache. */
    async function whoamiCached(token, deviceId) {
      for (let i = 0; i < 2; ++i) {
        const res = await client(token, '/account/whoami');
        assert.equal(res.status, 200);
        assert.deepEqual(await res.json(), { user_id: `@${USER}:${serverName()}`, is_guest: false, device_id: deviceId });
      }
    }
    const serverName = () => readFileSync(cfg.homeserverConfigPath, 'utf8').match(/^server_name:\s*"?([^"\n]+)"?/m)[1];
    async function assertUnknownToken(token) {
      const res = await client(token, '/account/whoami');
      assert.equal(res.status, 401);
      assert.equal((await res.json()).errcode, 'M_UNKNOWN_TOKEN');
    }

    test('matrix-js-sdk login: the device exists before the token answer; whoami and last_seen_ts', async () => {
      const { tokens, deviceId } = await login();
      assert.match(tokens.scope, new RegExp(`urn:matrix:client:device:${deviceId}`));
      // Right after the exchange, before any job could run.
      const devices = await client(tokens.access_token, '/devices');
      assert.equal(devices.status, 200);
      const listed = (await devices.json()).devices.find((d) => d.device_id === deviceId);
      assert.ok(listed, 'the device is listed right after the token response');
      assert.equal(listed.display_name, 'Element');
      await whoamiCached(tokens.access_token, deviceId);
      // Recorded off the request path, shortly after.
      const seen = await eventually(async () => {
        const list = await (await client(tokens.access_token, '/devices')).json();
        return list.devices.find((d) => d.device_id === deviceId).last_seen_ts;
      }, 'last_seen_ts', 10_000);
      assert.ok(Math.abs(seen - Date.now()) < 60_000, `last_seen_ts ${seen} is about now`);
    });

    test('revoking the access token makes the next whoami 401 at once', async () => {
      const { oauth, tokens, deviceId } = await login();
      await whoamiCached(tokens.access_token, deviceId);
      await oauth.revokeToken(tokens.access_token, 'access_token');
      await assertUnknownToken(tokens.access_token);
      // The session's device goes too (the sync-devices job).
      const { tokens: other } = await login();
      await eventually(async () => !(await (await client(other.access_token, '/devices')).json())
        .devices.some((d) => d.device_id === deviceId), 'the revoked device removed');
    });

    test('RP-initiated logout ends the sessions started from the browser session', async () => {
      const { jar, tokens, deviceId } = await login();
      await whoamiCached(tokens.access_token, deviceId);
      const res = await jar.fetch(`${metadata.end_session_endpoint}?client_id=${clientId}`);
      assert.equal(res.status, 200, await res.text());
      await assertUnknownToken(tokens.access_token);
      const refreshed = await fetch(metadata.token_endpoint, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: clientId }),
      });
      assert.equal(refreshed.status, 400);
      assert.equal((await refreshed.json()).error, 'invalid_grant');
    });

    test('manage kill-sessions makes the next whoami 401 at once', async () => {
      const first = await login();
      const second = await login();
      await whoamiCached(first.tokens.access_token, first.deviceId);
      await whoamiCached(second.tokens.access_token, second.deviceId);
      const kill = await gh(['manage', 'kill-sessions', USER]);
      assert.equal(kill.code, 0, kill.stderr);
      assert.match(kill.stdout, /[1-9]\d* oauth2/);
      await assertUnknownToken(first.tokens.access_token);
      await assertUnknownToken(second.tokens.access_token);
    });

    test('manage lock-user makes the next whoami 401 at once; unlock lets the session work again', async () => {
      const { tokens, deviceId } = await login();
      await whoamiCached(tokens.access_token, deviceId);
      const lock = await gh(['manage', 'lock-user', USER]);
      assert.equal(lock.code, 0, lock.stderr);
      await assertUnknownToken(tokens.access_token);
      const unlock = await gh(['manage', 'unlock-user', USER]);
      assert.equal(unlock.code, 0, unlock.stderr);
      const res = await client(tokens.access_token, '/account/whoami');
      assert.equal(res.status, 200);
    });

    /** The account page at `query` in the browser `jar`: {res, html}. */
    async function accountPage(jar, query = '') {
      const res = await jar.fetch(`${metadata.account_management_uri}${query}`);
      return { res, html: await res.text() };
    }
    /** The hidden fields of the sign-out form of `deviceId`'s session on `html`. */
    function endSessionForm(html, deviceId) {
      const block = html.split('<div class="session"').find((b) => b.includes(`<code>${deviceId}</code>`));
      assert.ok(block, `no session of ${deviceId} on:\n${html}`);
      const field = (name) => block.match(new RegExp(`name="${name}" value="([^"]+)"`))[1];
      return { csrf: csrfOf(html), op: field('op'), kind: field('kind'), session: field('session') };
    }

    test('the account page signs a device out: the next whoami is 401, the device is deleted', async () => {
      const { jar, tokens, deviceId } = await login();
      await whoamiCached(tokens.access_token, deviceId);
      // What Element X opens for "Sign out" of one of the user's devices.
      const { res, html } = await accountPage(jar, `?action=org.matrix.device_delete&device_id=${deviceId}`);
      assert.equal(res.status, 200, html);
      assert.match(html, /Sign out this device\?/);
      assert.match(html, /Element/);
      const form = endSessionForm(html, deviceId);
      assert.equal(form.op, 'end_session');
      // A form without the page's CSRF value changes nothing.
      const forged = await jar.fetch(metadata.account_management_uri, { method: 'POST', form: { ...form, csrf: 'x' } });
      assert.equal(forged.status, 400);
      assert.equal((await client(tokens.access_token, '/account/whoami')).status, 200);
      const ended = await jar.fetch(new URL(actionOf(html), metadata.account_management_uri), { method: 'POST', form });
      assert.equal(ended.status, 303, await ended.text());
      const back = await jar.fetch(new URL(ended.headers.get('location'), metadata.account_management_uri));
      assert.match(await back.text(), /The session was signed out\./);
      await assertUnknownToken(tokens.access_token);
      const { tokens: other } = await login();
      await eventually(async () => !(await (await client(other.access_token, '/devices')).json())
        .devices.some((d) => d.device_id === deviceId), 'the signed-out device removed');
      // Signing it out again: it is no longer one of the user's sessions.
      const again = await jar.fetch(metadata.account_management_uri, { method: 'POST', form });
      assert.equal(again.status, 404);
    });

    test('the account page: through the login page and back to the action; cross-signing reset', async () => {
      const { tokens, deviceId } = await login();
      const jar = new CookieJar();
      const asked = `?action=org.matrix.device_view&device_id=${deviceId}`;
      let { res } = await accountPage(jar, asked);
      assert.equal(res.status, 303);
      const loginUrl = new URL(res.headers.get('location'), metadata.account_management_uri);
      assert.equal(loginUrl.pathname, '/login');
      assert.equal(loginUrl.searchParams.get('kind'), 'manage_account');
      const loginPage = await (await jar.fetch(loginUrl)).text();
      res = await jar.fetch(new URL(actionOf(loginPage), loginUrl), {
        method: 'POST', form: { csrf: csrfOf(loginPage), username: USER, password: PASSWORD },
      });
      assert.equal(res.status, 303, await res.text());
      const landed = new URL(res.headers.get('location'), loginUrl);
      assert.equal(landed.pathname + landed.search, `/account/${asked}`);
      const viewed = await (await jar.fetch(landed)).text();
      assert.match(viewed, new RegExp(`<code>${deviceId}</code>`));
      assert.equal((viewed.match(/<div class="session"/g) ?? []).length, 1, 'only that device is shown');
      assert.match(viewed, /All sessions/);
      // The whole page lists it too, with the user's Matrix ID.
      const { html: whole } = await accountPage(jar);
      assert.match(whole, new RegExp(`@${USER}:${serverName().replaceAll('.', '\\.')}`));
      assert.match(whole, new RegExp(`<code>${deviceId}</code>`));
      assert.equal((await client(tokens.access_token, '/account/whoami')).status, 200, 'viewing ends nothing');
      // Browsers are listed too: this one without a sign-out form of its
      // own, another one with, which signs that browser out.
      assert.match(whole, /\(this browser\)/);
      const browserForms = (html) => new Set([...html.matchAll(
        /name="kind" value="browser">\s*<input type="hidden" name="session" value="([^"]+)"/g)].map((m) => m[1]));
      const before = browserForms(whole);
      const other = new CookieJar();
      const otherLogin = await (await other.fetch(`${cfg.authUrl}/login`)).text();
      assert.equal((await other.fetch(`${cfg.authUrl}/login`, {
        method: 'POST', form: { csrf: csrfOf(otherLogin), username: USER, password: PASSWORD },
      })).status, 303);
      const { html: withOther } = await accountPage(jar);
      const added = [...browserForms(withOther)].filter((id) => !before.has(id));
      assert.equal(added.length, 1, 'the other browser, with its sign-out form');
      const signedOut = await jar.fetch(metadata.account_management_uri, {
        method: 'POST', form: { csrf: csrfOf(withOther), op: 'end_session', kind: 'browser', session: added[0] },
      });
      assert.equal(signedOut.status, 303);
      assert.equal((await other.fetch(metadata.account_management_uri)).status, 303, 'the other browser is signed out');
      assert.equal((await accountPage(jar)).res.status, 200, 'this one is not');

      const { res: resetRes, html: resetPage } = await accountPage(jar, '?action=org.matrix.cross_signing_reset');
      assert.equal(resetRes.status, 200, resetPage);
      const allowed = await jar.fetch(metadata.account_management_uri, {
        method: 'POST', form: { csrf: csrfOf(resetPage), op: 'allow_cross_signing_reset' },
      });
      assert.equal(allowed.status, 303, await allowed.text());
      // The homeserver recorded it (Synapse's window: 10 minutes from now).
      const until = await run('sqlite3', ['-cmd', '.timeout 5000', 'homeserver.db',
        `SELECT allowed_until FROM cross_signing_reset_allowed_until WHERE localpart = '${USER}'`], { cwd: cfg.dir });
      assert.equal(until.code, 0, until.stderr);
      assert.ok(Number(until.stdout.trim()) > Date.now(), `allowed until ${until.stdout}`);
    });

    test('the account page sets the display name on the homeserver, and clears it', async () => {
      const { jar } = await login();
      const profile = async () => {
        const res = await fetch(`${cfg.homeserverUrl}/_matrix/client/v3/profile/${encodeURIComponent(`@${USER}:${serverName()}`)}`);
        return res.status === 200 ? (await res.json()).displayname : undefined;
      };
      const save = async (displayname) => {
        const { html } = await accountPage(jar);
        const res = await jar.fetch(metadata.account_management_uri, {
          method: 'POST', form: { csrf: csrfOf(html), op: 'set_displayname', displayname },
        });
        assert.equal(res.status, 303, await res.text());
      };
      await save('  Alice <the first>  ');
      assert.equal(await profile(), 'Alice <the first>');
      const { html } = await accountPage(jar, '?done=displayname_changed');
      assert.match(html, /Your display name was saved\./);
      assert.match(html, /name="displayname" value="Alice &lt;the first&gt;"/);
      await save('');
      assert.equal(await profile() ?? null, null);
    });

    test('the account page changes the password: the current one is checked, the new one must be strong', async () => {
      const { jar } = await login();
      const legacyLogin = (password) => fetch(`${cfg.homeserverUrl}/_matrix/client/v3/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'm.login.password', identifier: { type: 'm.id.user', user: USER }, password }),
      });
      const NEW = 'another long passphrase, 43 times';
      // Where password managers look for the form (W3C change-password URL).
      const wellKnown = await fetch(`${cfg.authUrl}/.well-known/change-password`, { redirect: 'manual' });
      assert.equal(wellKnown.status, 303);
      assert.equal(new URL(wellKnown.headers.get('location')).pathname, '/account/');
      const change = async (current, next, again = next) => {
        const { html } = await accountPage(jar);
        assert.match(html, /name="current_password"/);
        return jar.fetch(metadata.account_management_uri, {
          method: 'POST',
          form: { csrf: csrfOf(html), op: 'change_password', current_password: current, new_password: next, new_password_confirm: again },
        });
      };
      let res = await change('not my password', NEW);
      assert.equal(res.status, 400);
      assert.match(await res.text(), /Your current password is not right\./);
      res = await change(PASSWORD, NEW, 'something else');
      assert.equal(res.status, 400);
      assert.match(await res.text(), /The passwords do not match\./);
      res = await change(PASSWORD, 'password');
      assert.equal(res.status, 400);
      assert.match(await res.text(), /too easy to guess/);
      assert.equal((await legacyLogin(PASSWORD)).status, 200, 'nothing changed yet');
      res = await change(PASSWORD, NEW);
      assert.equal(res.status, 303, await res.text());
      assert.match(await (await jar.fetch(new URL(res.headers.get('location'), metadata.account_management_uri))).text(),
        /Your password was changed\./);
      assert.equal((await legacyLogin(PASSWORD)).status, 403);
      assert.equal((await legacyLogin(NEW)).status, 200);
      // And back, for the tests after this one.
      assert.equal((await change(NEW, PASSWORD)).status, 303);
      assert.equal((await legacyLogin(PASSWORD)).status, 200);
    });

    test('the account page deactivates the account: confirmed by Matrix ID and password, every session ends', async () => {
      const carol = { username: `carol${backend.name.slice(0, 2).toLowerCase()}`, password: 'carol has a long passphrase 7' };
      const reg = await gh(['manage', 'register-user', carol.username, '-p', carol.password, '-y']);
      assert.equal(reg.code, 0, reg.stderr + reg.stdout);
      const queryUser = async () => fetch(`${cfg.homeserverUrl}/_synapse/mas/query_user?localpart=${carol.username}`,
        { headers: { authorization: `Bearer ${secret}` } });
      await eventually(async () => (await queryUser()).status === 200, 'carol on the homeserver');
      const { jar, tokens } = await login(carol);
      assert.equal((await client(tokens.access_token, '/account/whoami')).status, 200);
      const mxid = `@${carol.username}:${serverName()}`;
      const deactivate = async (fields) => {
        const { html } = await accountPage(jar);
        assert.match(html, /name="confirm_matrix_id"/);
        return jar.fetch(metadata.account_management_uri, {
          method: 'POST', form: { csrf: csrfOf(html), op: 'deactivate', ...fields },
        });
      };
      let res = await deactivate({ confirm_matrix_id: `@${USER}:${serverName()}`, password: carol.password });
      assert.equal(res.status, 400);
      assert.match(await res.text(), /type your Matrix ID/);
      res = await deactivate({ confirm_matrix_id: mxid, password: 'wrong' });
      assert.equal(res.status, 400);
      assert.match(await res.text(), /Your current password is not right\./);
      assert.equal((await client(tokens.access_token, '/account/whoami')).status, 200, 'nothing happened yet');
      res = await deactivate({ confirm_matrix_id: mxid, password: carol.password });
      assert.equal(res.status, 200);
      assert.match(await res.text(), /Your account has been deactivated\./);
      await assertUnknownToken(tokens.access_token);
      // Signed out of the page too, and no login works any more.
      assert.equal((await accountPage(jar)).res.status, 303);
      const legacy = await fetch(`${cfg.homeserverUrl}/_matrix/client/v3/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'm.login.password', identifier: { type: 'm.id.user', user: carol.username }, password: carol.password }),
      });
      assert.equal(legacy.status, 403);
      assert.equal((await legacy.json()).errcode, 'M_USER_DEACTIVATED');
      // The deactivate-user job reaches the homeserver.
      await eventually(async () => (await (await queryUser()).json()).is_deactivated === true, 'carol deactivated on the homeserver');
    });

    test('homeserver down at the token exchange: a clean failure, then success once it is back', async () => {
      const flow = await authorize();
      await hs.stop();
      const raw = await fetch(metadata.token_endpoint, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'authorization_code', code: 'unused', redirect_uri: REDIRECT, client_id: clientId,
        }),
      });
      assert.equal(raw.status, 400);  // a bad code is still a protocol error, homeserver or not
      // What the SDK got back, seen through fetch.
      const answers = [];
      const realFetch = globalThis.fetch;
      globalThis.fetch = async (input, init) => {
        const res = await realFetch(input, init);
        if (String(input?.url ?? input) === metadata.token_endpoint) {
          answers.push({ status: res.status, body: await res.clone().json() });
        }
        return res;
      };
      try {
        await assert.rejects(flow.exchange());
      } finally {
        globalThis.fetch = realFetch;
      }
      assert.equal(answers.length, 1);
      assert.equal(answers[0].status, 503);
      assert.equal(answers[0].body.error, 'temporarily_unavailable');
      assert.equal(answers[0].body.access_token, undefined);
      hs = await startHomeserver(cfg);
      const again = await login();
      const devices = await (await client(again.tokens.access_token, '/devices')).json();
      assert.ok(devices.devices.some((d) => d.device_id === again.deviceId));
      assert.ok(!devices.devices.some((d) => d.device_id === flow.deviceId), 'the failed device was not kept');
    });
  });
}
