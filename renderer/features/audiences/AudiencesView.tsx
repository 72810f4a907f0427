import { Plus, Save, Target, Trash2 } from 'lucide-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import { type Audience, audienceNameSchema, ruleSchema } from '../../../shared/domain/audience';
import { studio } from '../../api/instance';
import { undoLast, useHistory } from '../../store/history';
import { showError, useToasts } from '../../store/toasts';
import { EmptyState } from '../../ui/EmptyState';
import { LoadError } from '../../ui/LoadError';
import { type Suggestions, SuggestionLists } from './ConditionRow';
import { RuleBuilder } from './RuleBuilder';
import { type GroupDraft, errorsByNode, newCondition, newGroup, rootFromRule, toRule } from './rule-draft';

type Preview = ChannelOutput<'audiences.preview'>;

/** Attribute paths, apps and event types of the workspace, for the condition rows' suggestions. */
export function useSuggestions(): Suggestions {
  const [suggestions, setSuggestions] = useState<Suggestions>({ paths: [], apps: [], eventTypes: [] });
  useEffect(() => {
    let stale = false;
    Promise.all([studio.api['profiles.attributes']({}), studio.api['profiles.stats']({})])
      .then(([paths, stats]) => !stale && setSuggestions({ paths, apps: stats.apps, eventTypes: stats.eventTypes }))
      .catch(() => {});
    return () => {
      stale = true;
    };
  }, []);
  return suggestions;
}

interface Editing {
  id?: string;
  name: string;
  root: GroupDraft;
  dirty: boolean;
}

const fresh = (): Editing => ({ name: 'New audience', root: newGroup('and', [newCondition('attribute')]), dirty: false });

