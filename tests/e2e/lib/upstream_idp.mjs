// A real upstream OpenID Connect provider for the "log in with SSO" tests,
// standing in for Keycloak or Authentik: `oidc-provider` on loopback, with
// Gatehouse registered as its relying party, and a helper that walks its
// sign-in and consent pages over HTTP as a browser would.
//
// The provider's built-in development interactions (its own login and
// consent pages) are enough here: what is under test is Gatehouse's side of
// the protocol — the authorization request, the code exchange, the ID token
// and userinfo — and those are the real thing whatever the pages look like.
// Only the login submission is taken over (see `loginByName`), so that the
// account id the provider works with is the account's `sub`.
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';

import Provider from 'oidc-provider';

import { freePort } from './harness.mjs';

/** Where the provider sends the browser back to: Gatehouse's callback. */
const CALLBACK_PATH = '/upstream/callback/';
const MAX_HOPS = 15;

/**
 * Starts the provider on http://127.0.0.1:<free port>.
 *
 * `clients`: oidc-provider client metadata, passed through (plain http
 * redirect URIs are fine for its 'web' clients with the code flow).
 * `accounts`: login name → claims, each with its `sub`; typing the login
 * name into the login form (any password) signs in as that account.
 * `idTokenClaims`: whether the scope's claims are in the ID token too, or
 * only in userinfo (the ID token then carries just `sub`).
 *
 * Returns {issuer, url(path), requests, stop()}; `requests` collects
 * {method, path} (path without the query) of every request it receives.
 */
export async function startUpstreamIdp({ clients, accounts, idTokenClaims = true }) {
  const bySub = new Map();
  for (const [name, claims] of Object.entries(accounts)) {
    assert.ok(typeof claims.sub === 'string' && claims.sub, `account ${name} has no sub`);
    bySub.set(claims.sub, claims);
  }

  const requests = [];
  let handle = (_req, res) => { res.statusCode = 503; res.end(); };
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method, path: new URL(req.url, 'http://x').pathname });
    handle(req, res);
  });
  // The issuer names the port, so the port is bound before the provider exists.
  const port = await listen(server);
  const issuer = `http://127.0.0.1:${port}`;

  const provider = new Provider(issuer, {
    clients,
    // The account id is the `sub`; claims() gives them all, and the
    // provider keeps those the granted scopes (`claims` below) allow.
    async findAccount(_ctx, sub) {
      const claims = bySub.get(sub);
      return claims && { accountId: sub, claims: async () => ({ ...claims }) };
    },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username'],
    },
    // true (the default) keeps the scope's claims out of the ID token
    // whenever a userinfo endpoint can give them.
    conformIdTokenClaims: !idTokenClaims,
    features: { devInteractions: { enabled: true }, userinfo: { enabled: true } },
    // Gatehouse sends S256 PKCE to confidential clients too: checked when
    // sent, required of nobody.
    pkce: { required: () => false },
    // Our own key, so the provider does not fall back to (and warn about) its
    // development key.
    jwks: { keys: [signingKey()] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // Fixed lifetimes (seconds): the defaults are functions that print a
    // notice on every use.
    ttl: {
      AccessToken: 3600, IdToken: 3600, Interaction: 3600, Session: 86400, Grant: 86400, RefreshToken: 86400,
    },
    // A plain-text error page, so a failed walk shows the error in its message.
    async renderError(ctx, out) {
      ctx.type = 'text';
      ctx.body = Object.entries(out).map(([k, v]) => `${k}: ${v}`).join('\n');
    },
  });
  provider.use(loginByName(provider, accounts));
  handle = provider.callback();

  return {
    issuer,
    url: (path) => new URL(path, issuer).toString(),
    requests,
    stop() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        // fetch keeps connections alive; close() alone would wait for them.
        server.closeAllConnections();
      });
    },
  };
}

/**
 * Follows `authorizeUrl` (the provider's authorization URL Gatehouse sent
 * the browser to) through the provider's login form — as `login`, when the
 * jar has no session there yet — and its consent page (confirmed, or
 * cancelled when `consent` is false; skipped when already given), up to the
 * redirect to Gatehouse's /upstream/callback/…, which is returned as a URL
 * without being fetched. With `consent: false` that URL carries
 * error=access_denied.
 */
