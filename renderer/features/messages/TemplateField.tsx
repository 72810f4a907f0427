import { Braces } from 'lucide-react';
import { useId, useMemo, useRef, useState } from 'react';

interface Props {
  label: string;
  value: string;
  onChange(value: string): void;
  /** Attribute paths for the picker and autocomplete (profile.…, event.…). */
  paths: string[];
  multiline?: boolean;
  placeholder?: string;
  hint?: string;
  error?: string;
}

const SNIPPETS = [
  { label: 'default: fallback when empty', text: (p: string) => `{{default ${p} "there"}}` },
  { label: 'upper case', text: (p: string) => `{{upper ${p}}}` },
  { label: 'date', text: (p: string) => `{{formatDate ${p} "medium"}}` },
  { label: 'number', text: (p: string) => `{{formatNumber ${p}}}` },
  { label: 'if … else', text: (p: string) => `{{#if ${p}}}…{{else}}…{{/if}}` },
];

/**
 * A text field that takes Handlebars: type {{ for suggestions (↑ ↓ Enter, Esc), or pick a field
 * with the { } button. Suggestions come from the attributes of the sample profiles.
 */
export function TemplateField({ label, value, onChange, paths, multiline, placeholder, hint, error }: Props) {
  const id = useId();
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [picker, setPicker] = useState(false);
  const [dismissed, setDismissed] = useState(false);

  // The word being typed right after an unclosed "{{".
  const typing = useMemo(() => {
    if (caret === null) return undefined;
    const before = value.slice(0, caret);
    const open = before.lastIndexOf('{{');
    if (open < 0 || before.lastIndexOf('}}') > open) return undefined;
    const word = before.slice(open + 2).replace(/^[#/]?\s*/, '');
    if (/\s/.test(word.trimStart()) && !/^(default|upper|lower|formatDate|formatNumber|if|unless|with|each)\s+\S*$/.test(word)) return undefined;
    const last = word.split(/\s+/).pop() ?? '';
    return { start: caret - last.length, word: last };
  }, [value, caret]);
  const suggestions = useMemo(() => {
    if (!typing || dismissed) return [];
    const w = typing.word.toLowerCase();
    return paths.filter((p) => p.toLowerCase().includes(w)).slice(0, 8);
  }, [typing, paths, dismissed]);

  const insertAt = (start: number, end: number, text: string) => {
    const next = value.slice(0, start) + text + value.slice(end);
    onChange(next);
    const pos = start + text.length;
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(pos, pos);
      setCaret(pos);
    });
  };
  const accept = (path: string) => {
    if (!typing || caret === null) return;
    const closes = value.slice(caret).startsWith('}}');
    insertAt(typing.start, caret, closes ? path : `${path}}}`);
  };
  const insertField = (text: string) => {
    const at = ref.current?.selectionStart ?? value.length;
    const end = ref.current?.selectionEnd ?? at;
    insertAt(at, end, text);
    setPicker(false);
  };

  const common = {
    id,
    ref,
    value,
    placeholder,
    'aria-invalid': error ? true : undefined,
    'aria-autocomplete': 'list' as const,
    'aria-controls': suggestions.length ? `${id}-list` : undefined,
    'aria-describedby': hint || error ? `${id}-hint` : undefined,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      onChange(e.target.value);
      setCaret(e.target.selectionStart);
      setDismissed(false);
      setActive(0);
    },
    onSelect: (e: React.SyntheticEvent<HTMLInputElement | HTMLTextAreaElement>) => setCaret((e.target as HTMLInputElement).selectionStart),
    onBlur: () => setTimeout(() => setCaret(null), 150),
    onKeyDown: (e: React.KeyboardEvent) => {
      if (suggestions.length === 0) return;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : suggestions.length - 1)) % suggestions.length);
      } else if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        accept(suggestions[active] ?? suggestions[0]!);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setDismissed(true);
      }
    },
  };

  return (
    <div className="field template-field">
      <div className="field-label-row">
        <label htmlFor={id}>{label}</label>
        <button type="button" className="icon-button small" aria-label={`Insert a field into ${label}`} aria-expanded={picker} title="Insert a field" onClick={() => setPicker((p) => !p)}>
          <Braces size={14} />
        </button>
      </div>
      {multiline ? <textarea rows={3} {...common} /> : <input type="text" autoComplete="off" {...common} />}
      {suggestions.length > 0 ? (
        <ul className="suggestions" id={`${id}-list`} role="listbox" aria-label="Fields">
          {suggestions.map((s, i) => (
            <li key={s} role="option" aria-selected={i === active} className={i === active ? 'is-active' : ''} onMouseDown={(e) => { e.preventDefault(); accept(s); }}>
              {s}
            </li>
          ))}
        </ul>
      ) : null}
      {picker ? (
        <div className="field-picker" role="menu" aria-label="Insert a field">
          {paths.length === 0 ? <p className="hint">No attributes yet: paste a sample profile under “Preview as” and its fields appear here.</p> : null}
          {paths.map((p) => (
            <button key={p} type="button" role="menuitem" onClick={() => insertField(`{{${p}}}`)}>
              {p}
            </button>
          ))}
          <div className="picker-snippets">
            {SNIPPETS.map((s) => (
              <button key={s.label} type="button" role="menuitem" onClick={() => insertField(s.text(paths[0] ?? 'profile.person.firstName'))}>
                {s.label}
              </button>
            ))}
          </div>
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-hint`} className="field-error" role="alert">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