/** Saved audiences, and the builder: nested conditions, a live count and a sample of the profiles it matches. */
export function AudiencesView({ onOpenProfile }: { onOpenProfile(id: number): void }) {
  const [list, setList] = useState<Audience[]>();
  const [loadError, setLoadError] = useState<string>();
  const [editing, setEditing] = useState<Editing>();
  const [preview, setPreview] = useState<Preview>();
  const [previewError, setPreviewError] = useState<string>();
  const [counting, setCounting] = useState(false);
  const suggestions = useSuggestions();

  const refresh = useCallback(() => {
    studio.api['audiences.list']({})
      .then((items) => {
        setList(items);
        setLoadError(undefined);
      })
      .catch((error: Error) => setLoadError(error.message));
  }, []);
  useEffect(() => {
    refresh();
    return studio.transport.onEvent((event) => {
      if (event.name === 'audiences.changed') refresh();
    });
  }, [refresh]);

  const errors = useMemo(() => (editing ? errorsByNode(editing.root) : new Map()), [editing]);
  const rule = useMemo(() => (editing ? toRule(editing.root) : undefined), [editing]);
  const ruleProblem = useMemo(() => {
    if (!rule || errors.size) return undefined;
    const parsed = ruleSchema.safeParse(rule);
    return parsed.success ? undefined : (parsed.error.issues.find((i) => i.code === 'custom')?.message ?? 'The rule is not valid.');
  }, [rule, errors]);
  const nameError = editing ? (audienceNameSchema.safeParse(editing.name).error?.issues[0]?.message ?? undefined) : undefined;
  const valid = !!rule && errors.size === 0 && !ruleProblem;

  // The live count: debounced, and only for a rule the engine takes.
  useEffect(() => {
    if (!rule || !valid) return;
    let stale = false;
    const timer = setTimeout(() => {
      setCounting(true);
      studio.api['audiences.preview']({ rule, sample: 8 })
        .then((p) => {
          if (stale) return;
          setPreview(p);
          setPreviewError(undefined);
        })
        .catch((error: Error) => !stale && setPreviewError(error.message))
        .finally(() => !stale && setCounting(false));
    }, 300);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [rule, valid]);

  const open = (audience: Audience) => {
    setPreview(undefined);
    setEditing({ id: audience.id, name: audience.name, root: rootFromRule(audience.rule), dirty: false });
  };
  const startNew = () => {
    setPreview(undefined);
    setEditing(fresh());
  };

  const save = async () => {
    if (!editing || !rule || !valid || nameError) return;
    try {
      const saved = await studio.api['audiences.save']({ ...(editing.id ? { id: editing.id } : {}), name: editing.name, rule });
      setEditing((e) => (e ? { ...e, id: saved.id, name: saved.name, dirty: false } : e));
      useToasts.getState().show({ tone: 'info', message: `Saved “${saved.name}”.` });
      refresh();
    } catch (error) {
      showError(error);
    }
  };

  const remove = async (audience: Audience) => {
    try {
      await studio.api['audiences.delete']({ id: audience.id });
      if (editing?.id === audience.id) setEditing(undefined);
      refresh();
      useHistory.getState().record({
        label: `delete “${audience.name}”`,
        undo: async () => {
          await studio.api['audiences.restore']({ id: audience.id });
          refresh();
        },
        redo: async () => {
          await studio.api['audiences.delete']({ id: audience.id });
          refresh();
        },
      });
      useToasts.getState().show({ tone: 'info', message: `Deleted “${audience.name}”.`, action: { label: 'Undo', run: () => void undoLast() } });
    } catch (error) {
      showError(error);
    }
  };

  return (
    <div className="audiences-layout">
      <SuggestionLists suggestions={suggestions} />
      <aside className="audience-list" aria-label="Saved audiences">
        <button type="button" className="button button-primary" onClick={startNew}>
          <Plus size={16} /> New audience
        </button>
        {loadError ? <LoadError what="audiences" message={loadError} onRetry={refresh} /> : null}
        {list && list.length === 0 ? <p className="muted">No saved audiences yet.</p> : null}
        <ul>
          {list?.map((a) => (
            <li key={a.id} className={editing?.id === a.id ? 'is-selected' : undefined}>
              <button type="button" className="audience-item" onClick={() => open(a)}>
                {a.name}
              </button>
              <button type="button" className="icon-button" aria-label={`Delete ${a.name}`} title="Delete" onClick={() => void remove(a)}>
                <Trash2 size={15} />
              </button>
            </li>
          ))}
        </ul>
      </aside>
      {editing ? (
        <section className="audience-editor" aria-label="Audience builder">
          <form
            className="audience-name-row"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <label className="field-label grow">
              Name
              <input className="text-input" value={editing.name} onChange={(e) => setEditing({ ...editing, name: e.target.value, dirty: true })} aria-label="Audience name" />
              {nameError ? <span className="cond-error">{nameError}</span> : null}
            </label>
            <button type="submit" className="button button-primary" disabled={!valid || !!nameError}>
              <Save size={16} /> {editing.id ? 'Save' : 'Save audience'}
            </button>
          </form>
          <RuleBuilder root={editing.root} errors={errors} onChange={(root) => setEditing({ ...editing, root, dirty: true })} />
          {ruleProblem ? (
            <p className="inline-error" role="alert">
              {ruleProblem}
            </p>
          ) : null}
          <div className="audience-preview" role="status" aria-label="Audience count">
            {errors.size ? (
              <span className="muted">Fix the conditions marked in red to see the count.</span>
            ) : previewError ? (
              <span className="inline-error">{previewError}</span>
            ) : preview ? (
              <>
                <strong className="audience-count">{preview.count.toLocaleString()}</strong> {preview.count === 1 ? 'profile matches' : 'profiles match'}
                <span className="muted"> · counted in {preview.ms} ms{counting ? ' · updating…' : ''}</span>
              </>
            ) : (
              <span className="muted">Counting…</span>
            )}
          </div>
          {preview && preview.sample.length && !errors.size ? (
            <table className="table sample-table" aria-label="Matching profiles (sample)">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Identity</th>
                  <th scope="col">Name</th>
                  <th scope="col">Devices</th>
                </tr>
              </thead>
              <tbody>
                {preview.sample.map((p) => (
                  <tr key={p.id} onClick={() => onOpenProfile(p.id)} className="clickable">
                    <td className="muted">{p.id}</td>
                    <td>{p.primaryIdentity?.value ?? '—'}</td>
                    <td>{p.name ?? ''}</td>
                    <td>
                      {p.validDevices}/{p.devices} valid
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ) : (
        <EmptyState icon={<Target size={40} />} title={list?.length ? 'Choose an audience' : 'Build your first audience'} action={<button type="button" className="button button-primary" onClick={startNew}><Plus size={16} /> New audience</button>}>
          <p>
            An audience is a saved rule over profiles: attributes (loyalty.tier is gold), events (opened a push at least 3 times in the last 30 days),
            reachability (has a valid push token for the app), combined with all / any / not. The count updates as you edit.
          </p>
        </EmptyState>
      )}
    </div>
  );
}
