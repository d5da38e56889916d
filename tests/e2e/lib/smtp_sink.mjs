// An SMTP server that keeps what it receives, for the email tests: Debian's
// python3-aiosmtpd on 127.0.0.1 (plain SMTP), each message printed to its
// stdout as one JSON line {mail_from, rcpt_tos, data} and collected here.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';

import { freePort } from './harness.mjs';

const SINK = `
import asyncio, json, sys
from aiosmtpd.controller import Controller

class Keep:
    async def handle_DATA(self, server, session, envelope):
        print(json.dumps({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                          "data": envelope.content.decode("utf-8", "replace")}), flush=True)
        return "250 OK"

controller = Controller(Keep(), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print(json.dumps({"ready": True}), flush=True)
try:
    sys.stdin.read()
finally:
    controller.stop()
`;

/** Starts the sink; {port, messages, next(timeoutMs), stop()}. */
export async function startSmtpSink() {
  const port = await freePort();
  // Debian's interpreter: python3-aiosmtpd is installed for it (another
  // python3 first on PATH, e.g. pyenv's, would not have it).
  const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  const child = spawn(python, ['-c', SINK, String(port)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const messages = [];
  const waiters = [];
  let ready;
  const started = new Promise((resolve, reject) => {
    ready = resolve;
    child.once('exit', (code) => reject(new Error(`the SMTP sink exited (${code})`)));
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    const event = JSON.parse(line);
    if (event.ready) return ready();
    messages.push(event);
    waiters.splice(0).forEach((w) => w());
  });
  await started;
  return {
    port,
    messages,
    /** The next message not yet taken (waits for it). */
    async next(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length === 0) {
        if (Date.now() > deadline) throw new Error('no email arrived');
        await new Promise((resolve) => { waiters.push(resolve); setTimeout(resolve, 200); });
      }
      return messages.shift();
    },
    stop() {
      return new Promise((resolve) => {
        child.once('exit', resolve);
        child.stdin.end();
        setTimeout(() => child.kill(), 2000).unref();
      });
    },
  };
}

/** The text/plain body of a message the server sent (base64, RFC 2045). */
export function bodyOf(data) {
  const start = data.search(/\r?\n\r?\n/);
  const body = start < 0 ? '' : data.slice(start).trim();
  return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
}
