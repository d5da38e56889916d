// The compat (legacy login) e2e tests' shared setup: the real auth service
// and homeserver on one backend, with an appservice registration (bridge_*
// users) known to both, and alice registered and provisioned.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import {
  databaseQuery, eventually, gatehouse, gatehouseBin, generateConfigs, start, startHomeserver, tempDir,
} from './harness.mjs';

export const USER = 'alice';
export const PASSWORD = 'correct horse battery staple 42';
export const AS_TOKEN = `as-${randomUUID()}`;

/**
 * Real processes for one backend: configs with an appservice registration
 * (bridge_* users) known to both services, alice registered and provisioned.
 * `perAccount`: rate_limiting.login.per_account (the per-IP one is raised);
 * `extraConfig`: more top-level YAML for the auth service, or a function
 * of the generated config (its ports) that returns it.
 */
export async function compatStack(databaseUri, { perAccount = { burst: 1000, per_second: 100 }, extraConfig = '' } = {}) {
  const cfg = await generateConfigs(tempDir(), { databaseUri });
  const extra = typeof extraConfig === 'function' ? await extraConfig(cfg) : extraConfig;
  const registration = path.join(cfg.dir, 'bridge.yaml');
  const serverName = readFileSync(cfg.homeserverConfigPath, 'utf8').match(/^server_name:\s*"?([^"\n]+)"?/m)[1];
  writeFileSync(registration, [
    'id: bridge', 'url: null', `as_token: "${AS_TOKEN}"`, 'hs_token: "hs-token-0123456789"',
    'sender_localpart: bridgebot', 'rate_limited: false',
    'namespaces:', '  users:', `    - regex: "@bridge_.*:${serverName.replaceAll('.', '\\\\.')}"`, '      exclusive: true', '',
  ].join('\n'));
  let config = readFileSync(cfg.configPath, 'utf8');
  config = config.replace(/^matrix:\n/m, `matrix:\n  app_service_config_files: ["${registration}"]\n`);
  writeFileSync(cfg.configPath, `${config}
rate_limiting:
  login:
    per_ip: {burst: 1000, per_second: 100}
    per_account: {burst: ${perAccount.burst}, per_second: ${perAccount.per_second}}
${extra}`);
  const hsConfig = readFileSync(cfg.homeserverConfigPath, 'utf8')
    .replace(/^app_service_config_files:.*$/m, `app_service_config_files: ["${registration}"]`);
  writeFileSync(cfg.homeserverConfigPath, hsConfig);
  const secret = hsConfig.match(/^\s*secret:\s*"?([^"\n]+)"?\s*$/m)[1];
  const gh = (args) => gatehouse([...args, '-c', cfg.configPath], { cwd: cfg.dir });
  assert.equal((await gh(['database', 'migrate'])).code, 0);
  const reg = await gh(['manage', 'register-user', USER, '-p', PASSWORD, '-y', '--ignore-password-complexity']);
  assert.equal(reg.code, 0, reg.stderr + reg.stdout);
  const hs = await startHomeserver(cfg);
  let auth;
  try {
    auth = await start(gatehouseBin, ['server', '-c', cfg.configPath], {
      cwd: cfg.dir, readyUrl: `${cfg.authUrl}/health`, env: { GATEHOUSE_JOB_BACKOFF_MS: '100' },
    });
    await eventually(async () => (await fetch(
      `${cfg.homeserverUrl}/_synapse/mas/query_user?localpart=${USER}`,
      { headers: { authorization: `Bearer ${secret}` } })).status === 200, 'alice on the homeserver');
  } catch (error) {
    // Nothing started here may outlive a failed setup (the caller has no
    // stack to stop).
    await auth?.stop();
    await hs.stop();
    throw error;
  }
  const sql = (query) => databaseQuery(cfg, databaseUri, query);
  return { cfg, auth, hs, gh, sql, serverName, registration };
}

/** The homeserver's client API with a bearer token. */
export const clientApi = (cfg) => (token, apiPath, init = {}) => fetch(`${cfg.homeserverUrl}/_matrix/client/v3${apiPath}`, {
  ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json', ...(init.headers ?? {}) },
});
