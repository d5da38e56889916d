// The browser half of the authorization server, end to end against the real
// `gatehouse server`: openid-client v6 (discovery, PKCE, id_token checks,
// userinfo, refresh) with the login and consent forms driven over plain
// HTTP with a cookie jar, the error pages that must never redirect, and a
// real headless Chromium typing a password into the login page and signing
// a device out on the account page.
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import * as client from 'openid-client';

import { CookieJar, actionOf, authorizeInBrowser, csrfOf } from './lib/browser.mjs';
import { catchRedirect, skipWithoutChromium, withChromiumPage } from './lib/chromium.mjs';
import { gatehouse, generateConfigs, startAuth, startHomeserver, tempDir } from './lib/harness.mjs';

const PUBLIC_CLIENT = '01J8PB11C0000000000000000A';
const CONFIDENTIAL_CLIENT = '01J8C0NF1DENT000000000000B';
const CONFIDENTIAL_SECRET = 'a-confidential-client-secret-for-tests';
const REDIRECT = 'https://app.example/callback';
const NATIVE_REDIRECT = 'http://127.0.0.1/callback';
const USER = 'alice';
const PASSWORD = 'correct horse battery staple 42';

describe('authorization code flow through the browser pages', async () => {
  let cfg;
  let auth;
  let hs;
  let oidc;  // openid-client Configuration for the public client
  let confidential;

  before(async () => {
    cfg = await generateConfigs(tempDir());
    appendFileSync(cfg.configPath, `
clients:
  - client_id: ${PUBLIC_CLIENT}
    client_auth_method: none
    client_name: Test <Public> App
    redirect_uris: ["${REDIRECT}", "${NATIVE_REDIRECT}"]
  - client_id: ${CONFIDENTIAL_CLIENT}
    client_auth_method: client_secret_basic
    client_secret: ${CONFIDENTIAL_SECRET}
    redirect_uris: ["${REDIRECT}"]
rate_limiting:
  login:
    per_ip: {burst: 1000, per_second: 100}
`);
    const migrate = await gatehouse(['database', 'migrate', '-c', cfg.configPath], { cwd: cfg.dir });
    assert.equal(migrate.code, 0, migrate.stderr);
    const sync = await gatehouse(['config', 'sync', '-c', cfg.configPath], { cwd: cfg.dir });
    assert.equal(sync.code, 0, sync.stderr);
    const reg = await gatehouse(['manage', 'register-user', USER, '-p', PASSWORD,
      '-e', 'alice@example.org', '-y', '--ignore-password-complexity', '-c', cfg.configPath], { cwd: cfg.dir });
    assert.equal(reg.code, 0, reg.stderr + reg.stdout);
    // Logins with a device scope create the device on the homeserver first.
    hs = await startHomeserver(cfg);
    auth = await startAuth(cfg);
    const issuer = new URL(`${cfg.authUrl}/`);
    oidc = await client.discovery(issuer, PUBLIC_CLIENT, { token_endpoint_auth_method: 'none' },
      client.None(), { execute: [client.allowInsecureRequests] });
    confidential = await client.discovery(issuer, CONFIDENTIAL_CLIENT, CONFIDENTIAL_SECRET,
      client.ClientSecretBasic(CONFIDENTIAL_SECRET), { execute: [client.allowInsecureRequests] });
  });
  after(async () => {
    await auth?.stop();
    await hs?.stop();
  });

  /** An authorization URL with fresh PKCE, state and nonce. */
  async function authorization(config, params = {}) {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT, scope: 'openid', state, nonce,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256', ...params,
    });
    return { url, verifier, state, nonce };
  }

  /** Signs in on the login page the flow led to; returns the next Location. */
  async function logIn(jar, loginUrl, password = PASSWORD) {
    const page = await jar.fetch(loginUrl);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    return jar.fetch(new URL(actionOf(html), loginUrl), {
      method: 'POST', form: { csrf: csrfOf(html), username: USER, password },
    });
  }

  /** Runs the whole browser side; returns the URL the client got back. */
  const browse = (jar, url, { decision = 'allow' } = {}) =>
    authorizeInBrowser(jar, url, { username: USER, password: PASSWORD, decision });


  test('discovery, login, consent, code exchange with PKCE, id_token, userinfo, refresh', async () => {
    const jar = new CookieJar();
    const req = await authorization(oidc);
    const callback = await browse(jar, req.url);
    assert.equal(callback.origin + callback.pathname, REDIRECT);
    assert.equal(callback.searchParams.get('iss'), `${cfg.authUrl}/`);
    const tokens = await client.authorizationCodeGrant(oidc, callback, {
      pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce,
    });
    assert.ok(tokens.refresh_token, 'every code exchange returns a refresh token');
    const claims = tokens.claims();
    assert.equal(claims.aud, PUBLIC_CLIENT);
    assert.equal(claims.nonce, req.nonce);
    assert.ok(claims.auth_time > 0);
    const info = await client.fetchUserInfo(oidc, tokens.access_token, claims.sub);
    assert.equal(info.sub, claims.sub);
    assert.equal(info.username, USER);
    assert.equal(info.email, undefined, 'no email without the email scope');
    const refreshed = await client.refreshTokenGrant(oidc, tokens.refresh_token);
    assert.ok(refreshed.access_token && refreshed.access_token !== tokens.access_token);
    const again = await client.fetchUserInfo(oidc, refreshed.access_token, claims.sub);
    assert.equal(again.username, USER);
  });

  test('userinfo includes the confirmed email when the email scope was granted', async () => {
    const jar = new CookieJar();
    const req = await authorization(oidc, { scope: 'openid email' });
    const callback = await browse(jar, req.url);
    const tokens = await client.authorizationCodeGrant(oidc, callback, {
      pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce,
    });
    const info = await client.fetchUserInfo(oidc, tokens.access_token, tokens.claims().sub);
    assert.equal(info.email, 'alice@example.org');
  });

  test('a second request with consent on record skips the consent page; prompt=consent asks again', async () => {
    const jar = new CookieJar();
    const first = await authorization(oidc);
    await browse(jar, first.url);
    const second = await authorization(oidc);
    let res = await jar.fetch(second.url);
    let location = new URL(res.headers.get('location'));
    assert.match(location.pathname, /^\/consent\//, 'signed in: no login page');
    res = await jar.fetch(location);
    assert.equal(res.status, 302, 'consent on record: straight back to the client');
    assert.ok(new URL(res.headers.get('location')).searchParams.get('code'));
    const third = await authorization(oidc, { prompt: 'consent' });
    res = await jar.fetch(third.url);
    res = await jar.fetch(new URL(res.headers.get('location')));
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Allow access/);
  });

  test('prompt=none without a session answers login_required to the client', async () => {
    const req = await authorization(oidc, { prompt: 'none' });
    const res = await new CookieJar().fetch(req.url);
    assert.equal(res.status, 302);
    const back = new URL(res.headers.get('location'));
    assert.equal(back.origin + back.pathname, REDIRECT);
    assert.equal(back.searchParams.get('error'), 'login_required');
    assert.equal(back.searchParams.get('state'), req.state);
  });

  test('prompt=none with a session and consent returns a code without any page', async () => {
    const jar = new CookieJar();
    await browse(jar, (await authorization(oidc)).url);
    const req = await authorization(oidc, { prompt: 'none' });
    let res = await jar.fetch(req.url);
    res = await jar.fetch(new URL(res.headers.get('location')));
    assert.equal(res.status, 302);
    const tokens = await client.authorizationCodeGrant(oidc, new URL(res.headers.get('location')), {
      pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce,
    });
    assert.ok(tokens.access_token);
  });

  test('prompt=login makes a signed-in browser sign in again', async () => {
    const jar = new CookieJar();
    await browse(jar, (await authorization(oidc)).url);
    const req = await authorization(oidc, { prompt: 'login' });
    const res = await jar.fetch(req.url);
    assert.equal(new URL(res.headers.get('location')).pathname, '/login');
  });

  test('a wrong password shows the error on the page (401) and sets no session', async () => {
    const jar = new CookieJar();
    const req = await authorization(oidc);
    const res = await jar.fetch(req.url);
    const login = await logIn(jar, new URL(res.headers.get('location')), 'wrong password');
    assert.equal(login.status, 401);
    assert.match(await login.text(), /Wrong username or password/);
    const again = await jar.fetch(req.url.href.replace(/state=[^&]+/, 'state=x'));
    assert.equal(new URL(again.headers.get('location')).pathname, '/login');
  });

  test('a login POST without the CSRF field is refused', async () => {
    const jar = new CookieJar();
    const page = await jar.fetch(`${cfg.authUrl}/login`);
    await page.text();
    const res = await jar.fetch(`${cfg.authUrl}/login`, {
      method: 'POST', form: { username: USER, password: PASSWORD },
    });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('location'), null);
  });

  test('Deny sends access_denied to the client', async () => {
    // prompt=consent: the consent earlier tests recorded is asked again.
    const req = await authorization(oidc, { prompt: 'consent' });
    const back = await browse(new CookieJar(), req.url, { decision: 'deny' });
    assert.equal(back.searchParams.get('error'), 'access_denied');
    assert.equal(back.searchParams.get('state'), req.state);
  });

  test('a wrong PKCE verifier is invalid_grant', async () => {
    const req = await authorization(oidc);
    const callback = await browse(new CookieJar(), req.url);
    await assert.rejects(client.authorizationCodeGrant(oidc, callback, {
      pkceCodeVerifier: client.randomPKCECodeVerifier(), expectedState: req.state, expectedNonce: req.nonce,
    }), (e) => e.error === 'invalid_grant');
  });

  test('a replayed code is invalid_grant', async () => {
    const req = await authorization(oidc);
    const callback = await browse(new CookieJar(), req.url);
    const checks = { pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce };
    await client.authorizationCodeGrant(oidc, callback, checks);
    await assert.rejects(client.authorizationCodeGrant(oidc, callback, checks),
      (e) => e.error === 'invalid_grant');
  });

  test('an unregistered redirect_uri or unknown client is a page, never a redirect', async () => {
    const req = await authorization(oidc, { redirect_uri: 'https://evil.example/callback' });
    const res = await fetch(req.url, { redirect: 'manual' });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('location'), null);
    assert.match(await res.text(), /Invalid redirect URI/);
    const unknown = new URL(req.url);
    unknown.searchParams.set('client_id', '01J8ZZZZ0000000000000000ZZ');
    unknown.searchParams.set('redirect_uri', REDIRECT);
    const res2 = await fetch(unknown, { redirect: 'manual' });
    assert.equal(res2.status, 400);
    assert.equal(res2.headers.get('location'), null);
  });

  test('a public client without PKCE gets invalid_request at its redirect_uri', async () => {
    const url = client.buildAuthorizationUrl(oidc, { redirect_uri: REDIRECT, scope: 'openid', state: 's' });
    const res = await fetch(url, { redirect: 'manual' });
    assert.equal(res.status, 302);
    const back = new URL(res.headers.get('location'));
    assert.equal(back.searchParams.get('error'), 'invalid_request');
    assert.equal(back.searchParams.get('state'), 's');
  });

  test('native loopback redirect on any port, answered in the fragment', async () => {
    const req = await authorization(oidc, {
      redirect_uri: 'http://127.0.0.1:49152/callback', response_mode: 'fragment',
    });
    const back = await browse(new CookieJar(), req.url);
    assert.equal(back.origin, 'http://127.0.0.1:49152');
    const params = new URLSearchParams(back.hash.slice(1));
    assert.ok(params.get('code'));
    assert.equal(params.get('state'), req.state);
  });

  test('response_mode=form_post answers with an auto-submitting form', async () => {
    const jar = new CookieJar();
    await browse(jar, (await authorization(oidc)).url);
    const req = await authorization(oidc, { response_mode: 'form_post' });
    let res = await jar.fetch(req.url);
    res = await jar.fetch(new URL(res.headers.get('location')));
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, new RegExp(`action="${REDIRECT}"`));
    assert.match(html, /name="code" value="[A-Za-z0-9]{32}"/);
    assert.match(res.headers.get('content-security-policy'), /script-src 'nonce-/);
  });

  test('a confidential client completes the flow with client_secret_basic', async () => {
    const req = await authorization(confidential);
    const callback = await browse(new CookieJar(), req.url);
    const tokens = await client.authorizationCodeGrant(confidential, callback, {
      pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce,
    });
    assert.equal(tokens.claims().aud, CONFIDENTIAL_CLIENT);
  });

  test('userinfo refuses a missing or unknown token with WWW-Authenticate', async () => {
    const none = await fetch(`${cfg.authUrl}/oauth2/userinfo`);
    assert.equal(none.status, 401);
    assert.match(none.headers.get('www-authenticate'), /^Bearer/);
    const bad = await fetch(`${cfg.authUrl}/oauth2/userinfo`, {
      headers: { authorization: 'Bearer mat_000000000000000000000000000000_000000' },
    });
    assert.equal(bad.status, 401);
    assert.match(bad.headers.get('www-authenticate'), /error="invalid_token"/);
  });

  test('RP-initiated logout ends the browser session and returns with state', async () => {
    const jar = new CookieJar();
    const req = await authorization(oidc);
    const tokens = await client.authorizationCodeGrant(oidc, await browse(jar, req.url), {
      pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce,
    });
    const logout = client.buildEndSessionUrl(oidc, {
      id_token_hint: tokens.id_token, post_logout_redirect_uri: REDIRECT, state: 'bye',
    });
    const res = await jar.fetch(logout);
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), `${REDIRECT}?state=bye`);
    const next = await jar.fetch((await authorization(oidc)).url);
    assert.equal(new URL(next.headers.get('location')).pathname, '/login');
    const evil = client.buildEndSessionUrl(oidc, { post_logout_redirect_uri: 'https://evil.example/' });
    const refused = await fetch(evil, { redirect: 'manual' });
    assert.equal(refused.status, 400);
    assert.equal(refused.headers.get('location'), null);
  });

  test('device flow: /link takes the user code, sign-in and consent, then the device polls', async () => {
    const device = await client.initiateDeviceAuthorization(oidc, { scope: 'openid' });
    assert.match(device.verification_uri, /\/link$/);
    const jar = new CookieJar();
    const page = await jar.fetch(device.verification_uri);
    const html = await page.text();
    const typed = device.user_code.toLowerCase();  // people type codes in any case
    let res = await jar.fetch(device.verification_uri, { method: 'POST', form: { csrf: csrfOf(html), code: typed } });
    assert.equal(res.status, 303, await res.text());
    const consentUrl = new URL(res.headers.get('location'));
    res = await jar.fetch(consentUrl);
    assert.equal(new URL(res.headers.get('location')).pathname, '/login');
    res = await logIn(jar, new URL(res.headers.get('location')));
    assert.equal(res.headers.get('location'), consentUrl.href);
    res = await jar.fetch(consentUrl);
    const consent = await res.text();
    assert.match(consent, /Test &lt;Public&gt; App/);
    res = await jar.fetch(consentUrl, { method: 'POST', form: { csrf: csrfOf(consent), action: 'allow' } });
    assert.match(await res.text(), /device is now signed in/);
    const tokens = await client.pollDeviceAuthorizationGrant(oidc, device);
    assert.ok(tokens.access_token);
    const wrong = await jar.fetch(device.verification_uri, { method: 'POST', form: { csrf: csrfOf(html), code: 'ZZZZZZ' } });
    assert.equal(wrong.status, 400);
    assert.match(await wrong.text(), /unknown or has expired/);
  });

  test('matrix-js-sdk 43: metadata, registration, fragment-mode authorization, code exchange', async () => {
    const { OAuth2, isValidAuthMetadata } = await import('matrix-js-sdk');
    const metadata = await (await fetch(`${cfg.authUrl}/.well-known/openid-configuration`)).json();
    assert.ok(isValidAuthMetadata(metadata), 'matrix-js-sdk 43 accepts the metadata');
    const redirectUri = 'https://element.example/';
    const clientId = await OAuth2.registerClient(metadata, {
      client_name: 'Element', client_uri: 'https://element.example/', application_type: 'web',
      redirect_uris: [redirectUri],
    });
    const oauth = new OAuth2(metadata, { clientId, deviceId: 'ELEMENTDEV1' });
    const url = new URL(await oauth.generateAuthorizationCodeGrantUrl('st4te', redirectUri, 'fragment'));
    assert.equal(url.searchParams.get('response_mode'), 'fragment');
    assert.doesNotMatch(url.searchParams.get('scope'), /openid/);
    const back = await browse(new CookieJar(), url);
    const params = new URLSearchParams(back.hash.slice(1));
    assert.equal(params.get('state'), 'st4te');
    const tokens = await oauth.completeAuthorizationCodeGrant(params.get('code'), redirectUri);
    assert.ok(tokens.access_token && tokens.refresh_token);
    assert.match(tokens.scope, /urn:matrix:client:device:ELEMENTDEV1/);
  });

  test('a real headless Chromium: typing the password and pressing the button', {
    skip: skipWithoutChromium,
  }, async () => withChromiumPage(async (page) => {
    // The client's redirect URI is not served: answer it in the browser.
    const callback = await catchRedirect(page, REDIRECT);
    const req = await authorization(oidc, { prompt: 'consent' });
    await page.goto(req.url.href);
    await page.getByLabel('Username').click();
    await page.keyboard.type(USER);
    await page.getByLabel('Password').click();
    await page.keyboard.type(PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${REDIRECT}**`);
    const tokens = await client.authorizationCodeGrant(oidc, callback(), {
      pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce,
    });
    assert.equal(tokens.claims().aud, PUBLIC_CLIENT);
  }));

  test('a real headless Chromium signs a device out on the account page', {
    skip: skipWithoutChromium,
  }, async () => {
    const device = 'CHROMIUMDEVICE1';
    const jar = new CookieJar();
    const req = await authorization(oidc, { scope: `openid urn:matrix:client:api:* urn:matrix:client:device:${device}` });
    const back = await authorizeInBrowser(jar, req.url, { username: USER, password: PASSWORD });
    const tokens = await client.authorizationCodeGrant(oidc, back, {
      pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce,
    });
    const whoami = () => fetch(`${cfg.homeserverUrl}/_matrix/client/v3/account/whoami`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    assert.equal((await whoami()).status, 200);
    const { account_management_uri: account } = await (await fetch(`${cfg.authUrl}/.well-known/openid-configuration`)).json();
    await withChromiumPage(async (page) => {
      // As a client sends the user: not signed in in this browser yet.
      await page.goto(`${account}?action=org.matrix.device_delete&device_id=${device}`);
      await page.getByLabel('Username').click();
      await page.keyboard.type(USER);
      await page.getByLabel('Password').click();
      await page.keyboard.type(PASSWORD);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { name: 'Sign out this device?' }).waitFor();
      assert.equal(await page.getByText('alice@example.org').count(), 0, 'this view shows no profile');
      await page.getByRole('button', { name: 'Sign out this session' }).click();
      await page.getByText('The session was signed out.').waitFor();
      // Back on the whole page: the profile with the user's email.
      await page.getByText('Email: alice@example.org').waitFor();
    });
    assert.equal((await whoami()).status, 401);
  });
});
