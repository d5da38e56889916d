// The OAuth 2.0 back channel end to end with real client libraries
// (openid-client 6, oauth4webapi 3): discovery, JWKS, client_credentials
// with every client authentication method, introspection as the homeserver
// and as a client, revocation, dynamic registration, device authorization.
// Code exchange and refresh rotation need a logged-in user: they are
// covered in auth/oauth2/token/token_endpoint_test.cc until the login pages
// can drive them here.
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import * as jose from 'jose';
import * as oauth from 'oauth4webapi';
import * as client from 'openid-client';

import { freshPostgresUri, generateConfigs, startAuth, tempDir } from './lib/harness.mjs';

const BASIC = '01JB0000000000000000000001';
const POST = '01JB0000000000000000000002';
const JWT = '01JB0000000000000000000003';
const PKJ = '01JB0000000000000000000004';
const PUBLIC = '01JB0000000000000000000005';
const SECRET = 'basic-secret-0123456789abcdefghij';
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const form = (o) => new URLSearchParams(o);
const basicAuth = (id, secret) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

for (const backend of ['sqlite', 'postgres']) {
  describe(`OAuth 2.0 token endpoints on ${backend}`, { skip: backend === 'postgres' && !process.env.GATEHOUSE_TEST_POSTGRES_URI }, () => {
    let cfg; let auth; let issuer; let matrixSecret; let privateJwk;

    before(async () => {
      cfg = await generateConfigs(tempDir(), backend === 'postgres' ? { databaseUri: freshPostgresUri('oauth') } : {});
      const { publicKey, privateKey } = await jose.generateKeyPair('ES256', { extractable: true });
      privateJwk = privateKey;
      const publicJwk = { ...(await jose.exportJWK(publicKey)), kid: 'pkj-1', use: 'sig', alg: 'ES256' };
      appendFileSync(cfg.configPath, `
clients:
  - client_id: ${BASIC}
    client_auth_method: client_secret_basic
    client_secret: ${SECRET}
  - client_id: ${POST}
    client_auth_method: client_secret_post
    client_secret: post-secret-0123456789abcdefghij
  - client_id: ${JWT}
    client_auth_method: client_secret_jwt
    client_secret: jwt-secret-0123456789abcdefghijklmnop
  - client_id: ${PKJ}
    client_auth_method: private_key_jwt
    jwks: {"keys": [${JSON.stringify(publicJwk)}]}
  - client_id: ${PUBLIC}
    client_auth_method: none
    redirect_uris: ["http://127.0.0.1:1/cb"]
oauth:
  admin_clients: ["${BASIC}"]
`);
      matrixSecret = readFileSync(cfg.configPath, 'utf8').match(/^matrix:[\s\S]*?^\s+secret:\s*"?([^"\n]+)"?/m)[1];
      auth = await startAuth(cfg);
      issuer = `${cfg.authUrl}/`;
    });
    after(async () => { await auth?.stop(); });

    const discover = (id, metadata, method) => client.discovery(
      new URL(issuer), id, metadata, method, { execute: [client.allowInsecureRequests] });
    const introspect = (token, headers = {}) => fetch(`${cfg.authUrl}/oauth2/introspect`, {
      method: 'POST', body: form({ token }), headers: { Authorization: `Bearer ${matrixSecret}`, ...headers },
    });

    test('discovery passes oauth4webapi and names every endpoint', async () => {
      const as = await oauth.processDiscoveryResponse(new URL(issuer), await oauth.discoveryRequest(
        new URL(issuer), { algorithm: 'oidc', [oauth.allowInsecureRequests]: true }));
      assert.equal(as.issuer, issuer);
      assert.equal(as.token_endpoint, `${cfg.authUrl}/oauth2/token`);
      for (const key of ['authorization_endpoint', 'revocation_endpoint', 'registration_endpoint',
        'introspection_endpoint', 'device_authorization_endpoint', 'end_session_endpoint',
        'userinfo_endpoint', 'jwks_uri', 'account_management_uri']) {
        assert.equal(typeof as[key], 'string', key);
      }
      assert.deepEqual(as.response_modes_supported, ['query', 'fragment', 'form_post']);
      assert.ok(as.grant_types_supported.includes('refresh_token'));
      assert.ok(as.grant_types_supported.includes(DEVICE_GRANT));
      assert.deepEqual(as.code_challenge_methods_supported, ['S256', 'plain']);
      assert.ok(as.id_token_signing_alg_values_supported.includes('RS256'));
      const rfc8414 = await (await fetch(`${cfg.authUrl}/.well-known/oauth-authorization-server`)).json();
      assert.deepEqual(rfc8414, as);
    });

    test('the JWKS lists the signing keys with their kid', async () => {
      const res = await fetch(`${cfg.authUrl}/oauth2/keys.json`);
      assert.equal(res.status, 200);
      const { keys } = await res.json();
      assert.ok(keys.length >= 1);
      assert.ok(keys.every((k) => typeof k.kid === 'string' && !('d' in k)));
    });

    test('client_credentials with client_secret_basic, _post, _jwt and private_key_jwt', async () => {
      const configs = [
        await discover(BASIC, undefined, client.ClientSecretBasic(SECRET)),
        await discover(POST, undefined, client.ClientSecretPost('post-secret-0123456789abcdefghij')),
        await discover(JWT, undefined, client.ClientSecretJwt('jwt-secret-0123456789abcdefghijklmnop')),
        await discover(PKJ, undefined, client.PrivateKeyJwt({ key: privateJwk, kid: 'pkj-1' })),
      ];
      for (const c of configs) {
        const tokens = await client.clientCredentialsGrant(c);
        assert.match(tokens.access_token, /^mat_[A-Za-z0-9]{30}_[A-Za-z0-9]{6}$/);
        assert.equal(tokens.token_type, 'bearer');
        assert.equal(tokens.expires_in, 300);
        assert.equal(tokens.refresh_token, undefined);
      }
    });

    test('a client_secret_jwt assertion cannot be replayed', async () => {
      const now = Math.floor(Date.now() / 1000);
      const assertion = await new jose.SignJWT({ jti: `jti-${Math.random()}` })
        .setProtectedHeader({ alg: 'HS256' }).setIssuer(JWT).setSubject(JWT)
        .setAudience(`${cfg.authUrl}/oauth2/token`).setIssuedAt(now).setExpirationTime(now + 60)
        .sign(new TextEncoder().encode('jwt-secret-0123456789abcdefghijklmnop'));
      const body = () => form({ grant_type: 'client_credentials', client_assertion: assertion,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' });
      const first = await fetch(`${cfg.authUrl}/oauth2/token`, { method: 'POST', body: body() });
      assert.equal(first.status, 200);
      const again = await fetch(`${cfg.authUrl}/oauth2/token`, { method: 'POST', body: body() });
      assert.equal(again.status, 401);
      assert.equal((await again.json()).error, 'invalid_client');
    });

    test('a wrong client secret is 401 invalid_client with a Basic challenge, no-store', async () => {
      const res = await fetch(`${cfg.authUrl}/oauth2/token`, {
        method: 'POST', body: form({ grant_type: 'client_credentials' }),
        headers: { Authorization: basicAuth(BASIC, 'wrong') },
      });
      assert.equal(res.status, 401);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.match(res.headers.get('www-authenticate') ?? '', /^Basic/);
      assert.equal((await res.json()).error, 'invalid_client');
    });

    test('introspection by the homeserver gives exactly MAS\'s fields', async () => {
      const c = await discover(BASIC, undefined, client.ClientSecretBasic(SECRET));
      const { access_token: token } = await client.clientCredentialsGrant(c, { scope: 'urn:mas:admin' });
      for (const headers of [{}, { 'X-MAS-Supports-Device-Id': '1' }]) {
        const res = await introspect(token, headers);
        assert.equal(res.status, 200);
        const body = await res.json();
        // No user and no device on a client_credentials session: no
        // username, sub or device_id.
        assert.deepEqual(Object.keys(body).sort(),
          ['active', 'client_id', 'exp', 'expires_in', 'iat', 'jti', 'nbf', 'scope', 'token_type']);
        assert.equal(body.active, true);
        assert.equal(body.client_id, BASIC);
        assert.equal(body.scope, 'urn:mas:admin');
        assert.equal(body.token_type, 'access_token');
        assert.equal(body.exp - body.iat, 300);
        assert.ok(body.expires_in > 0 && body.expires_in <= 300);
        assert.match(body.jti, /^[0-9A-HJKMNP-TV-Z]{26}$/);
      }
      assert.deepEqual(await (await introspect('mat_notarealtoken')).json(), { active: false });
      const wrongBearer = await fetch(`${cfg.authUrl}/oauth2/introspect`, {
        method: 'POST', body: form({ token }), headers: { Authorization: 'Bearer nope' } });
      assert.equal(wrongBearer.status, 401);
    });

    test('64 concurrent client_credentials requests each get their own durable, active token', async () => {
      // On SQLite these share group commits (queued writes: one COMMIT for
      // many tokens); every answer must still stand for a committed token.
      const answers = await Promise.all(Array.from({ length: 64 }, () => fetch(`${cfg.authUrl}/oauth2/token`, {
        method: 'POST', body: form({ grant_type: 'client_credentials' }),
        headers: { Authorization: basicAuth(BASIC, SECRET) },
      })));
      const tokens = [];
      for (const res of answers) {
        assert.equal(res.status, 200);
        tokens.push((await res.json()).access_token);
      }
      assert.equal(new Set(tokens).size, 64);
      const checks = await Promise.all(tokens.map(async (t) => (await introspect(t)).json()));
      for (const body of checks) assert.equal(body.active, true);
      assert.equal(new Set(checks.map((b) => b.jti)).size, 64);
    });

    test('introspection by a confidential client works; a public client is refused', async () => {
      const c = await discover(POST, undefined, client.ClientSecretPost('post-secret-0123456789abcdefghij'));
      const { access_token: token } = await client.clientCredentialsGrant(c);
      const basic = await discover(BASIC, undefined, client.ClientSecretBasic(SECRET));
      const result = await client.tokenIntrospection(basic, token);
      assert.equal(result.active, true);
      assert.equal(result.client_id, POST);
      const pub = await fetch(`${cfg.authUrl}/oauth2/introspect`, {
        method: 'POST', body: form({ token, client_id: PUBLIC }) });
      assert.equal(pub.status, 401);
    });

    test('revocation answers 200 with an empty body and no Content-Type; the token dies', async () => {
      const c = await discover(BASIC, undefined, client.ClientSecretBasic(SECRET));
      const { access_token: token } = await client.clientCredentialsGrant(c);
      assert.equal((await (await introspect(token)).json()).active, true);
      const res = await fetch(`${cfg.authUrl}/oauth2/revoke`, {
        method: 'POST', body: form({ token }), headers: { Authorization: basicAuth(BASIC, SECRET) } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), null);
      assert.equal(await res.text(), '');
      assert.deepEqual(await (await introspect(token)).json(), { active: false });
      // openid-client's own revocation call accepts the answer too.
      const { access_token: other } = await client.clientCredentialsGrant(c);
      await client.tokenRevocation(c, other);
      assert.deepEqual(await (await introspect(other)).json(), { active: false });
      // Another client may not revoke it.
      const { access_token: third } = await client.clientCredentialsGrant(c);
      const foreign = await fetch(`${cfg.authUrl}/oauth2/revoke`, { method: 'POST',
        body: form({ token: third, client_id: POST, client_secret: 'post-secret-0123456789abcdefghij' }) });
      assert.equal(foreign.status, 400);
      assert.equal((await (await introspect(third)).json()).active, true);
    });

    test('dynamic registration: a native client is accepted, bad redirect URIs are refused', async () => {
      const ok = await fetch(`${cfg.authUrl}/oauth2/registration`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          client_name: 'Test App', client_uri: 'https://app.example.org/', application_type: 'native',
          redirect_uris: ['http://127.0.0.1/callback', 'org.example.app:/callback'],
          grant_types: ['authorization_code', 'refresh_token', DEVICE_GRANT],
          response_types: ['code'], token_endpoint_auth_method: 'none',
          tos_uri: 'https://app.example.org/tos',
        }),
      });
      assert.equal(ok.status, 201);
      const registered = await ok.json();
      assert.match(registered.client_id, /^[0-9A-HJKMNP-TV-Z]{26}$/);
      assert.equal(registered.client_secret, undefined);
      assert.equal(ok.headers.get('cache-control'), 'no-store');
      // The new client can start a device authorization at once.
      const device = await fetch(`${cfg.authUrl}/oauth2/device`, {
        method: 'POST', body: form({ client_id: registered.client_id, scope: 'openid' }) });
      assert.equal(device.status, 200);

      const bad = await fetch(`${cfg.authUrl}/oauth2/registration`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ client_uri: 'https://app.example.org/', redirect_uris: ['http://evil.example/cb'] }),
      });
      assert.equal(bad.status, 400);
      assert.equal((await bad.json()).error, 'invalid_redirect_uri');
      const confidential = await fetch(`${cfg.authUrl}/oauth2/registration`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ client_uri: 'https://svc.example.org/', grant_types: ['client_credentials'],
          token_endpoint_auth_method: 'client_secret_basic' }),
      });
      assert.equal(confidential.status, 201);
      const svc = await confidential.json();
      assert.equal(typeof svc.client_secret, 'string');
      const svcConfig = await discover(svc.client_id, undefined, client.ClientSecretBasic(svc.client_secret));
      assert.ok((await client.clientCredentialsGrant(svcConfig)).access_token);
    });

    test('device authorization, then polling answers authorization_pending with HTTP 400', async () => {
      const c = await discover(PUBLIC, undefined, client.None());
      const da = await client.initiateDeviceAuthorization(c, { scope: 'openid urn:matrix:client:api:*' });
      assert.match(da.user_code, /^[A-Z0-9]{6}$/);
      assert.equal(da.device_code.length, 32);
      assert.equal(da.expires_in, 1200);
      assert.equal(da.interval, 5);
      assert.equal(da.verification_uri, `${cfg.authUrl}/link`);
      assert.equal(da.verification_uri_complete, `${cfg.authUrl}/link?code=${da.user_code}`);
      const poll = await fetch(`${cfg.authUrl}/oauth2/token`, { method: 'POST',
        body: form({ grant_type: DEVICE_GRANT, device_code: da.device_code, client_id: PUBLIC }) });
      assert.equal(poll.status, 400);
      assert.equal((await poll.json()).error, 'authorization_pending');
    });
  });
}
