// What Gatehouse mails, end to end: the real auth service sends through
// SMTP (a real SMTP server, python3-aiosmtpd) from its job queue.
//  - Password recovery: the link sets a new password once; the old one
//    stops working and the new one signs in; an unknown address gets the
//    same answer and no mail; the link is refused a second time.
//  - Registration's email step: the account exists once the mailed code
//    comes back (a wrong code, a new code, an address already in use).
//  - The account page: an address is added once its mailed code comes
//    back, and removed.
// On SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { CookieJar, actionOf, csrfOf } from './lib/browser.mjs';
import {
  databaseQuery, freePort, freshPostgresUri, gatehouse, gatehouseBin, generateConfigs, sleep, start, startHomeserver, tempDir,
} from './lib/harness.mjs';
import { bodyOf, startSmtpSink } from './lib/smtp_sink.mjs';

const OLD = 'correct horse battery staple 42';
const NEW = 'a brand new passphrase for dora';

const backends = [
  { name: 'SQLite', uri: () => undefined },
  { name: 'PostgreSQL', uri: () => freshPostgresUri('recovery') },
];

for (const backend of backends) {
  const skip = backend.name === 'PostgreSQL' && !process.env.GATEHOUSE_TEST_POSTGRES_URI
    ? 'GATEHOUSE_TEST_POSTGRES_URI is not set' : false;

  describe(`email (recovery, registration) on ${backend.name}`, { skip }, () => {
    let cfg;
    let databaseUri;
    let auth;
    let hs;
    let smtp;
    const gh = (args) => gatehouse([...args, '-c', cfg.configPath], { cwd: cfg.dir });
    // The sign-in form's answer: 303 signed in, 401 wrong password.
    async function login(password) {
      const jar = new CookieJar();
      const page = new URL(`${cfg.authUrl}/login`);
      const html = await (await jar.fetch(page)).text();
      return jar.fetch(new URL(actionOf(html), page), {
        method: 'POST', form: { csrf: csrfOf(html), username: 'dora', password },
      });
    }

    before(async () => {
      smtp = await startSmtpSink();
      databaseUri = backend.uri();
      cfg = await generateConfigs(tempDir(), { databaseUri });
      appendFileSync(cfg.configPath, `
account:
  password_recovery_enabled: true
  password_registration_enabled: true
email:
  from: '"Chat" <noreply@chat.example>'
  transport: smtp
  mode: plain
  hostname: 127.0.0.1
  port: ${smtp.port}
rate_limiting:
  login:
    per_ip: {burst: 1000, per_second: 100}
`);
      assert.equal((await gh(['database', 'migrate'])).code, 0);
      const reg = await gh(['manage', 'register-user', 'dora', '-p', OLD, '-e', 'Dora@Example.org', '-y', '--ignore-password-complexity']);
      assert.equal(reg.code, 0, reg.stderr);
      // Registration asks the homeserver whether a username is free.
      hs = await startHomeserver(cfg);
      auth = await start(gatehouseBin, ['server', '-c', cfg.configPath], {
        cwd: cfg.dir, readyUrl: `${cfg.authUrl}/health`, env: { GATEHOUSE_JOB_BACKOFF_MS: '100' },
      });
    });
    after(async () => {
      await auth?.stop();
      await hs?.stop();
      await smtp?.stop();
    });

    async function ask(jar, email) {
      const page = new URL(`${cfg.authUrl}/recover`);
      const html = await (await jar.fetch(page)).text();
      const res = await jar.fetch(new URL(actionOf(html), page), { method: 'POST', form: { csrf: csrfOf(html), email } });
      const text = await res.text();
      assert.equal(res.status, 200, text);
      assert.match(text, /If an account uses <strong>[^<]+<\/strong>, we have sent it a link/);
    }

    test('the login page links to recovery; an unknown address gets the same answer and no mail', async () => {
      const html = await (await fetch(`${cfg.authUrl}/login`)).text();
      assert.match(html, /<a href="[^"]*\/recover">Forgot your password\?<\/a>/);
      await ask(new CookieJar(), 'nobody@example.org');
      await sleep(500);
      assert.equal(smtp.messages.length, 0);
    });

    test('the emailed link sets a new password once; the old one stops working', async () => {
      await ask(new CookieJar(), 'DORA@example.org');
      const mail = await smtp.next();
      assert.deepEqual(mail.rcpt_tos, ['dora@example.org']);
      assert.equal(mail.mail_from, 'noreply@chat.example');
      assert.match(mail.data, /^From: "Chat" <noreply@chat.example>\r?$/m);
      assert.match(mail.data, /^Subject: Reset your password on localhost\r?$/m);
      const text = bodyOf(mail.data);
      const link = new URL(text.match(/(http:\/\/\S+\/recover\/[A-Za-z0-9]+)/)[1]);
      assert.equal(link.origin, cfg.authUrl);

      const jar = new CookieJar();
      let html = await (await jar.fetch(link)).text();
      assert.match(html, /Choose a new password for <strong>dora<\/strong>/);
      let res = await jar.fetch(link, { method: 'POST', form: { csrf: csrfOf(html), new_password: NEW, new_password_confirm: 'not the same' } });
      assert.equal(res.status, 400);
      html = await res.text();
      res = await jar.fetch(link, { method: 'POST', form: { csrf: csrfOf(html), new_password: NEW, new_password_confirm: NEW } });
      assert.equal(res.status, 200);
      assert.match(await res.text(), /Your password was changed/);

      assert.equal((await login(OLD)).status, 401);
      assert.equal((await login(NEW)).status, 303);
      const again = await jar.fetch(link);
      assert.equal(again.status, 400);
      assert.match(await again.text(), /This link does not work any more/);
    });

    test('registration mails a code; the account exists once the right code comes back', async () => {
      const jar = new CookieJar();
      const page = new URL(`${cfg.authUrl}/register`);
      let html = await (await jar.fetch(page)).text();
      assert.match(html, /name="email"/);
      const form = { csrf: csrfOf(html), username: 'erin', email: 'Erin@Example.org', password: NEW, password_confirm: NEW };
      let res = await jar.fetch(new URL(actionOf(html), page), { method: 'POST', form });
      assert.equal(res.status, 303, await res.text());
      const verify = new URL(res.headers.get('location'));
      assert.equal(verify.pathname, '/register/verify');
      const first = await smtp.next();
      assert.deepEqual(first.rcpt_tos, ['erin@example.org']);
      const code = bodyOf(first.data).match(/\b(\d{6})\b/)[1];
      // Not an account yet.
      const erinRows = () => databaseQuery(cfg, databaseUri, "SELECT COUNT(*) FROM users WHERE username = 'erin'");
      assert.equal(await erinRows(), '0');

      html = await (await jar.fetch(verify)).text();
      assert.match(html, /We sent a code to <strong>erin@example.org<\/strong>/);
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      res = await jar.fetch(verify, { method: 'POST', form: { csrf: csrfOf(html), action: 'verify', code: wrong } });
      assert.equal(res.status, 400);
      html = await res.text();
      res = await jar.fetch(verify, { method: 'POST', form: { csrf: csrfOf(html), action: 'resend' } });
      assert.equal(res.status, 200);
      html = await res.text();
      assert.match(html, /A new code was sent/);
      const second = bodyOf((await smtp.next()).data).match(/\b(\d{6})\b/)[1];
      if (second !== code) {
        res = await jar.fetch(verify, { method: 'POST', form: { csrf: csrfOf(html), action: 'verify', code } });
        assert.equal(res.status, 400, 'the first code was replaced');
        html = await res.text();
      }
      res = await jar.fetch(verify, { method: 'POST', form: { csrf: csrfOf(html), action: 'verify', code: second } });
      assert.equal(res.status, 303, await res.text());
      assert.equal((await jar.fetch(verify)).status, 400);  // done: nothing waiting any more
      assert.equal(await erinRows(), '1');
      assert.equal(await databaseQuery(cfg, databaseUri,
        "SELECT e.email FROM user_emails e JOIN users u ON u.id = e.user_id WHERE u.username = 'erin' AND e.confirmed_at IS NOT NULL"),
      'erin@example.org');

      const other = new CookieJar();
      html = await (await other.fetch(page)).text();
      res = await other.fetch(new URL(actionOf(html), page), {
        method: 'POST', form: { ...form, csrf: csrfOf(html), username: 'erin2' },
      });
      assert.equal(res.status, 409);
      assert.match(await res.text(), /already used by an account/);
    });

    test('the account page adds an address once its code comes back, and removes it', async () => {
      const jar = new CookieJar();
      const page = new URL(`${cfg.authUrl}/login`);
      let html = await (await jar.fetch(page)).text();
      let res = await jar.fetch(new URL(actionOf(html), page), {
        method: 'POST', form: { csrf: csrfOf(html), username: 'dora', password: NEW },
      });
      assert.equal(res.status, 303, await res.text());
      const account = new URL(`${cfg.authUrl}/account/`);
      html = await (await jar.fetch(account)).text();
      assert.match(html, /Email: dora@example.org/);
      res = await jar.fetch(account, { method: 'POST', form: { csrf: csrfOf(html), op: 'add_email', email: 'dora@work.example' } });
      assert.equal(res.status, 303, await res.text());
      const verify = new URL(res.headers.get('location'));
      assert.match(verify.pathname, /^\/account\/email\/[0-9A-Z]{26}$/);
      const mail = await smtp.next();
      assert.deepEqual(mail.rcpt_tos, ['dora@work.example']);
      const code = bodyOf(mail.data).match(/\b(\d{6})\b/)[1];
      html = await (await jar.fetch(verify)).text();
      assert.match(html, /Type it here to add this address to your account/);
      res = await jar.fetch(verify, { method: 'POST', form: { csrf: csrfOf(html), action: 'verify', code } });
      assert.equal(res.status, 303, await res.text());
      html = await (await jar.fetch(new URL(res.headers.get('location')))).text();
      assert.match(html, /The email address was added/);
      assert.match(html, /Email: dora@work.example/);

      const id = html.match(/<div class="email" id="email-([0-9A-Z]{26})"><p>Email: dora@work.example/)[1];
      res = await jar.fetch(account, { method: 'POST', form: { csrf: csrfOf(html), op: 'remove_email', email_id: id } });
      assert.equal(res.status, 303, await res.text());
      html = await (await jar.fetch(new URL(res.headers.get('location')))).text();
      assert.match(html, /The email address was removed/);
      assert.doesNotMatch(html, /dora@work.example/);
      // Ten wrong codes at most: then even the right one is refused.
      res = await jar.fetch(account, { method: 'POST', form: { csrf: csrfOf(html), op: 'add_email', email: 'dora@home.example' } });
      assert.equal(res.status, 303, await res.text());
      const second = new URL(res.headers.get('location'));
      const secondCode = bodyOf((await smtp.next()).data).match(/\b(\d{6})\b/)[1];
      const wrongCode = String((Number(secondCode) + 1) % 1_000_000).padStart(6, '0');
      const statuses = [];
      for (let i = 0; i < 10; ++i) {
        res = await jar.fetch(second, { method: 'POST', form: { csrf: csrfOf(html), action: 'verify', code: wrongCode } });
        statuses.push(res.status);
        await res.text();
      }
      assert.deepEqual([...new Set(statuses)], [400]);
      res = await jar.fetch(second, { method: 'POST', form: { csrf: csrfOf(html), action: 'verify', code: secondCode } });
      assert.equal(res.status, 429);
      assert.match(await res.text(), /Too many wrong codes. Add the address again/);

      // Only her own addresses: another id is 404 and changes nothing.
      res = await jar.fetch(account, { method: 'POST', form: { csrf: csrfOf(html), op: 'remove_email', email_id: '01J0000000000000000000000Z' } });
      assert.equal(res.status, 404);
    });

    test('doctor checks the mail server: it answers here, not on a closed port', async () => {
      const good = await gh(['doctor']);
      assert.match(good.stdout, new RegExp(`^ok {4}email: smtp plain 127.0.0.1:${smtp.port} answers$`, 'm'));
      const closed = path.join(cfg.dir, 'closed-smtp.yaml');
      writeFileSync(closed, `email: {port: ${await freePort()}}\n`);
      const bad = await gatehouse(['doctor', '-c', cfg.configPath, '-c', closed], { cwd: cfg.dir });
      assert.equal(bad.code, 1);
      assert.match(bad.stdout, /^FAIL {2}email: the SMTP server 127.0.0.1:\d+ did not answer as expected/m);
    });
  });
}
