/** A file picked or dropped in the renderer, ready to cross the contract (small files only). */
export interface PickedFile {
  fileName: string;
  contentBase64: string;
  size: number;
}

export async function readPickedFile(file: File): Promise<PickedFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return { fileName: file.name, contentBase64: btoa(binary), size: bytes.length };
}
