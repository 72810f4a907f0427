import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ASSET_MAX_BYTES, type Asset, assetNameSchema } from '../../../shared/domain/message.js';
import { StudioError } from '../../../shared/errors.js';

/** Images for messages, kept as plain files in the workspace's assets/ folder (copy the folder, keep the images). */
export const ASSETS_DIR = 'assets';

const MEDIA_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

/** The first bytes of each format: a file named .png must be a PNG. */
function sniff(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 6).toString('latin1') === 'GIF87a' || bytes.subarray(0, 6).toString('latin1') === 'GIF89a') return 'image/gif';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return undefined;
}

export interface AssetStore {
  list(): Asset[];
  add(name: string, contentBase64: string): Asset;
  read(name: string): { asset: Asset; contentBase64: string };
}

export function createAssetStore(workspaceDir: string): AssetStore {
  const dir = path.join(workspaceDir, ASSETS_DIR);
  const fileOf = (name: string) => {
    const parsed = assetNameSchema.safeParse(name);
    if (!parsed.success) throw new StudioError('invalid_input', `“${name}” is not an image name the studio keeps: ${parsed.error.issues[0]?.message}.`);
    return path.join(dir, parsed.data);
  };
  const describe = (name: string, bytes: number): Asset => ({ name, bytes, mediaType: MEDIA_TYPES[name.split('.').pop()!.toLowerCase()] ?? 'application/octet-stream' });
  return {
    list() {
      if (!existsSync(dir)) return [];
      return readdirSync(dir)
        .filter((name) => assetNameSchema.safeParse(name).success)
        .map((name) => describe(name, statSync(path.join(dir, name)).size))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    add(name, contentBase64) {
      const file = fileOf(name);
      const bytes = Buffer.from(contentBase64, 'base64');
      if (bytes.length > ASSET_MAX_BYTES) throw new StudioError('invalid_input', `“${name}” is ${Math.round(bytes.length / 1024)} KB; images are at most ${ASSET_MAX_BYTES / 1024} KB. Make it smaller (push images show at 2:1, 1024×512 is plenty).`);
      const type = sniff(bytes);
      if (!type) throw new StudioError('invalid_input', `“${name}” is not a PNG, JPEG, GIF or WebP image.`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, bytes);
      return { ...describe(path.basename(file), bytes.length), mediaType: type };
    },
    read(name) {
      const file = fileOf(name);
      if (!existsSync(file)) throw new StudioError('not_found', `The image “${name}” is not in the workspace's assets folder any more. Pick another or add it again.`);
      const bytes = readFileSync(file);
      return { asset: { ...describe(path.basename(file), bytes.length), mediaType: sniff(bytes) ?? 'application/octet-stream' }, contentBase64: bytes.toString('base64') };
    },
  };
}
