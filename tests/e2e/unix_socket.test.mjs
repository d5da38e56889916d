// The auth service on a UNIX socket (MAS's `binds: [{socket, mode}]`) and the
// homeserver reaching it there (`matrix_authentication_service.socket`):
// a legacy /login forwarded by the homeserver and the introspection of the
// token it returns (cache off) both travel over the socket, whose TCP
// counterpart is never used; the socket has its mode and is gone when the
// server stops.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  eventually, freePort, gatehouse, generateConfigs, startAuth, startHomeserver, tempDir,
} from './lib/harness.mjs';

const USER = 'sockuser';
const PASSWORD = 'correct horse battery staple 42';

describe('the homeserver reaches the auth service over a UNIX socket', () => {
  let cfg;
  let auth;
  let hs;
  let socketPath;

  before(async () => {
    cfg = await generateConfigs(tempDir());
    socketPath = path.join(cfg.dir, 'auth.sock');
    const config = readFileSync(cfg.configPath, 'utf8').replace(
      `        - address: "127.0.0.1:${cfg.ports.auth}"\n`,
      `        - address: "127.0.0.1:${cfg.ports.auth}"\n        - socket: ${socketPath}\n          mode: 0o660\n`);
    assert.ok(config.includes(socketPath), 'the web listener got the socket bind');
    writeFileSync(cfg.configPath, `${config}
rate_limiting:
  login:
    per_ip: {burst: 1000, per_second: 100}
`);
    // The homeserver's endpoint names a closed port: only the socket answers.
    const closedPort = await freePort();
    const homeserver = readFileSync(cfg.homeserverConfigPath, 'utf8')
      .replace(/^(\s*endpoint:\s*).*$/m, `$1http://127.0.0.1:${closedPort}/`)
      .replace(/^matrix_authentication_service:\s*$/m,
        `matrix_authentication_service:\n  socket: ${socketPath}\n  token_cache:\n    ttl_seconds: 0`);
    writeFileSync(cfg.homeserverConfigPath, homeserver);
    const gh = (args) => gatehouse([...args, '-c', cfg.configPath], { cwd: cfg.dir });
    assert.equal((await gh(['database', 'migrate'])).code, 0);
    const reg = await gh(['manage', 'register-user', USER, '-p', PASSWORD, '-y', '--ignore-password-complexity']);
    assert.equal(reg.code, 0, reg.stderr + reg.stdout);
    hs = await startHomeserver(cfg);
    auth = await startAuth(cfg);
    const secret = homeserver.match(/^\s*secret:\s*"?([^"\n]+)"?\s*$/m)[1];
    await eventually(async () => (await fetch(
      `${cfg.homeserverUrl}/_synapse/mas/query_user?localpart=${USER}`,
      { headers: { authorization: `Bearer ${secret}` } })).status === 200, `${USER} on the homeserver`);
  });

  after(async () => {
    await hs?.stop();
    await auth?.stop();
  });

  test('the socket exists with its mode', () => {
    const st = statSync(socketPath);
    assert.ok(st.isSocket());
    assert.equal(st.mode & 0o777, 0o660);
  });

  test('a forwarded /login and the introspection of its token go over the socket', async () => {
    const login = await fetch(`${cfg.homeserverUrl}/_matrix/client/v3/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'm.login.password', identifier: { type: 'm.id.user', user: USER }, password: PASSWORD }),
    });
    const body = await login.json();
    assert.equal(login.status, 200, JSON.stringify(body));
    for (let i = 0; i < 2; i++) {  // the cache is off: each one is introspected
      const whoami = await fetch(`${cfg.homeserverUrl}/_matrix/client/v3/account/whoami`, {
        headers: { authorization: `Bearer ${body.access_token}` },
      });
      assert.equal(whoami.status, 200);
      const me = await whoami.json();
      assert.equal(me.user_id, body.user_id);
      assert.equal(me.device_id, body.device_id);
    }
    const wrong = await fetch(`${cfg.homeserverUrl}/_matrix/client/v3/account/whoami`, {
      headers: { authorization: 'Bearer mct_notatoken' },
    });
    assert.equal(wrong.status, 401);
  });

  test('the socket file is removed when the server stops', async () => {
    await auth.stop();
    auth = undefined;
    assert.equal(existsSync(socketPath), false);
  });
});
