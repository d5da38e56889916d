// prompt=create end to end: the authorization request leads to the
// registration page, the account is created (registration token, password
// strength, localpart and availability checks shown on the form), the
// browser is signed in and the request continues through consent to a
// token. Over plain HTTP and in a real headless Chromium.
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import * as client from 'openid-client';

import { CookieJar, csrfOf } from './lib/browser.mjs';
import { catchRedirect, skipWithoutChromium, withChromiumPage } from './lib/chromium.mjs';
import { gatehouse, generateConfigs, startAuth, startHomeserver, tempDir } from './lib/harness.mjs';

const CLIENT = '01J8PB11C0000000000000000R';
const REDIRECT = 'https://app.example/callback';
const PASSWORD = 'correct horse battery staple 42';

describe('registration through prompt=create', () => {
  let cfg; let auth; let hs; let oidc;

  before(async () => {
    cfg = await generateConfigs(tempDir());
    appendFileSync(cfg.configPath, `
clients:
  - client_id: ${CLIENT}
    client_auth_method: none
    client_name: Register Test
    redirect_uris: ["${REDIRECT}"]
account:
  password_registration_enabled: true
  password_registration_email_required: false
  password_registration_token_required: true
rate_limiting:
  login:
    per_ip: {burst: 1000, per_second: 100}
  registration: {burst: 1000, per_second: 100}
`);
    const migrate = await gatehouse(['database', 'migrate', '-c', cfg.configPath], { cwd: cfg.dir });
    assert.equal(migrate.code, 0, migrate.stderr);
    const existing = await gatehouse(['manage', 'register-user', 'taken', '-p', PASSWORD, '-y',
      '--ignore-password-complexity', '-c', cfg.configPath], { cwd: cfg.dir });
    assert.equal(existing.code, 0, existing.stderr + existing.stdout);
    hs = await startHomeserver(cfg);
    auth = await startAuth(cfg);
    oidc = await client.discovery(new URL(`${cfg.authUrl}/`), CLIENT, { token_endpoint_auth_method: 'none' },
      client.None(), { execute: [client.allowInsecureRequests] });
  });
  after(async () => {
    await auth?.stop();
    await hs?.stop();
  });

  const issueToken = async () => {
    const out = await gatehouse(['manage', 'issue-user-registration-token', '-c', cfg.configPath], { cwd: cfg.dir });
    assert.equal(out.code, 0, out.stderr);
    return out.stdout.trim();
  };

  async function authorization() {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(oidc, {
      redirect_uri: REDIRECT, scope: 'openid urn:matrix:client:api:*', state, prompt: 'create',
      code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    });
    return { url, verifier, state };
  }

  /** Follows prompt=create to the registration page: {jar, registerUrl, html}. */
  async function openRegistration() {
    const jar = new CookieJar();
    const req = await authorization();
    const res = await jar.fetch(req.url);
    assert.equal(res.status, 303);
    const registerUrl = new URL(res.headers.get('location'));
    assert.equal(registerUrl.pathname, '/register');
    const page = await jar.fetch(registerUrl);
    assert.equal(page.status, 200);
    return { jar, req, registerUrl, html: await page.text() };
  }

  const submit = (jar, registerUrl, html, fields) => jar.fetch(registerUrl, {
    method: 'POST', form: { csrf: csrfOf(html), password: PASSWORD, password_confirm: PASSWORD, ...fields },
  });

  test('discovery advertises prompt=create; the login page links to registration', async () => {
    const meta = await (await fetch(`${cfg.authUrl}/.well-known/openid-configuration`)).json();
    assert.ok(meta.prompt_values_supported.includes('create'));
    const login = await (await fetch(`${cfg.authUrl}/login`)).text();
    assert.match(login, /href="[^"]*\/register"/);
  });

  test('mistakes are shown on the form, the username stays filled, nothing is created', async () => {
    const { jar, registerUrl, html } = await openRegistration();
    assert.match(html, /to continue to <strong>Register Test<\/strong>/);
    const token = await issueToken();
    const cases = [
      [{ username: 'bob', password_confirm: 'something else', token }, 400, /passwords do not match/],
      [{ username: 'bob', password: 'password', password_confirm: 'password', token }, 400, /too easy to guess/],
      [{ username: 'Bob!', token }, 400, /cannot be used/],
      [{ username: 'taken', token }, 409, /already taken/],
      [{ username: 'bob', token: 'not-a-token' }, 403, /registration token is not valid/],
      [{ username: 'bob' }, 400, /registration token is needed/],
    ];
    for (const [fields, status, message] of cases) {
      const res = await submit(jar, registerUrl, html, fields);
      const body = await res.text();
      assert.equal(res.status, status, body);
      assert.match(body, message);
      assert.ok(body.includes(`value="${fields.username}"`), 'username kept');
      assert.doesNotMatch(body, new RegExp(PASSWORD));
    }
    const noCsrf = await jar.fetch(registerUrl, { method: 'POST', form: { username: 'bob', password: PASSWORD } });
    assert.equal(noCsrf.status, 400);
    // The token was not used up by the failed attempts: it still works.
    const ok = await submit(jar, registerUrl, html, { username: 'bob', token });
    assert.equal(ok.status, 303, await ok.text());
  });

  test('over HTTP: register, consent, code exchange; the token cannot be used twice', async () => {
    const { jar, req, registerUrl, html } = await openRegistration();
    const token = await issueToken();
    let res = await submit(jar, registerUrl, html, { username: 'carol', token });
    assert.equal(res.status, 303, await res.text());
    const consentUrl = new URL(res.headers.get('location'));
    assert.match(consentUrl.pathname, /^\/consent\//);
    res = await jar.fetch(consentUrl);
    const consent = await res.text();
    assert.equal(res.status, 200, consent);
    assert.match(consent, /carol/);
    res = await jar.fetch(consentUrl, { method: 'POST', form: { csrf: csrfOf(consent), action: 'allow' } });
    assert.equal(res.status, 302, await res.text());
    const tokens = await client.authorizationCodeGrant(oidc, new URL(res.headers.get('location')), {
      pkceCodeVerifier: req.verifier, expectedState: req.state,
    });
    const info = await client.fetchUserInfo(oidc, tokens.access_token, tokens.claims().sub);
    assert.equal(info.username, 'carol');
    // The new account signs in with its password afterwards.
    const fresh = new CookieJar();
    const loginPage = await (await fresh.fetch(`${cfg.authUrl}/login`)).text();
    const login = await fresh.fetch(`${cfg.authUrl}/login`, {
      method: 'POST', form: { csrf: csrfOf(loginPage), username: 'carol', password: PASSWORD } });
    assert.equal(login.status, 303, await login.text());

    const again = await openRegistration();
    const reused = await submit(again.jar, again.registerUrl, again.html, { username: 'dave', token });
    assert.equal(reused.status, 403);
    assert.match(await reused.text(), /not valid/);
  });

  test('the device approval page refuses admin scopes to a user who may not request them', async () => {
    const device = await client.initiateDeviceAuthorization(oidc, { scope: 'urn:matrix:client:api:* urn:mas:admin' });
    const jar = new CookieJar();
    const link = await (await jar.fetch(device.verification_uri)).text();
    let res = await jar.fetch(device.verification_uri, { method: 'POST', form: { csrf: csrfOf(link), code: device.user_code } });
    assert.equal(res.status, 303);
    const approval = new URL(res.headers.get('location'));
    res = await jar.fetch(approval);
    const loginUrl = new URL(res.headers.get('location'));
    const loginPage = await (await jar.fetch(loginUrl)).text();
    res = await jar.fetch(loginUrl, { method: 'POST', form: { csrf: csrfOf(loginPage), username: 'taken', password: PASSWORD } });
    assert.equal(res.status, 303, await res.text());
    res = await jar.fetch(approval);
    const page = await res.text();
    assert.equal(res.status, 403, page);
    assert.match(page, /cannot grant/);
    res = await jar.fetch(approval, { method: 'POST', form: { csrf: csrfOf(link), action: 'allow' } });
    assert.equal(res.status, 403);
    // The request was declined: the device stops polling.
    const poll = await fetch(`${cfg.authUrl}/oauth2/token`, { method: 'POST', body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: device.device_code, client_id: CLIENT }) });
    assert.equal((await poll.json()).error, 'access_denied');
  });

  test('a real headless Chromium: filling the registration form and pressing the buttons', {
    skip: skipWithoutChromium,
  }, () => withChromiumPage(async (page) => {
    const callback = await catchRedirect(page, REDIRECT);
    const req = await authorization();
    const token = await issueToken();
    await page.goto(req.url.href);
    await page.getByLabel('Username').fill('erin');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Confirm password').fill('short');
    await page.getByLabel('Registration token').fill(token);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText(/too easy to guess/).waitFor();
    assert.equal(await page.getByLabel('Username').inputValue(), 'erin');
    await page.getByLabel('Password', { exact: true }).click();
    await page.keyboard.type(PASSWORD);
    await page.getByLabel('Confirm password').click();
    await page.keyboard.type(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${REDIRECT}**`);
    const tokens = await client.authorizationCodeGrant(oidc, callback(), {
      pkceCodeVerifier: req.verifier, expectedState: req.state,
    });
    const info = await client.fetchUserInfo(oidc, tokens.access_token, tokens.claims().sub);
    assert.equal(info.username, 'erin');
  }));
});

describe('registration rate limit (rate_limiting.registration, per IP)', () => {
  let cfg; let auth;

  before(async () => {
    cfg = await generateConfigs(tempDir());
    appendFileSync(cfg.configPath, `
account:
  password_registration_enabled: true
  password_registration_email_required: false
rate_limiting:
  registration: {burst: 2, per_second: 0.001}
`);
    auth = await startAuth(cfg);
  });
  after(async () => { await auth?.stop(); });

  test('every submission counts; past the burst the form answers 429 with Retry-After and keeps the username', async () => {
    const jar = new CookieJar();
    const registerUrl = new URL(`${cfg.authUrl}/register`);
    const page = await jar.fetch(registerUrl);
    assert.equal(page.status, 200);
    const html = await page.text();
    const attempt = () => jar.fetch(registerUrl, {
      method: 'POST', form: { csrf: csrfOf(html), username: 'Not Valid!', password: PASSWORD, password_confirm: PASSWORD },
    });
    for (let i = 0; i < 2; i++) assert.equal((await attempt()).status, 400);
    const limited = await attempt();
    const body = await limited.text();
    assert.equal(limited.status, 429, body);
    assert.match(body, /Too many registrations from your address/);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.ok(body.includes('value="Not Valid!"'), 'username kept');
  });
});
