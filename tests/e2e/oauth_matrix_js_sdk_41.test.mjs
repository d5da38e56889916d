// Older Element Web's login against the real `gatehouse server`: the OIDC
// helpers of matrix-js-sdk 41 (npm alias matrix-js-sdk-41), which run
// oidc-client-ts underneath. Unlike 43 it asks for `openid` with the
// unstable MSC2967 scopes, validates the id_token, requires a refresh token,
// and its revocation call rejects a non-JSON Content-Type. Both a web
// (https) and an RFC 8252 loopback (native, any port) redirect URI.
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import {
  completeAuthorizationCodeGrant, decodeIdToken, discoverAndValidateOIDCIssuerWellKnown,
  generateOidcAuthorizationUrl, OidcTokenRefresher, registerOidcClient, TokenRefreshLogoutError,
} from 'matrix-js-sdk-41';
// The oidc-client-ts that matrix-js-sdk 41 runs on; Element Web revokes with it.
import { OidcClient } from 'oidc-client-ts';

import { CookieJar, authorizeInBrowser } from './lib/browser.mjs';
import { gatehouse, generateConfigs, startAuth, startHomeserver, tempDir } from './lib/harness.mjs';

const USER = 'alice';
const PASSWORD = 'correct horse battery staple 41';
const UNSTABLE = 'urn:matrix:org.matrix.msc2967.client';

