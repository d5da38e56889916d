// A browser driven over plain HTTP: a cookie jar, and the sign-in and
// consent pages walked as a user would (for tests that need tokens from the
// authorization code flow without a real browser).
import assert from 'node:assert/strict';

/** A minimal cookie jar: name → value for one origin, as a browser keeps it. */
export class CookieJar {
  constructor() { this.cookies = new Map(); }
  header() { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '); }
  store(res) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  /** fetch without following redirects, sending and keeping cookies. */
  async fetch(url, { method = 'GET', form } = {}) {
    const headers = { cookie: this.header() };
    let body;
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(form).toString();
    }
    const res = await fetch(url, { method, headers, body, redirect: 'manual' });
    this.store(res);
    return res;
  }
}

export const csrfOf = (html) => {
  const m = html.match(/name="csrf" value="([^"]+)"/);
  assert.ok(m, `no csrf field in:\n${html}`);
  return m[1];
};
export const actionOf = (html) => html.match(/<form method="post" action="([^"]+)"/)[1].replaceAll('&amp;', '&');

/**
 * Follows an authorization URL through sign-in (as `username`/`password`,
 * when the jar has no session) and consent (`decision`: 'allow' or 'deny';
 * skipped when on record); returns the URL the client is sent back to.
 */
export async function authorizeInBrowser(jar, url, { username, password, decision = 'allow' }) {
  let res = await jar.fetch(url);
  assert.equal(res.status, 303, await res.text());
  let location = new URL(res.headers.get('location'));
  if (location.pathname === '/login') {
    const page = await jar.fetch(location);
    const html = await page.text();
    assert.equal(page.status, 200, html);
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    res = await jar.fetch(new URL(actionOf(html), location), {
      method: 'POST', form: { csrf: csrfOf(html), username, password },
    });
    assert.equal(res.status, 303, await res.text());
    location = new URL(res.headers.get('location'));
  }
  assert.match(location.pathname, /^\/consent\//);
  res = await jar.fetch(location);
  if (res.status === 302) return new URL(res.headers.get('location'));  // consent on record
  const html = await res.text();
  assert.equal(res.status, 200, html);
  res = await jar.fetch(location, { method: 'POST', form: { csrf: csrfOf(html), action: decision } });
  assert.equal(res.status, 302, await res.text());
  return new URL(res.headers.get('location'));
}
