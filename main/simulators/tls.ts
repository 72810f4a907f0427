import { X509Certificate, generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface SimulatorCertificate {
  /** The self-signed certificate, also its own CA: clients pass it as `ca`. */
  certPem: string;
  keyPem: string;
  /** SHA-256 fingerprint, to show in the studio and compare with a saved copy. */
  fingerprint256: string;
}

/** Host names the certificate answers for: clients dial 127.0.0.1 and name it localhost. */
export const SIMULATOR_SERVERNAME = 'localhost';

/**
 * A fresh self-signed certificate for the simulators' TLS listeners, made at each start. Node can
 * parse certificates but not issue them, so node-forge builds it; the RSA key itself comes from
 * Node's native generator (forge's pure-JS key generation takes seconds).
 */
export function generateSimulatorCertificate(commonName = 'Journey Studio provider sandbox'): SimulatorCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  // A positive serial: the leading byte stays below 0x80.
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(now + 365 * 24 * 60 * 60 * 1000);
  const subject = [{ name: 'commonName', value: commonName }, { name: 'organizationName', value: 'Journey Studio' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    // cA so that the same PEM works as the trust anchor clients pass in `ca`.
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: SIMULATOR_SERVERNAME },
        { type: 7, ip: '127.0.0.1' },
      ],
    },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  return { certPem, keyPem: privateKey, fingerprint256: new X509Certificate(certPem).fingerprint256 };
}
