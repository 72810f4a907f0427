import { FileKey2, Upload } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import { type PickedFile, readPickedFile } from '../../ui/files';

interface CredentialDropProps {
  label: string;
  accept: string;
  hint: string;
  file?: PickedFile;
  /** What is already stored, when editing (fingerprint line). */
  stored?: string;
  onFile(file: PickedFile): void;
}

/** Choose a credential file with the system dialog or drop it here. */
export function CredentialDrop({ label, accept, hint, file, stored, onFile }: CredentialDropProps) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const id = useId();
  const take = async (picked: File | undefined) => {
    if (picked) onFile(await readPickedFile(picked));
  };
  return (
    <div
      className={`drop-zone${over ? ' is-over' : ''}${file ? ' has-file' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        event.stopPropagation();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        event.stopPropagation();
        setOver(false);
        void take(event.dataTransfer.files[0]);
      }}
    >
      <FileKey2 size={20} aria-hidden="true" />
      <div className="drop-zone-text">
        <span className="drop-zone-label">{file ? file.fileName : stored ? `Stored: ${stored}` : label}</span>
        <span className="drop-zone-hint">{file ? `${file.size.toLocaleString()} bytes, not stored until you save` : hint}</span>
      </div>
      <button type="button" className="button" onClick={() => input.current?.click()} aria-describedby={id}>
        <Upload size={15} /> {file || stored ? 'Replace…' : 'Choose file…'}
      </button>
      <input
        id={id}
        ref={input}
        type="file"
        accept={accept}
        aria-label={label}
        className="visually-hidden"
        onChange={(event) => {
          void take(event.target.files?.[0]);
          event.target.value = '';
        }}
      />
    </div>
  );
}
