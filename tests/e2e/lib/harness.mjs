// Starts the real Gatehouse binaries on loopback for end-to-end tests.
//
// Every process started here is tracked and stopped by its PID when the test
// file ends (or the runner dies), so a failing test leaves nothing behind.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const sourceDir = process.env.GATEHOUSE_SOURCE_DIR ?? path.resolve(here, '../../..');
// Absolute, because processes are started with other working directories.
export const buildDir = path.resolve(process.env.GATEHOUSE_BUILD_DIR ?? path.join(sourceDir, 'build'));
export const gatehouseBin = path.join(buildDir, 'auth', 'gatehouse');
export const homeserverBin = path.join(buildDir, 'homeserver', 'gatehouse-homeserver');

const running = new Set();
const tempDirs = [];

function stopAllNow() {
  for (const child of running) {
    try { process.kill(child.pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}
process.on('exit', stopAllNow);

/** A fresh temporary directory, removed when the test process exits. */
export function tempDir(prefix = 'gatehouse-e2e-') {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/**
 * A TCP port on 127.0.0.1 that was free a moment ago. Chosen below the
 * kernel's ephemeral range (/proc/sys/net/ipv4/ip_local_port_range, 32768
 * and up by default): a port the kernel hands out for `listen(0)` is also
 * one it hands to outgoing connections, and the keep-alive connections of
 * the test files running beside this one could take it before our server
 * binds it ("Address already in use").
 */
export function freePort() {
  const attempt = (left) => new Promise((resolve, reject) => {
    const port = 20000 + Math.floor(Math.random() * 12000);
    const server = net.createServer();
    server.unref();
    server.once('error', (e) => (left > 0 ? resolve(attempt(left - 1)) : reject(e)));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(port)));
  });
  return attempt(50);
}

/** Runs a command to completion: {code, stdout, stderr}. */
export function run(bin, args, { cwd, env, input, timeoutMs = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd, env: { ...process.env, ...env }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr });
    });
    // A child that exits before reading its stdin must not crash the test with EPIPE.
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

/** Runs `gatehouse ARGS…`. */
export const gatehouse = (args, opts) => run(gatehouseBin, args, opts);

/**
 * One SQL query on the auth database of `cfg` through the database's own
 * client (psql for `databaseUri`, else sqlite3 on the config's file); rows
 * as '|'-joined lines. sqlite3 waits up to 5 s for the write lock: the
 * running server's own short write transactions (jobs, activity) may hold
 * it at that moment.
 */
export async function databaseQuery(cfg, databaseUri, query) {
  const r = databaseUri
    ? await run('psql', [databaseUri, '-tAc', query])
    : await run('sqlite3', ['-cmd', '.timeout 5000', path.join(cfg.dir, 'gatehouse.db'), query]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim();
}

/**
 * Starts a long-running process. Resolves once `readyUrl` answers (any HTTP
 * status) — or rejects with the process's output if it exits first.
 * Returns {pid, output(), stop(signal) → exit code}.
 */
export async function start(bin, args, { cwd, env, readyUrl, timeoutMs = 20_000 } = {}) {
  const child = spawn(bin, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  let spawnError = null;
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? (signal ? 128 + os.constants.signals[signal] : -1));
    });
    // A binary that cannot be started (wrong path) never emits 'exit'.
    child.on('error', (err) => {
      running.delete(child);
      spawnError = err;
      resolve(-1);
    });
  });
  const handle = {
    pid: child.pid,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM', graceMs = 10_000) {
      if (!running.has(child)) return exited;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  if (readyUrl) {
    const deadline = Date.now() + timeoutMs;
    let ready = false;
    while (!ready) {
      const gone = await Promise.race([exited.then(() => true), sleep(50).then(() => false)]);
      if (gone) throw new Error(`${path.basename(bin)} exited before it was ready: ${spawnError?.message ?? ''}\n${output}`);
      try {
        await fetch(readyUrl, { signal: AbortSignal.timeout(1000) });
        ready = true;
      } catch {
        if (Date.now() > deadline) {
          await handle.stop('SIGKILL');
          throw new Error(`${path.basename(bin)} not ready at ${readyUrl} after ${timeoutMs} ms:\n${output}`);
        }
      }
    }
  }
  return handle;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a truthy value (returned); fails after `timeoutMs`. */
export async function eventually(probe, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Waits until a started process's output matches `pattern`; returns the output. */
export async function waitForOutput(handle, pattern, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(handle.output())) {
    if (Date.now() > deadline) throw new Error(`output never matched ${pattern}:\n${handle.output()}`);
    await sleep(50);
  }
  return handle.output();
}

/**
 * Writes a config pair with `gatehouse config generate` (the real generator)
 * into `dir`, moved to free ports and, when given, another database URI.
 * Returns {dir, configPath, homeserverConfigPath, authUrl, internalUrl, homeserverUrl, ports}.
 */
export async function generateConfigs(dir, { databaseUri } = {}) {
  const configPath = path.join(dir, 'config.yaml');
  const homeserverConfigPath = path.join(dir, 'homeserver.yaml');
  const gen = await gatehouse(['config', 'generate', '-o', configPath, '--homeserver-output', homeserverConfigPath], { cwd: dir });
  if (gen.code !== 0) throw new Error(`config generate failed: ${gen.stderr}`);
  const ports = { auth: await freePort(), internal: await freePort(), homeserver: await freePort() };
  const move = (text) => text
    .replaceAll('127.0.0.1:8080', `127.0.0.1:${ports.auth}`)
    .replaceAll('127.0.0.1:8081', `127.0.0.1:${ports.internal}`)
    .replaceAll('127.0.0.1:8008', `127.0.0.1:${ports.homeserver}`)
    .replace(/^(\s*-?\s*port:\s*)8008\s*$/m, `$1${ports.homeserver}`);
  let config = move(readFileSync(configPath, 'utf8'));
  if (databaseUri) config = config.replace(/^(\s*uri:\s*).*$/m, `$1"${databaseUri}"`);
  writeFileSync(configPath, config);
  writeFileSync(homeserverConfigPath, move(readFileSync(homeserverConfigPath, 'utf8')));
  return {
    dir,
    configPath,
    homeserverConfigPath,
    ports,
    authUrl: `http://127.0.0.1:${ports.auth}`,
    internalUrl: `http://127.0.0.1:${ports.internal}`,
    homeserverUrl: `http://127.0.0.1:${ports.homeserver}`,
  };
}

/** Starts `gatehouse server` on a generated config and waits for /health. */
export function startAuth(cfg, extraArgs = []) {
  return start(gatehouseBin, ['server', '-c', cfg.configPath, ...extraArgs], {
    cwd: cfg.dir, readyUrl: `${cfg.authUrl}/health`,
  });
}

/** Starts `gatehouse-homeserver` on a generated config and waits for /health. */
export function startHomeserver(cfg) {
  return start(homeserverBin, ['-c', cfg.homeserverConfigPath], {
    cwd: cfg.dir, readyUrl: `${cfg.homeserverUrl}/health`,
  });
}

/**
 * A fresh PostgreSQL database URI on the run's server (the database itself is
 * not created: Gatehouse creates it). Null when no server was provided.
 */
export function freshPostgresUri(label = 'e2e') {
  const base = process.env.GATEHOUSE_TEST_POSTGRES_URI;
  if (!base) return null;
  const url = new URL(base);
  url.pathname = `/gh_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  return url.toString();
}
