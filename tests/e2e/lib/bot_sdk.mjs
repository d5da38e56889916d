// matrix-bot-sdk without its end-to-end encryption. The package loads its
// native Rust crypto modules at import time, and those come from a
// post-install download (tests install with --ignore-scripts, offline), so
// `import('matrix-bot-sdk')` fails. The tests never enable encryption: both
// modules are replaced by an object whose every member is an empty class, so
// the rest of the SDK (MatrixClient, Appservice, Intent) loads and runs as
// shipped.
import Module, { createRequire } from 'node:module';

const NATIVE = ['@matrix-org/matrix-sdk-crypto-nodejs', '@turt2live/matrix-sdk-crypto-nodejs'];
const absent = new Proxy({}, { get: (_, name) => (name === '__esModule' ? false : class {}) });

const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveWithoutNativeCrypto(request, ...rest) {
  return NATIVE.includes(request) ? `gatehouse-test-absent:${request}` : resolve.call(this, request, ...rest);
};
for (const name of NATIVE) {
  const key = `gatehouse-test-absent:${name}`;
  const stand_in = new Module(key);
  stand_in.loaded = true;
  stand_in.exports = absent;
  Module._cache[key] = stand_in;
}

/** The matrix-bot-sdk module (CommonJS exports). */
export const botSdk = createRequire(import.meta.url)('matrix-bot-sdk');
