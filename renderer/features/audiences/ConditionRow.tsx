import type { ReactNode } from 'react';
import type { AttributeOp } from '../../../shared/domain/audience';
import { platforms } from '../../../shared/domain/profile';
import type { AttributeDraft, ConditionDraft, EventDraft, FieldErrors, ReachableDraft, ValueType } from './rule-draft';
import { allOps, opLabels } from './rule-draft';

/** What the workspace holds, offered as suggestions while typing a condition. */
export interface Suggestions {
  paths: { path: string; types: string[] }[];
  apps: { appId: string; platform: string }[];
  eventTypes: string[];
}

export const SUGGESTION_LISTS = { paths: 'suggest-attribute-paths', apps: 'suggest-apps', events: 'suggest-event-types' };

const KNOWN_EVENTS = ['application.launch', 'pushTracking.applicationOpened', 'pushTracking.customAction'];

/** The datalists every condition row points at: mount once per screen. */
export function SuggestionLists({ suggestions }: { suggestions: Suggestions }) {
  return (
    <>
      <datalist id={SUGGESTION_LISTS.paths}>
        {suggestions.paths.map((p) => (
          <option key={p.path} value={p.path}>
            {p.types.join(', ')}
          </option>
        ))}
      </datalist>
      <datalist id={SUGGESTION_LISTS.apps}>
        {[...new Set(suggestions.apps.map((a) => a.appId))].map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <datalist id={SUGGESTION_LISTS.events}>
        {[...new Set([...KNOWN_EVENTS, ...suggestions.eventTypes])].map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
    </>
  );
}

function Field({ label, error, children, grow }: { label: string; error?: string; children: ReactNode; grow?: boolean }) {
  return (
    <label className={`cond-field${grow ? ' cond-grow' : ''}${error ? ' has-error' : ''}`}>
      <span className="cond-label">{label}</span>
      {children}
      {error ? (
        <span className="cond-error" role="alert">
          {error}
        </span>
      ) : null}
    </label>
  );
}

const placeholder: Partial<Record<AttributeOp, string>> = {
  in: 'gold, platinum',
  contains: 'text',
  before: '2025-03-01',
  after: '2025-03-01',
  withinLastDays: '30',
  gt: '100',
  gte: '100',
  lt: '100',
  lte: '100',
};

/** path · operator · value: the attribute condition, in the audience builder and the browse filters alike. */
export function AttributeConditionRow({ draft, errors = {}, onChange }: { draft: AttributeDraft; errors?: FieldErrors; onChange(d: AttributeDraft): void }) {
  const set = (patch: Partial<AttributeDraft>) => onChange({ ...draft, ...patch });
  const typed = draft.op === 'equals' || draft.op === 'in';
  return (
    <>
      <Field label="Attribute" error={errors.path} grow>
        <input className="text-input" list={SUGGESTION_LISTS.paths} placeholder="loyalty.tier" value={draft.path} onChange={(e) => set({ path: e.target.value })} aria-label="Attribute" />
      </Field>
      <Field label="Operator">
        <select className="text-input" value={draft.op} onChange={(e) => set({ op: e.target.value as AttributeOp })} aria-label="Operator">
          {allOps.map((op) => (
            <option key={op} value={op}>
              {opLabels[op]}
            </option>
          ))}
        </select>
      </Field>
      {typed ? (
        <Field label="Type">
          <select className="text-input" value={draft.valueType} onChange={(e) => set({ valueType: e.target.value as ValueType })} aria-label="Value type">
            <option value="text">text</option>
            <option value="number">number</option>
            {draft.op === 'equals' ? <option value="boolean">true / false</option> : null}
          </select>
        </Field>
      ) : null}
      {draft.op === 'exists' ? null : draft.op === 'equals' && draft.valueType === 'boolean' ? (
        <Field label="Value">
          <select className="text-input" value={draft.raw === 'false' ? 'false' : 'true'} onChange={(e) => set({ raw: e.target.value })} aria-label="Value">
            <option value="true">true</option>
            <option value="false">false</option>
          </select>
        </Field>
      ) : (
        <Field label={draft.op === 'withinLastDays' ? 'Days' : draft.op === 'in' ? 'Values (comma-separated)' : 'Value'} error={errors.value ?? errors.values ?? errors.days} grow>
          <input
            className="text-input"
            value={draft.raw}
            placeholder={placeholder[draft.op] ?? ''}
            inputMode={['gt', 'gte', 'lt', 'lte', 'withinLastDays'].includes(draft.op) ? 'decimal' : undefined}
            onChange={(e) => set({ raw: e.target.value })}
            aria-label="Value"
          />
        </Field>
      )}
    </>
  );
}

function EventConditionRow({ draft, errors = {}, onChange }: { draft: EventDraft; errors?: FieldErrors; onChange(d: EventDraft): void }) {
  const set = (patch: Partial<EventDraft>) => onChange({ ...draft, ...patch });
  return (
    <>
      <Field label="Did" error={errors.type} grow>
        <input className="text-input" list={SUGGESTION_LISTS.events} value={draft.type} onChange={(e) => set({ type: e.target.value })} aria-label="Event type" />
      </Field>
      <Field label="At least (times)" error={errors.atLeast}>
        <input className="text-input narrow" inputMode="numeric" value={draft.atLeast} onChange={(e) => set({ atLeast: e.target.value })} aria-label="At least" />
      </Field>
      <Field label="In the last (days)" error={errors.inLastDays}>
        <input className="text-input narrow" inputMode="numeric" value={draft.inLastDays} onChange={(e) => set({ inLastDays: e.target.value })} aria-label="In the last days" />
      </Field>
    </>
  );
}

export function ReachableConditionRow({ draft, errors = {}, onChange }: { draft: ReachableDraft; errors?: FieldErrors; onChange(d: ReachableDraft): void }) {
  const set = (patch: Partial<ReachableDraft>) => onChange({ ...draft, ...patch });
  return (
    <>
      <Field label="Has a valid push token for app" error={errors.appId} grow>
        <input className="text-input" list={SUGGESTION_LISTS.apps} placeholder="com.acme.shop" value={draft.appId} onChange={(e) => set({ appId: e.target.value })} aria-label="App" />
      </Field>
      <Field label="Platform" error={errors.platform}>
        <select className="text-input" value={draft.platform} onChange={(e) => set({ platform: e.target.value as ReachableDraft['platform'] })} aria-label="Platform">
          <option value="">any</option>
          {platforms.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}

export const conditionKinds: { kind: ConditionDraft['kind']; label: string }[] = [
  { kind: 'attribute', label: 'Attribute' },
  { kind: 'event', label: 'Event' },
  { kind: 'reachable', label: 'Reachable' },
  { kind: 'testProfile', label: 'Test profile' },
];

/** One condition of any kind. */
export function ConditionFields({ draft, errors, onChange }: { draft: ConditionDraft; errors?: FieldErrors; onChange(d: ConditionDraft): void }) {
  switch (draft.kind) {
    case 'attribute':
      return <AttributeConditionRow draft={draft} errors={errors} onChange={onChange} />;
    case 'event':
      return <EventConditionRow draft={draft} errors={errors} onChange={onChange} />;
    case 'reachable':
      return <ReachableConditionRow draft={draft} errors={errors} onChange={onChange} />;
    case 'testProfile':
      return <span className="cond-static">is a test profile</span>;
  }
}
