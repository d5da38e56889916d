// Signing in through an upstream OpenID Connect provider (a real
// oidc-provider on loopback standing in for Keycloak or Authentik), driven
// over HTTP like a browser, through the legacy m.login.sso flow of a client
// (/login/sso/redirect/{idpId} → the provider → Gatehouse's callback and
// link page → the confirmation → loginToken), then whoami through the
// homeserver. On SQLite and PostgreSQL.
//
// Three providers:
//  - FORCE: the username is imported (force), display name and email are
//    suggested; an existing username is refused (on_conflict: fail).
//  - ADD:   the username is required and an existing user is linked
//    (on_conflict: add): how a user moved over from Synapse meets SSO.
//  - USERINFO: claims only from the userinfo endpoint (fetch_userinfo, the
//    ID token carries just `sub`), client_secret_post.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { CookieJar, actionOf, csrfOf } from './lib/browser.mjs';
import { PASSWORD, USER, clientApi, compatStack } from './lib/compat.mjs';
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import {
  eventually, freshPostgresUri, gatehouse, generateConfigs, startAuth, tempDir,
} from './lib/harness.mjs';
import { signInAtUpstream, startUpstreamIdp } from './lib/upstream_idp.mjs';

const CLIENT_CB = 'https://client.example/cb';
const FORCE = '01JQK7DK6VFH62NMW4HS9RKD3R';
const ADD = '01H8PKNWKKRPCBW4YGH1RWV279';
const USERINFO = '01JB7XK2M3N4P5Q6R7S8T9VWXY';

const IDP_ACCOUNTS = {
  alice: { sub: 'idp-alice', preferred_username: USER, name: 'Alice Upstream', email: 'alice@idp.example', email_verified: true },
  erin: { sub: 'idp-erin', preferred_username: 'erin', name: 'Erin', email: 'erin@idp.example', email_verified: true },
  hank: { sub: 'idp-hank', preferred_username: 'hank', name: 'Hank' },
};
const USERINFO_ACCOUNTS = {
  dora: { sub: 'idp-dora', preferred_username: 'dora', name: 'Dora Explorer', email: 'dora@idp.example', email_verified: true },
  fay: { sub: 'idp-fay', preferred_username: 'fay', name: 'Fay', email: 'fay@idp.example', email_verified: false },
};
const APP_REDIRECT = 'https://app.example.org/callback';

const backends = [
  { name: 'SQLite', uri: () => undefined },
  { name: 'PostgreSQL', uri: () => freshPostgresUri('upstream') },
];

const callbackOf = (cfg, id) => `${cfg.authUrl}/upstream/callback/${id}`;
const client = (cfg, id, method) => ({
  client_id: `gh-${id}`, client_secret: `secret-${id}`, redirect_uris: [callbackOf(cfg, id)],
  token_endpoint_auth_method: method, response_types: ['code'], grant_types: ['authorization_code'],
});

function providerYaml(id, issuer, method, extra) {
  return `    - id: ${id}
      human_name: Provider ${id.slice(-4)}
      issuer: "${issuer}"
      discovery_mode: insecure
      client_id: gh-${id}
      client_secret: secret-${id}
      token_endpoint_auth_method: ${method}
      scope: "openid email profile"
${extra}`;
}

