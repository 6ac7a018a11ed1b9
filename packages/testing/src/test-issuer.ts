import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

/** Claims for {@link TestIssuer.sign}; `exp` is seconds from now (negative: already expired). */
export interface TestTokenClaims extends JWTPayload {
  expiresInSeconds?: number;
}

/** A local OAuth authorization server's signing side: a JWKS on 127.0.0.1 and a token signer. */
export interface TestIssuer {
  /** The issuer URL tokens carry in `iss`. */
  issuer: string;
  /** URL of the JWKS document (served on 127.0.0.1, no network beyond loopback). */
  jwksUrl: URL;
  /** Signs an access token: `iss` is this issuer, `exp` one hour ahead unless given. */
  sign(claims: TestTokenClaims): Promise<string>;
  /** Signs with a key the JWKS does not publish (a forged token). */
  signWithForeignKey(claims: TestTokenClaims): Promise<string>;
  close(): Promise<void>;
}

/** Starts a test issuer whose keys are generated with `jose` on the spot. */
export async function startTestIssuer(issuer = 'https://auth.example.test'): Promise<TestIssuer> {
  const keys = await generateKeyPair('ES256');
  const foreign = await generateKeyPair('ES256');
  const publicJwk = { ...(await exportJWK(keys.publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' };
  const server = createServer((req, res) => {
    if (req.url === '/jwks.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] }));
    } else res.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  const signer = (key: CryptoKey, kid: string) => async (claims: TestTokenClaims) => {
    const { expiresInSeconds = 3600, ...payload } = claims;
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuer(typeof payload.iss === 'string' ? payload.iss : issuer)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
      .sign(key);
  };
  return {
    issuer,
    jwksUrl: new URL(`http://127.0.0.1:${port}/jwks.json`),
    sign: signer(keys.privateKey, 'test-key'),
    signWithForeignKey: signer(foreign.privateKey, 'test-key'),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
