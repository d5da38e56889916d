// The legacy login API's SSO redirect flow driven over HTTP like a browser
// (cookies, manual redirects, the login form and the confirmation page that
// names the client's host), `manage issue-compatibility-token` and what the
// homeserver's introspection sees for compat tokens, the configured upstream
// providers in GET /login, email login, and every Matrix error of the API
// provoked once. Through the homeserver, on SQLite (the SSO flow
// on PostgreSQL too).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import { CookieJar, actionOf, csrfOf } from './lib/browser.mjs';
import { PASSWORD, USER, clientApi, compatStack } from './lib/compat.mjs';
import { eventually, freshPostgresUri } from './lib/harness.mjs';

const CLIENT_CB = 'https://client.example/cb?keep=1';
const IDP = '01JQK7DK6VFH62NMW4HS9RKD3R';

const backends = [
  { name: 'SQLite', uri: () => undefined },
  { name: 'PostgreSQL', uri: () => freshPostgresUri('compat_sso') },
];

for (const backend of backends) {
  const skip = backend.name === 'PostgreSQL' && !process.env.GATEHOUSE_TEST_POSTGRES_URI
    ? 'GATEHOUSE_TEST_POSTGRES_URI is not set' : false;

  describe(`compat SSO redirect, CLI token, errors, on ${backend.name}`, { skip }, () => {
    let stack;
    let api;
    let sdk;
    const hs = () => stack.cfg.homeserverUrl;
    const postLogin = (body, headers = {}) => fetch(`${hs()}/_matrix/client/v3/login`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    async function expectError(res, status, errcode) {
      const body = await res.json();
      assert.equal(res.status, status, JSON.stringify(body));
      assert.equal(body.errcode, errcode, JSON.stringify(body));
      assert.equal(typeof body.error, 'string');
      return body;
    }

    before(async () => {
      stack = await compatStack(backend.uri(), {
        perAccount: { burst: 5, per_second: 0.01 },
        extraConfig: `account:\n  login_with_email_allowed: true\nupstream_oauth2:\n  providers:\n    - {id: ${IDP}, human_name: Example SSO, brand_name: github, issuer: 'https://idp.example',\n       client_id: gatehouse, token_endpoint_auth_method: none, scope: openid}\n`,
      });
      api = clientApi(stack.cfg);
      sdk = await import('matrix-js-sdk');
      for (const name of ['carol', 'dave', 'eve']) {
        const r = await stack.gh(['manage', 'register-user', name, '-p', PASSWORD, '-y', '--ignore-password-complexity']);
        assert.equal(r.code, 0, r.stderr);
      }
      assert.equal((await stack.gh(['manage', 'lock-user', 'carol'])).code, 0);
      assert.equal((await stack.gh(['manage', 'lock-user', 'dave', '--deactivate'])).code, 0);
    });
    after(async () => {
      await stack?.auth.stop();
      await stack?.hs.stop();
    });

    test('SSO redirect: login form, confirmation naming the host, loginToken, m.login.token once', async () => {
      const jar = new CookieJar();
      const client = sdk.createClient({ baseUrl: hs() });
      let res = await jar.fetch(client.getSsoLoginUrl(CLIENT_CB));
      assert.equal(res.status, 302, await res.text());
      const complete = new URL(res.headers.get('location'));
      assert.equal(complete.origin, stack.cfg.authUrl);
      assert.match(complete.pathname, /^\/complete-compat-sso\/[0-9A-Z]{26}$/);
      // Not signed in yet: the login form, which comes back here.
      res = await jar.fetch(complete);
      assert.equal(res.status, 303);
      const login = new URL(res.headers.get('location'), complete);
      assert.equal(login.pathname, '/login');
      let html = await (await jar.fetch(login)).text();
      res = await jar.fetch(new URL(actionOf(html), login), {
        method: 'POST', form: { csrf: csrfOf(html), username: USER, password: PASSWORD },
      });
      assert.equal(res.status, 303, await res.text());
      assert.equal(new URL(res.headers.get('location'), login).pathname, complete.pathname);
      // The confirmation names where the token goes.
      res = await jar.fetch(complete);
      html = await res.text();
      assert.equal(res.status, 200, html);
      assert.match(html, /client\.example/);
      assert.match(html, new RegExp(USER));
      // Without the CSRF value nothing happens.
      res = await jar.fetch(complete, { method: 'POST', form: { action: 'continue' } });
      assert.equal(res.status, 400);
      res = await jar.fetch(complete, { method: 'POST', form: { csrf: csrfOf(html), action: 'continue' } });
      assert.equal(res.status, 302, await res.text());
      const back = new URL(res.headers.get('location'));
      assert.equal(`${back.origin}${back.pathname}`, 'https://client.example/cb');
      assert.equal(back.searchParams.get('keep'), '1');
      const loginToken = back.searchParams.get('loginToken');
      assert.match(loginToken, /^[A-Za-z0-9]{32}$/);
      // The page cannot be used twice.
      res = await jar.fetch(complete, { method: 'POST', form: { csrf: csrfOf(html), action: 'continue' } });
      assert.equal(res.status, 400);

      const answer = await client.loginRequest({ type: 'm.login.token', token: loginToken, device_id: 'SSODEVICE1' });
      assert.equal(answer.user_id, `@${USER}:${stack.serverName}`);
      assert.equal(answer.device_id, 'SSODEVICE1');
      const me = await sdk.createClient({ baseUrl: hs(), accessToken: answer.access_token }).whoami();
      assert.equal(me.device_id, 'SSODEVICE1');
      // One use only.
      await expectError(await postLogin({ type: 'm.login.token', token: loginToken }), 403, 'M_FORBIDDEN');
    });

    test('SSO redirect: missing or bad redirectUrl, unknown idp', async () => {
      const base = `${hs()}/_matrix/client/v3/login/sso/redirect`;
      await expectError(await fetch(base, { redirect: 'manual' }), 400, 'M_MISSING_PARAM');
      await expectError(await fetch(`${base}?redirectUrl=${encodeURIComponent('javascript:alert(1)')}`, { redirect: 'manual' }),
        400, 'M_INVALID_PARAM');
      await expectError(await fetch(`${base}?redirectUrl=%2Frelative`, { redirect: 'manual' }), 400, 'M_INVALID_PARAM');
      await expectError(await fetch(`${base}/oidc-nope?redirectUrl=${encodeURIComponent(CLIENT_CB)}`, { redirect: 'manual' }),
        404, 'M_NOT_FOUND');
      // A configured provider is listed, and its redirect goes straight to
      // it, carrying the handshake (upstream_sso.test.mjs follows it).
      const { flows } = await (await fetch(`${hs()}/_matrix/client/v3/login`)).json();
      assert.deepEqual(flows.find((f) => f.type === 'm.login.sso').identity_providers,
        [{ id: IDP, name: 'Example SSO', brand: 'github' }]);
      const known = await fetch(`${base}/${IDP}?redirectUrl=${encodeURIComponent(CLIENT_CB)}`, { redirect: 'manual' });
      assert.equal(known.status, 302);
      const upstream = new URL(known.headers.get('location'));
      assert.equal(upstream.pathname, `/upstream/authorize/${IDP}`);
      assert.equal(upstream.searchParams.get('kind'), 'continue_compat_sso_login');
      assert.match(upstream.searchParams.get('id'), /^[0-9A-Z]{26}$/);
    });

    test('manage issue-compatibility-token: device first, a working mct_ token, MAS introspection fields', async () => {
      const r = await stack.gh(['manage', 'issue-compatibility-token', USER, 'CLIBOTDEV1', '--yes-i-want-to-grant-synapse-admin-privileges']);
      assert.equal(r.code, 0, r.stderr);
      const token = r.stdout.trim().split('\n').at(-1);
      assert.match(token, /^mct_/);
      const me = await (await api(token, '/account/whoami')).json();
      assert.equal(me.device_id, 'CLIBOTDEV1');
      const secret = readFileSync(stack.cfg.homeserverConfigPath, 'utf8').match(/^\s*secret:\s*"?([^"\n]+)"?\s*$/m)[1];
      const introspect = async (headers) => (await fetch(`${stack.cfg.authUrl}/oauth2/introspect`, {
        method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({ token }).toString(),
      })).json();
      const plain = await introspect({});
      assert.equal(plain.active, true);
      assert.equal(plain.client_id, 'legacy');
      assert.equal(plain.username, USER);
      assert.equal(plain.token_type, 'access_token');
      assert.equal(plain.jti, undefined);
      assert.equal(plain.exp, undefined);
      assert.deepEqual(plain.scope.split(' ').sort(), [
        'urn:matrix:client:api:*', 'urn:matrix:client:device:CLIBOTDEV1',
        'urn:matrix:org.matrix.msc2967.client:api:*', 'urn:matrix:org.matrix.msc2967.client:device:CLIBOTDEV1',
        'urn:synapse:admin:*',
      ]);
      const withDevice = await introspect({ 'x-mas-supports-device-id': '1' });
      assert.equal(withDevice.device_id, 'CLIBOTDEV1');
      assert.doesNotMatch(withDevice.scope, /device:/);
      // An unknown user is refused without writing anything.
      const nobody = await stack.gh(['manage', 'issue-compatibility-token', 'nobody']);
      assert.notEqual(nobody.code, 0);
    });

    test('lock-user --deactivate finishes every session: reactivating does not revive an old token', async () => {
      const reg = await stack.gh(['manage', 'register-user', 'frank', '-p', PASSWORD, '-y', '--ignore-password-complexity']);
      assert.equal(reg.code, 0, reg.stderr);
      // The device needs the user on the homeserver: provisioning is a job.
      const issued = await eventually(async () => {
        const r = await stack.gh(['manage', 'issue-compatibility-token', 'frank', 'FRANKDEV01']);
        return r.code === 0 && r;
      }, 'frank provisioned on the homeserver');
      const token = issued.stdout.trim().split('\n').at(-1);
      assert.equal((await api(token, '/account/whoami')).status, 200);
      const locked = await stack.gh(['manage', 'lock-user', 'frank', '--deactivate']);
      assert.equal(locked.code, 0, locked.stderr);
      assert.match(locked.stdout + locked.stderr, /locked and deactivated \(finished \d+ browser, 1 compat, 0 oauth2 session\(s\)\)/);
      const unlocked = await stack.gh(['manage', 'unlock-user', 'frank', '--reactivate']);
      assert.equal(unlocked.code, 0, unlocked.stderr);
      const after = await api(token, '/account/whoami');
      assert.equal(after.status, 401);
      assert.equal((await after.json()).errcode, 'M_UNKNOWN_TOKEN');
    });

    test('every error of the API, once', async () => {
      // Bad credentials read the same whether or not the user exists.
      const wrong = await expectError(await postLogin({ type: 'm.login.password', user: USER, password: 'nope' }), 403, 'M_FORBIDDEN');
      const ghost = await expectError(await postLogin({ type: 'm.login.password', user: 'ghost', password: 'nope' }), 403, 'M_FORBIDDEN');
      assert.deepEqual(wrong, ghost);
      await expectError(await postLogin({ type: 'm.login.password', user: 'carol', password: PASSWORD }), 401, 'M_USER_LOCKED');
      await expectError(await postLogin({ type: 'm.login.password', user: 'dave', password: PASSWORD }), 403, 'M_USER_DEACTIVATED');
      // The per-account limit (5 here): the sixth try is refused before the password is looked at.
      for (let i = 0; i < 5; ++i) {
        await expectError(await postLogin({ type: 'm.login.password', user: 'eve', password: 'nope' }), 403, 'M_FORBIDDEN');
      }
      const limited = await postLogin({ type: 'm.login.password', user: 'eve', password: PASSWORD });
      const body = await expectError(limited, 429, 'M_LIMIT_EXCEEDED');
      assert.ok(body.retry_after_ms > 0);
      assert.ok(Number(limited.headers.get('retry-after')) >= 1);
      // The web login form shares the limiter: eve is refused there too.
      const jar = new CookieJar();
      const form = await jar.fetch(`${stack.cfg.authUrl}/login`);
      const page = await form.text();
      const web = await jar.fetch(new URL(actionOf(page), `${stack.cfg.authUrl}/login`), {
        method: 'POST', form: { csrf: csrfOf(page), username: 'eve', password: PASSWORD },
      });
      assert.equal(web.status, 429);
      // Tokens.
      await expectError(await api(null, '/logout', { method: 'POST', body: '{}' }), 401, 'M_MISSING_TOKEN');
      const unknown = await expectError(await api('mct_notarealtoken', '/logout', { method: 'POST', body: '{}' }), 401, 'M_UNKNOWN_TOKEN');
      assert.equal(unknown.soft_logout, false);
      await expectError(await fetch(`${hs()}/_matrix/client/v3/refresh`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refresh_token: 'mcr_nope' }),
      }), 401, 'M_UNKNOWN_TOKEN');
      // Bodies.
      await expectError(await postLogin('this is not json'), 400, 'M_NOT_JSON');
      await expectError(await postLogin('[1, 2]'), 400, 'M_BAD_JSON');
      await expectError(await postLogin({ type: 'm.login.password', user: 7, password: PASSWORD }), 400, 'M_BAD_JSON');
      await expectError(await postLogin({ type: 'm.login.dummy' }), 400, 'M_UNKNOWN');
      await expectError(await postLogin({
        type: 'm.login.password', identifier: { type: 'm.id.phone', country: 'GB', phone: '1' }, password: PASSWORD,
      }), 400, 'M_INVALID_PARAM');
      await expectError(await postLogin({ type: 'm.login.password', user: USER }), 400, 'M_MISSING_PARAM');
    });

    test('m.id.thirdparty email login (account.login_with_email_allowed); an unknown address reads as bad credentials', async () => {
      const added = await stack.gh(['manage', 'add-email', USER, 'alice@example.org']);
      assert.equal(added.code, 0, added.stderr);
      const email = (address, password = PASSWORD) => postLogin({
        type: 'm.login.password', identifier: { type: 'm.id.thirdparty', medium: 'email', address }, password,
      });
      const ok = await email('alice@example.org');
      assert.equal(ok.status, 200);
      assert.equal((await ok.json()).user_id, `@${USER}:${stack.serverName}`);
      const unknown = await expectError(await email('nobody@example.org'), 403, 'M_FORBIDDEN');
      const wrong = await expectError(await email('alice@example.org', 'nope'), 403, 'M_FORBIDDEN');
      assert.deepEqual(unknown, wrong);
    });
  });
}