export async function signInAtUpstream(jar, authorizeUrl, { login, password = 'any', consent = true } = {}) {
  let url = new URL(authorizeUrl);
  let res = await jar.fetch(url);
  let consentAsked = false;
  for (let hop = 1; hop <= MAX_HOPS; hop += 1) {
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.get('location');
      assert.ok(location, `${url} answered ${res.status} without a Location`);
      const next = new URL(location, url);
      if (next.pathname.startsWith(CALLBACK_PATH)) {
        assert.ok(consent || consentAsked, `consent: false, but the provider sent the browser back without asking: ${next}`);
        return next;
      }
      url = next;
      res = await jar.fetch(url);
      continue;
    }
    const html = await res.text();
    assert.equal(res.status, 200, `${url} answered ${res.status}:\n${html}`);
    const form = formOf(html, url);
    switch (form.fields.prompt) {
      case 'login':
        assert.ok(login, `the provider asks to sign in, but no login was given (at ${url})`);
        url = form.action;
        res = await jar.fetch(url, { method: 'POST', form: { ...form.fields, login, password } });
        break;
      case 'consent':
        consentAsked = true;
        if (consent) {
          url = form.action;
          res = await jar.fetch(url, { method: 'POST', form: form.fields });
        } else {
          url = cancelLinkOf(html, url);
          res = await jar.fetch(url);
        }
        break;
      default:
        assert.fail(`unexpected page at ${url} (prompt ${form.fields.prompt}):\n${html}`);
    }
  }
  assert.fail(`no redirect to ${CALLBACK_PATH}… after ${MAX_HOPS} requests; the last, ${url}, answered ${res.status}`);
}

/**
 * Takes over the development login form's submission (POST
 * /interaction/:uid while the prompt is 'login'): the built-in one makes the
 * typed login itself the account id, and we want the account's `sub`. An
 * unknown login gets a 401 page rather than a session nobody can find.
 */
function loginByName(provider, accounts) {
  return async (ctx, next) => {
    if (ctx.method !== 'POST' || !/^\/interaction\/[^/]+$/.test(ctx.path)) return next();
    let details;
    try {
      details = await provider.interactionDetails(ctx.req, ctx.res);
    } catch {
      return next();  // no such interaction: the provider's own route says so
    }
    if (details.prompt.name !== 'login') return next();
    const form = new URLSearchParams(await bodyOf(ctx.req));
    const name = form.get('login');
    const account = Object.hasOwn(accounts, name) ? accounts[name] : undefined;
    ctx.set('cache-control', 'no-store');
    if (!account) {
      ctx.status = 401;
      ctx.type = 'text';
      ctx.body = `unknown login ${JSON.stringify(name)}; known: ${Object.keys(accounts).join(', ')}`;
      return undefined;
    }
    const returnTo = await provider.interactionResult(ctx.req, ctx.res, {
      login: { accountId: account.sub },
    }, { mergeWithLastSubmission: false });
    ctx.status = 303;
    ctx.set('location', returnTo);
    return undefined;
  };
}

async function bodyOf(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Binds `server` to a free loopback port, trying again if it is taken meanwhile. */
async function listen(server) {
  for (let attempt = 0; ; attempt += 1) {
    const port = await freePort();
    try {
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
      return port;
    } catch (e) {
      if (e.code !== 'EADDRINUSE' || attempt >= 5) throw e;
    }
  }
}

/** A fresh RS256 signing key as a private JWK. */
function signingKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

const unescape = (s) => s
  .replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<')
  .replaceAll('&gt;', '>').replaceAll('&amp;', '&');

const attribute = (tag, name) => {
  const m = tag.match(new RegExp(`\\s${name}="([^"]*)"`));
  return m ? unescape(m[1]) : undefined;
};

/** The page's form: its absolute action and its hidden fields. */
function formOf(html, base) {
  const m = html.match(/<form\b[^>]*>([\s\S]*?)<\/form>/);
  assert.ok(m, `no form at ${base}:\n${html}`);
  const action = attribute(m[0].slice(0, m[0].indexOf('>') + 1), 'action');
  const fields = {};
  for (const [input] of m[1].matchAll(/<input\b[^>]*>/g)) {
    if (attribute(input, 'type') === 'hidden') fields[attribute(input, 'name')] = attribute(input, 'value') ?? '';
  }
  return { action: new URL(action ?? '', base), fields };
}

/** The development pages' "[ Cancel ]" link, which denies the request. */
function cancelLinkOf(html, base) {
  const m = html.match(/<a href="([^"]*)">\[ Cancel \]<\/a>/);
  assert.ok(m, `no cancel link at ${base}:\n${html}`);
  return new URL(unescape(m[1]), base);
}
