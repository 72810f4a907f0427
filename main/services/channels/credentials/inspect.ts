import type { CredentialFile, CredentialInspection, CredentialKind } from '../../../../shared/domain/channel.js';
import { StudioError } from '../../../../shared/errors.js';
import type { Clock } from '../../clock.js';
import { parseP12 } from './p12.js';
import { parseP8 } from './p8.js';
import { parseServiceAccount } from './service-account.js';

export function fileBytes(file: CredentialFile): Buffer {
  const bytes = Buffer.from(file.contentBase64, 'base64');
  if (bytes.length === 0) throw new StudioError('invalid_input', `${file.fileName} is empty.`);
  return bytes;
}

/** Guesses what a dropped file is, so drag-and-drop needs no choosing first. */
export function guessCredentialKind(file: CredentialFile): CredentialKind | undefined {
  const bytes = fileBytes(file);
  const head = bytes.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{')) return 'serviceAccount';
  if (head.startsWith('-----BEGIN')) return 'p8';
  // DER: a SEQUENCE with a long-form length, as every PKCS#12 file starts.
  if (bytes[0] === 0x30 && bytes[1] !== undefined && bytes[1] >= 0x80) return 'p12';
  if (/\.p12$|\.pfx$/i.test(file.fileName)) return 'p12';
  return undefined;
}

/** Parses and checks a credential file without storing anything: what the import dialog shows. */
export function inspectCredential(kind: CredentialKind | 'auto', file: CredentialFile, passphrase: string | undefined, clock: Clock): CredentialInspection {
  const resolved = kind === 'auto' ? guessCredentialKind(file) : kind;
  const bytes = fileBytes(file);
  switch (resolved) {
    case 'p8':
      return parseP8(bytes, file.fileName).inspection;
    case 'p12':
      return parseP12(bytes, passphrase ?? '', clock).inspection;
    case 'serviceAccount':
      return parseServiceAccount(bytes, file.fileName).inspection;
    default:
      throw new StudioError(
        'invalid_input',
        `${file.fileName} is not a credential the studio knows: use an APNs key (.p8), an APNs certificate (.p12) or a Firebase service account (.json).`,
      );
  }
}