for (const backend of backends) {
  const skip = backend.name === 'PostgreSQL' && !process.env.GATEHOUSE_TEST_POSTGRES_URI
    ? 'GATEHOUSE_TEST_POSTGRES_URI is not set' : false;

  describe(`upstream OIDC sign-in on ${backend.name}`, { skip }, () => {
    let stack;
    let idp;
    let userinfoIdp;
    let api;
    const hs = () => stack.cfg.homeserverUrl;

    before(async () => {
      stack = await compatStack(backend.uri(), {
        extraConfig: async (cfg) => {
          idp = await startUpstreamIdp({
            clients: [client(cfg, FORCE, 'client_secret_basic'), client(cfg, ADD, 'client_secret_basic')],
            accounts: IDP_ACCOUNTS,
          });
          userinfoIdp = await startUpstreamIdp({
            clients: [client(cfg, USERINFO, 'client_secret_post')], accounts: USERINFO_ACCOUNTS, idTokenClaims: false,
          });
          return `upstream_oauth2:
  providers:
${providerYaml(FORCE, idp.issuer, 'client_secret_basic', `      claims_imports:
        localpart: {action: force}
        displayname: {action: suggest}
        email: {action: suggest}
        account_name: {template: "@{{ user.preferred_username }}"}
`)}${providerYaml(ADD, idp.issuer, 'client_secret_basic', `      claims_imports:
        localpart: {action: require, on_conflict: add}
`)}${providerYaml(USERINFO, userinfoIdp.issuer, 'client_secret_post', `      fetch_userinfo: true
      claims_imports:
        localpart: {action: suggest}
        displayname: {action: force}
        email: {action: force}
`)}`;
        },
      });
      api = clientApi(stack.cfg);
    });
    after(async () => {
      await stack?.auth.stop();
      await stack?.hs.stop();
      await idp?.stop();
      await userinfoIdp?.stop();
    });

    // The client's /login/sso/redirect/{provider} up to the provider's
    // answer: returns the callback URL the provider sent the browser to.
    async function toCallback(jar, provider, idpAccount, options = {}) {
      let res = await jar.fetch(`${hs()}/_matrix/client/v3/login/sso/redirect/${provider}?redirectUrl=${encodeURIComponent(CLIENT_CB)}`);
      assert.equal(res.status, 302, await res.text());
      const start = new URL(res.headers.get('location'));
      assert.equal(start.pathname, `/upstream/authorize/${provider}`);
      res = await jar.fetch(start);
      assert.equal(res.status, 303, await res.text());
      const authorize = new URL(res.headers.get('location'));
      assert.equal(authorize.searchParams.get('redirect_uri'), callbackOf(stack.cfg, provider));
      assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
      assert.ok(authorize.searchParams.get('nonce'));
      return signInAtUpstream(jar, authorize, { login: idpAccount, ...options });
    }

    // Callback → link page: returns the link page's URL.
    async function toLinkPage(jar, callback) {
      const res = await jar.fetch(callback);
      assert.equal(res.status, 303, await res.text());
      const link = new URL(res.headers.get('location'));
      assert.match(link.pathname, /^\/upstream\/link\/[0-9A-Z]{26}$/);
      return link;
    }

    // The m.login.sso confirmation, loginToken, m.login.token: whoami's user.
    async function finishCompat(jar, completeUrl) {
      assert.match(completeUrl.pathname, /^\/complete-compat-sso\//);
      const page = await jar.fetch(completeUrl);
      const html = await page.text();
      assert.equal(page.status, 200, html);
      let res = await jar.fetch(new URL(actionOf(html), completeUrl), {
        method: 'POST', form: { csrf: csrfOf(html), action: 'continue' },
      });
      assert.equal(res.status, 302, await res.text());
      const loginToken = new URL(res.headers.get('location')).searchParams.get('loginToken');
      assert.ok(loginToken);
      res = await fetch(`${hs()}/_matrix/client/v3/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'm.login.token', token: loginToken }),
      });
      const body = await res.json();
      assert.equal(res.status, 200, JSON.stringify(body));
      const me = await (await api(body.access_token, '/account/whoami')).json();
      return me.user_id;
    }

    test('the login page offers each provider, carrying where the sign-in goes next', async () => {
      const html = await (await fetch(`${stack.cfg.authUrl}/login?kind=continue_compat_sso_login&id=01J0000000000000000000000A`)).text();
      for (const id of [FORCE, ADD, USERINFO]) {
        assert.ok(html.includes(`${stack.cfg.authUrl}/upstream/authorize/${id}?kind=continue_compat_sso_login&amp;id=01J0000000000000000000000A`), html);
        assert.ok(html.includes(`Continue with Provider ${id.slice(-4)}`), html);
      }
    });

    test('a new person registers from userinfo claims; display name and email go with the account', async () => {
      const jar = new CookieJar();
      const callback = await toCallback(jar, USERINFO, 'dora');
      const link = await toLinkPage(jar, callback);
      // userinfo was read: the ID token alone has only `sub`.
      assert.ok(userinfoIdp.requests.some((r) => r.path === '/me'), JSON.stringify(userinfoIdp.requests));
      // The callback is used once.
      const replay = await jar.fetch(callback);
      assert.equal(replay.status, 400);
      assert.match(await replay.text(), /expired or was already used/);

      const page = await jar.fetch(link);
      const html = await page.text();
      assert.equal(page.status, 200, html);
      assert.match(html, /name="username" value="dora"/);  // suggested, editable
      assert.match(html, /Display name: <strong>Dora Explorer<\/strong>/);
      assert.match(html, /Email address: <strong>dora@idp.example<\/strong>/);
      let res = await jar.fetch(new URL(actionOf(html), link), {
        method: 'POST', form: { csrf: csrfOf(html), action: 'register', username: 'dora' },
      });
      assert.equal(res.status, 303, await res.text());
      const userId = await finishCompat(jar, new URL(res.headers.get('location')));
      assert.equal(userId, `@dora:${stack.serverName}`);
      assert.equal(await stack.sql("SELECT e.email FROM user_emails e JOIN users u ON u.id = e.user_id WHERE u.username = 'dora' AND e.confirmed_at IS NOT NULL"),
        'dora@idp.example');
      await eventually(async () => {
        const r = await fetch(`${hs()}/_matrix/client/v3/profile/${encodeURIComponent(userId)}/displayname`);
        return r.status === 200 && (await r.json()).displayname === 'Dora Explorer';
      }, 'the imported display name on the homeserver');

      // Next time, from another browser: straight in, no form.
      const other = new CookieJar();
      res = await other.fetch(await toLinkPage(other, await toCallback(other, USERINFO, 'dora')));
      assert.equal(res.status, 303, await res.text());
      assert.equal(await finishCompat(other, new URL(res.headers.get('location'))), userId);
    });

    test('an imported username that is taken: refused under on_conflict fail, linked under add', async () => {
      let jar = new CookieJar();
      let res = await jar.fetch(await toLinkPage(jar, await toCallback(jar, FORCE, 'alice')));
      assert.equal(res.status, 409);
      assert.match(await res.text(), /username &quot;alice&quot; that Provider KD3R gave belongs to an existing account/);

      // alice was registered with a password (as syn2mas would bring her);
      // under on_conflict add her SSO account is linked to her.
      jar = new CookieJar();
      res = await jar.fetch(await toLinkPage(jar, await toCallback(jar, ADD, 'alice')));
      assert.equal(res.status, 303, await res.text());
      assert.equal(await finishCompat(jar, new URL(res.headers.get('location'))), `@${USER}:${stack.serverName}`);
      assert.equal(await stack.sql(`SELECT l.subject FROM upstream_oauth_links l JOIN users u ON u.id = l.user_id WHERE u.username = '${USER}' AND l.provider_id = '${ADD}'`),
        'idp-alice');
    });

    test('signed in with a password, a person links their provider account to it', async () => {
      const jar = new CookieJar();
      const login = new URL(`${stack.cfg.authUrl}/login`);
      let html = await (await jar.fetch(login)).text();
      let res = await jar.fetch(new URL(actionOf(html), login), {
        method: 'POST', form: { csrf: csrfOf(html), username: USER, password: PASSWORD },
      });
      assert.equal(res.status, 303, await res.text());
      const link = await toLinkPage(jar, await toCallback(jar, FORCE, 'erin'));
      const page = await jar.fetch(link);
      html = await page.text();
      assert.equal(page.status, 200, html);
      assert.match(html, /You signed in at Provider KD3R as <strong>@erin<\/strong>/);
      assert.match(html, /Link to alice/);
      res = await jar.fetch(new URL(actionOf(html), link), { method: 'POST', form: { csrf: csrfOf(html), action: 'link' } });
      assert.equal(res.status, 303, await res.text());
      assert.match(new URL(res.headers.get('location')).pathname, /^\/complete-compat-sso\//);

      // From another browser, erin's provider account now signs in as alice.
      const other = new CookieJar();
      res = await other.fetch(await toLinkPage(other, await toCallback(other, FORCE, 'erin')));
      assert.equal(res.status, 303, await res.text());
      assert.equal(await finishCompat(other, new URL(res.headers.get('location'))), `@${USER}:${stack.serverName}`);
    });

    test('an OAuth 2.0 client (matrix-js-sdk) signs a new person in through the provider button', async () => {
      const { OAuth2 } = await import('matrix-js-sdk');
      const metadata = await (await fetch(`${hs()}/_matrix/client/v1/auth_metadata`)).json();
      const clientId = await OAuth2.registerClient(metadata, {
        client_name: 'Element', client_uri: APP_REDIRECT, application_type: 'web', redirect_uris: [APP_REDIRECT],
      });
      const oauth = new OAuth2(metadata, { clientId, deviceId: 'SSODEVICE1' });
      const jar = new CookieJar();
      let res = await jar.fetch(await oauth.generateAuthorizationCodeGrantUrl('st-sso', APP_REDIRECT, 'fragment'));
      assert.equal(res.status, 303, await res.text());
      const login = new URL(res.headers.get('location'));
      assert.equal(login.searchParams.get('kind'), 'continue_authorization_grant');
      const html = await (await jar.fetch(login)).text();
      const button = html.match(new RegExp(`href="([^"]*/upstream/authorize/${USERINFO}[^"]*)"`));
      assert.ok(button, html);
      res = await jar.fetch(button[1].replaceAll('&amp;', '&'));
      assert.equal(res.status, 303, await res.text());
      const link = await toLinkPage(jar, await signInAtUpstream(jar, res.headers.get('location'), { login: 'fay' }));
      const page = await jar.fetch(link);
      const form = await page.text();
      res = await jar.fetch(new URL(actionOf(form), link), {
        method: 'POST', form: { csrf: csrfOf(form), action: 'register', username: 'fay' },
      });
      assert.equal(res.status, 303, await res.text());
      const consent = new URL(res.headers.get('location'));
      assert.match(consent.pathname, /^\/consent\//);
      const consentHtml = await (await jar.fetch(consent)).text();
      res = await jar.fetch(consent, { method: 'POST', form: { csrf: csrfOf(consentHtml), action: 'allow' } });
      assert.equal(res.status, 302, await res.text());
      const code = new URLSearchParams(new URL(res.headers.get('location')).hash.slice(1)).get('code');
      const tokens = await oauth.completeAuthorizationCodeGrant(code, APP_REDIRECT);
      const me = await (await api(tokens.access_token, '/account/whoami')).json();
      assert.deepEqual(me, { user_id: `@fay:${stack.serverName}`, is_guest: false, device_id: 'SSODEVICE1' });
      // The provider said email_verified: false, so no email was recorded.
      assert.equal(await stack.sql("SELECT COUNT(*) FROM user_emails e JOIN users u ON u.id = e.user_id WHERE u.username = 'fay'"), '0');
    });

    test('the account page links and unlinks provider accounts, never the last way to sign in', async () => {
      assert.equal((await stack.gh(['manage', 'register-user', 'gus', '-p', PASSWORD, '-y', '--ignore-password-complexity'])).code, 0);
      const jar = new CookieJar();
      const login = new URL(`${stack.cfg.authUrl}/login`);
      let html = await (await jar.fetch(login)).text();
      let res = await jar.fetch(new URL(actionOf(html), login), {
        method: 'POST', form: { csrf: csrfOf(html), username: 'gus', password: PASSWORD },
      });
      assert.equal(res.status, 303, await res.text());
      const account = new URL(`${stack.cfg.authUrl}/account/`);
      html = await (await jar.fetch(account)).text();
      assert.match(html, /No account of another provider is linked/);
      const button = html.match(new RegExp(`href="([^"]*/upstream/authorize/${FORCE}\\?kind=manage_account)">Link a Provider KD3R account`));
      assert.ok(button, html);
      res = await jar.fetch(button[1]);
      assert.equal(res.status, 303, await res.text());
      const link = await toLinkPage(jar, await signInAtUpstream(jar, res.headers.get('location'), { login: 'hank' }));
      html = await (await jar.fetch(link)).text();
      assert.match(html, /Link to gus/);
      res = await jar.fetch(new URL(actionOf(html), link), { method: 'POST', form: { csrf: csrfOf(html), action: 'link' } });
      assert.equal(res.status, 303, await res.text());
      assert.equal(new URL(res.headers.get('location')).pathname, '/account/');
      html = await (await jar.fetch(account)).text();
      assert.match(html, /<strong>Provider KD3R<\/strong>: @hank/);
      const linkId = html.match(/id="link-([0-9A-Z]{26})"/)[1];
      res = await jar.fetch(account, { method: 'POST', form: { csrf: csrfOf(html), op: 'unlink_upstream', link: linkId } });
      assert.equal(res.status, 303, await res.text());
      html = await (await jar.fetch(new URL(res.headers.get('location')))).text();
      assert.match(html, /The account was unlinked/);
      assert.match(html, /No account of another provider is linked/);

      // dora signs in only through her provider: her one link stays.
      const dora = new CookieJar();
      res = await dora.fetch(await toLinkPage(dora, await toCallback(dora, USERINFO, 'dora')));
      assert.equal(res.status, 303, await res.text());
      html = await (await dora.fetch(account)).text();
      assert.match(html, /This is how you sign in/);
      const doraLink = html.match(/id="link-([0-9A-Z]{26})"/)[1];
      res = await dora.fetch(account, { method: 'POST', form: { csrf: csrfOf(html), op: 'unlink_upstream', link: doraLink } });
      assert.equal(res.status, 409);
      assert.equal(await stack.sql(`SELECT COUNT(*) FROM upstream_oauth_links WHERE id = '${doraLink}'`), '1');
    });

    test('doctor checks each provider: discovery answers, and names the redirect URI to register', async () => {
      const good = await stack.gh(['doctor']);
      for (const id of [FORCE, ADD, USERINFO]) {
        assert.match(good.stdout, new RegExp(`^ok {4}upstream Provider ${id.slice(-4)}: endpoints known .*its redirect URI is ${stack.cfg.authUrl}/upstream/callback/${id}$`, 'm'));
      }
      const extra = path.join(stack.cfg.dir, 'broken-provider.yaml');
      writeFileSync(extra, `upstream_oauth2:
  providers:
    - {id: 01HBR0KENPR0V1DER000000000, human_name: Gone, issuer: "http://127.0.0.1:9", discovery_mode: insecure,
       client_id: gh, token_endpoint_auth_method: none, scope: openid}
`);
      const bad = await gatehouse(['doctor', '-c', stack.cfg.configPath, '-c', extra], { cwd: stack.cfg.dir });
      assert.equal(bad.code, 1, bad.stdout + bad.stderr);
      assert.match(bad.stdout, /^FAIL {2}upstream Gone: upstream provider 01HBR0KENPR0V1DER000000000: discovery failed/m);
    });

    test('refusals: denied at the provider, another browser, an unknown state', async () => {
      const jar = new CookieJar();
      const denied = await toCallback(jar, USERINFO, 'dora', { consent: false });
      assert.equal(denied.searchParams.get('error'), 'access_denied');
      let res = await jar.fetch(denied);
      assert.equal(res.status, 400);
      assert.match(await res.text(), /did not sign you in[\s\S]*access_denied/);

      const started = new CookieJar();
      const callback = await toCallback(started, FORCE, 'erin');
      const tokenCalls = idp.requests.filter((r) => r.path === '/token').length;
      res = await new CookieJar().fetch(callback);
      assert.equal(res.status, 400);
      assert.match(await res.text(), /started in another browser/);
      // Nothing was asked of the provider for it.
      assert.equal(idp.requests.filter((r) => r.path === '/token').length, tokenCalls);

      const forged = new URL(callback);
      forged.searchParams.set('state', 'not-a-state');
      res = await started.fetch(forged);
      assert.equal(res.status, 400);
      assert.match(await res.text(), /sign-in is unknown/);
      // The real one still works after those.
      res = await started.fetch(callback);
      assert.equal(res.status, 303, await res.text());
    });
  });
}

describe('passwords off and one provider: the login page goes straight to it', () => {
  let cfg;
  let auth;
  before(async () => {
    cfg = await generateConfigs(tempDir());
    appendFileSync(cfg.configPath, `passwords:
  enabled: false
upstream_oauth2:
  providers:
    - {id: ${FORCE}, human_name: Only SSO, issuer: 'https://sso.example', client_id: gh,
       token_endpoint_auth_method: none, scope: openid}
`);
    auth = await startAuth(cfg);
  });
  after(async () => { await auth?.stop(); });

  test('GET /login redirects to the provider, keeping where the sign-in goes next', async () => {
    const res = await fetch(`${cfg.authUrl}/login?kind=continue_compat_sso_login&id=01J0000000000000000000000A`, { redirect: 'manual' });
    assert.equal(res.status, 303, await res.text());
    assert.equal(res.headers.get('location'),
      `${cfg.authUrl}/upstream/authorize/${FORCE}?kind=continue_compat_sso_login&id=01J0000000000000000000000A`);
  });
});
