import { useEffect, useState } from 'react';
import { type Rule, ruleSchema } from '../../../shared/domain/audience';
import { FieldError } from '../../ui/Field';

const templates: { label: string; rule: Rule }[] = [
  { label: 'Attribute equals', rule: { kind: 'attribute', path: 'loyalty.tier', op: 'equals', value: 'gold' } },
  { label: 'Opened a push lately', rule: { kind: 'event', type: 'pushTracking.applicationOpened', atLeast: 1, inLastDays: 7 } },
  { label: 'Has a valid token', rule: { kind: 'reachable', appId: 'com.journeystudio.sandbox' } },
];

/**
 * A rule in the audience rule language, edited as JSON with templates to start from and the
 * schema's message beside it. The same language and engine as audiences.
 */
export function RuleField({ label, rule, onChange }: { label: string; rule: Rule | undefined; onChange(rule: Rule | undefined): void }) {
  const [text, setText] = useState(rule ? JSON.stringify(rule, null, 2) : '');
  const [error, setError] = useState<string>();
  useEffect(() => setText(rule ? JSON.stringify(rule, null, 2) : ''), [rule]);
  const apply = (value: string) => {
    setText(value);
    if (!value.trim()) {
      setError(undefined);
      onChange(undefined);
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(value);
    } catch {
      setError('Not JSON yet.');
      return;
    }
    const parsed = ruleSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setError(`${issue?.path.join('.') || 'rule'}: ${issue?.message ?? 'not a rule'}`);
      return;
    }
    setError(undefined);
    onChange(parsed.data);
  };
  return (
    <div className="rule-field">
      <div className="rule-templates">
        {templates.map((t) => (
          <button key={t.label} type="button" className="chip" onClick={() => apply(JSON.stringify(t.rule, null, 2))}>
            {t.label}
          </button>
        ))}
      </div>
      <textarea aria-label={label} className="text-input mono" rows={5} value={text} spellCheck={false} onChange={(e) => apply(e.target.value)} />
      <FieldError message={error} />
    </div>
  );
}
