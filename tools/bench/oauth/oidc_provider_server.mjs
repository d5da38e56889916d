// The peer the OAuth benchmark compares with: oidc-provider 9 from npm,
// in memory, opaque access tokens, one confidential client
// (client_secret_basic, client_credentials only), introspection on.
// Usage: node oidc_provider_server.mjs PORT CLIENT_ID CLIENT_SECRET
// The package is looked up in $NODE_PATH (ES modules ignore NODE_PATH, so it
// is imported by path), else in tests/node_modules of this checkout.
import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const nodeModules = process.env.NODE_PATH || path.join(here, '..', '..', '..', 'tests', 'node_modules');
const { default: Provider } = await import(
  pathToFileURL(path.join(nodeModules, 'oidc-provider', 'lib', 'index.js')).href);

const [port, clientId, clientSecret] = process.argv.slice(2);
if (!port || !clientId || !clientSecret) {
  console.error('usage: oidc_provider_server.mjs PORT CLIENT_ID CLIENT_SECRET');
  process.exit(2);
}

// A real RS256 key instead of the development one, so JWKS and discovery
// answer what a deployment would.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'bench-1', use: 'sig', alg: 'RS256' };

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
  }],
  jwks: { keys: [jwk] },
  cookies: { keys: ['bench-cookie-key-0123456789abcdef'] },
  features: {
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
    devInteractions: { enabled: false },
  },
});

const server = provider.listen(Number(port), '127.0.0.1');
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