/** Web Storage kept in memory (what a browser tab gives oidc-client-ts). */
class MemoryStorage {
  #items = new Map();
  get length() { return this.#items.size; }
  key(i) { return [...this.#items.keys()][i] ?? null; }
  getItem(k) { return this.#items.has(k) ? this.#items.get(k) : null; }
  setItem(k, v) { this.#items.set(k, String(v)); }
  removeItem(k) { this.#items.delete(k); }
  clear() { this.#items.clear(); }
}

/** The browser globals the SDK reads: storage and the page's origin. */
function browserWindowAt(origin) {
  const window = { sessionStorage: new MemoryStorage(), localStorage: new MemoryStorage(), location: { origin } };
  globalThis.window = window;
  globalThis.sessionStorage = window.sessionStorage;
  globalThis.localStorage = window.localStorage;
}

describe('matrix-js-sdk 41 OIDC helpers', () => {
  let cfg; let auth; let hs; let issuer; let matrixSecret;

  before(async () => {
    cfg = await generateConfigs(tempDir());
    appendFileSync(cfg.configPath, `
rate_limiting:
  login:
    per_ip: {burst: 1000, per_second: 100}
`);
    const migrate = await gatehouse(['database', 'migrate', '-c', cfg.configPath], { cwd: cfg.dir });
    assert.equal(migrate.code, 0, migrate.stderr);
    const reg = await gatehouse(['manage', 'register-user', USER, '-p', PASSWORD, '-y',
      '--ignore-password-complexity', '-c', cfg.configPath], { cwd: cfg.dir });
    assert.equal(reg.code, 0, reg.stderr + reg.stdout);
    matrixSecret = readFileSync(cfg.configPath, 'utf8').match(/^matrix:[\s\S]*?^\s+secret:\s*"?([^"\n]+)"?/m)[1];
    // A code exchange creates the device on the homeserver before it answers.
    hs = await startHomeserver(cfg);
    auth = await startAuth(cfg);
    issuer = `${cfg.authUrl}/`;
  });
  after(async () => {
    await auth?.stop();
    await hs?.stop();
    delete globalThis.window;
  });

  const introspect = async (token) => (await fetch(`${cfg.authUrl}/oauth2/introspect`, {
    method: 'POST', body: new URLSearchParams({ token }), headers: { Authorization: `Bearer ${matrixSecret}` },
  })).json();

  const cases = [
    { name: 'an https web redirect URI', type: 'web', registered: 'https://element.example/', used: 'https://element.example/' },
    // RFC 8252 §7.3: registered without a port, used with whatever port the app got.
    { name: 'an RFC 8252 loopback native redirect URI', type: 'native',
      registered: 'http://127.0.0.1/callback', used: 'http://127.0.0.1:51794/callback' },
  ];
  for (const c of cases) {
    test(`register, authorize, code exchange with id_token, refresh and revoke: ${c.name}`, async () => {
      browserWindowAt(new URL(c.used).origin);
      const metadata = await discoverAndValidateOIDCIssuerWellKnown(issuer);
      assert.ok(metadata.signingKeys.length >= 1, 'the SDK fetched the JWKS');
      const clientId = await registerOidcClient(metadata, {
        clientName: 'Element', clientUri: 'https://element.example/', applicationType: c.type,
        redirectUris: [c.registered], tosUri: 'https://element.example/tos',
      });
      assert.match(clientId, /^[0-9A-HJKMNP-TV-Z]{26}$/);

      const nonce = 'n0nce-41';
      const url = new URL(await generateOidcAuthorizationUrl({
        metadata, redirectUri: c.used, clientId, homeserverUrl: cfg.homeserverUrl, nonce,
      }));
      const scope = url.searchParams.get('scope').split(' ');
      assert.ok(scope.includes('openid') && scope.includes(`${UNSTABLE}:api:*`), scope.join(' '));
      const back = await authorizeInBrowser(new CookieJar(), url, { username: USER, password: PASSWORD });
      assert.equal(back.origin + back.pathname, c.used);

      const result = await completeAuthorizationCodeGrant(
        back.searchParams.get('code'), back.searchParams.get('state'));
      const { tokenResponse, idTokenClaims } = result;
      assert.equal(result.homeserverUrl, cfg.homeserverUrl);
      assert.equal(result.oidcClientSettings.issuer, issuer);
      assert.ok(tokenResponse.id_token && tokenResponse.refresh_token && tokenResponse.access_token);
      // The SDK checked iss, aud, nonce and exp already; its profile drops
      // the protocol claims, so look at the token itself too.
      const claims = decodeIdToken(tokenResponse.id_token);
      assert.equal(claims.aud, clientId);
      assert.equal(claims.nonce, nonce);
      assert.equal(idTokenClaims.sub, claims.sub);
      const deviceId = tokenResponse.scope.match(new RegExp(`${UNSTABLE}:device:(\\S+)`))[1];
      let info = await introspect(tokenResponse.access_token);
      assert.equal(info.active, true);
      assert.equal(info.username, USER);
      assert.ok(info.scope.split(' ').includes(`urn:matrix:client:device:${deviceId}`));

      const refresher = new OidcTokenRefresher(issuer, clientId, c.used, deviceId, idTokenClaims);
      const refreshed = await refresher.doRefreshAccessToken(tokenResponse.refresh_token);
      assert.ok(refreshed.accessToken && refreshed.accessToken !== tokenResponse.access_token);
      assert.ok(refreshed.refreshToken && refreshed.refreshToken !== tokenResponse.refresh_token);
      assert.ok(refreshed.expiry > new Date());
      assert.equal((await introspect(refreshed.accessToken)).active, true);
      // The new pair is in use now: the old refresh token is dead for good,
      // and the SDK reads that as "log out".
      await assert.rejects(new OidcTokenRefresher(issuer, clientId, c.used, deviceId, idTokenClaims)
        .doRefreshAccessToken(tokenResponse.refresh_token), TokenRefreshLogoutError);

      // Element Web's logout: oidc-client-ts revokes both tokens as a public
      // client; it refuses an answer with a non-JSON Content-Type.
      const raw = await fetch(metadata.revocation_endpoint, {
        method: 'POST', body: new URLSearchParams({ token: tokenResponse.access_token, client_id: clientId }) });
      assert.equal(raw.status, 200);
      assert.equal(raw.headers.get('content-type'), null);
      assert.equal(await raw.text(), '');
      const oidc = new OidcClient({ authority: issuer, client_id: clientId, redirect_uri: c.used, metadata });
      await oidc.revokeToken(refreshed.accessToken, 'access_token');
      await oidc.revokeToken(refreshed.refreshToken, 'refresh_token');
      info = await introspect(refreshed.accessToken);
      assert.deepEqual(info, { active: false });
      await assert.rejects(refresher.doRefreshAccessToken(refreshed.refreshToken), TokenRefreshLogoutError);
    });
  }
});
