import { Plus, Trash2 } from 'lucide-react';
import type { ReactNode } from 'react';
import type { Audience } from '../../../shared/domain/audience';
import type { ChannelSummary } from '../../../shared/domain/channel';
import type { Message } from '../../../shared/domain/message';
import type { ActivityConfig, JourneyNode } from '../../../shared/domain/journey-graph';
import { freshId } from '../../../shared/journey-edits';
import { type JourneyIssue, activityLabels } from '../../../shared/journey-validation';
import { DurationField } from './DurationField';
import { RuleField } from './RuleField';

const EVENT_TYPES = ['application.launch', 'pushTracking.applicationOpened', 'pushTracking.customAction', 'pushTracking.dismissed'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

interface InspectorProps {
  node: JourneyNode;
  issues: JourneyIssue[];
  audiences: Audience[];
  messages: Message[];
  channels: ChannelSummary[];
  readOnly: boolean;
  onChange(patch: { name?: string; config?: unknown }): void;
  onOpenMessage(messageId: string): void;
  onCreateMessage(): void;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="inspector-row">
      <span className="field-label">{label}</span>
      {children}
    </label>
  );
}

/** Edits the selected step's settings; problems the validator found are listed on top. */
export function Inspector({ node, issues, audiences, messages, channels, readOnly, onChange, onOpenMessage, onCreateMessage }: InspectorProps) {
  const config = <T extends JourneyNode['type']>(patch: Partial<ActivityConfig<T>>) => onChange({ config: { ...node.config, ...patch } });
  return (
    <aside className="inspector" aria-label="Step settings">
      <h2>{activityLabels[node.type]}</h2>
      {issues.length ? (
        <ul className="inspector-issues">
          {issues.map((issue) => (
            <li key={`${issue.code}${issue.output ?? ''}`}>{issue.message}</li>
          ))}
        </ul>
      ) : null}
      <fieldset disabled={readOnly} className="inspector-fields">
        <Row label="Name on the canvas">
          <input className="text-input" value={node.name ?? ''} placeholder={activityLabels[node.type]} maxLength={80} onChange={(e) => onChange({ name: e.target.value })} />
        </Row>
        {node.type === 'entry.audience' ? (
          <>
            <Row label="Audience">
              <select className="text-input" value={node.config.audienceId ?? ''} onChange={(e) => config<'entry.audience'>({ audienceId: e.target.value || undefined })}>
                <option value="">Choose an audience…</option>
                {audiences.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </Row>
            {audiences.length === 0 ? <p className="hint">No audiences yet: build one in Profiles → Audiences.</p> : null}
            <Row label="Runs">
              <select
                className="text-input"
                value={node.config.schedule.kind}
                onChange={(e) => {
                  const kind = e.target.value as 'once' | 'daily' | 'weekly';
                  config<'entry.audience'>({ schedule: kind === 'once' ? { kind } : kind === 'daily' ? { kind, at: '09:00' } : { kind, day: 1, at: '09:00' } });
                }}
              >
                <option value="once">Once</option>
                <option value="daily">Every day</option>
                <option value="weekly">Every week</option>
              </select>
            </Row>
            {node.config.schedule.kind === 'weekly' ? (
              <Row label="On">
                <select className="text-input" value={node.config.schedule.day} onChange={(e) => config<'entry.audience'>({ schedule: { kind: 'weekly', day: Number(e.target.value), at: (node.config.schedule as { at: string }).at } })}>
                  {DAYS.map((d, i) => (
                    <option key={d} value={i}>
                      {d}
                    </option>
                  ))}
                </select>
              </Row>
            ) : null}
            {node.config.schedule.kind !== 'once' ? (
              <Row label="At">
                <input type="time" className="text-input" value={node.config.schedule.at} onChange={(e) => config<'entry.audience'>({ schedule: { ...(node.config.schedule as { kind: 'daily'; at: string }), at: e.target.value } })} />
              </Row>
            ) : null}
          </>
        ) : null}
        {node.type === 'entry.event' || node.type === 'waitForEvent' ? (
          <>
            <Row label="Event type">
              <input className="text-input mono" list="event-types" value={node.config.eventType ?? ''} placeholder="application.launch" onChange={(e) => onChange({ config: { ...node.config, eventType: e.target.value || undefined } })} />
            </Row>
            <datalist id="event-types">
              {EVENT_TYPES.map((t) => (
                <option key={t} value={t} />
              ))}
            </datalist>
            <div className="inspector-row">
              <span className="field-label">Only when (optional)</span>
              <RuleField label="Event condition" rule={node.config.condition} onChange={(rule) => onChange({ config: { ...node.config, condition: rule } })} />
            </div>
          </>
        ) : null}
        {node.type === 'waitForEvent' ? (
          <Row label="Timeout after">
            <DurationField label="Timeout" seconds={node.config.timeoutSeconds} onChange={(timeoutSeconds) => config<'waitForEvent'>({ timeoutSeconds })} />
          </Row>
        ) : null}
        {node.type === 'condition' ? (
          <div className="inspector-paths">
            {node.config.paths.map((path, index) => (
              <div key={path.id} className="inspector-path">
                <div className="path-head">
                  <input
                    className="text-input"
                    aria-label={`Path ${index + 1} name`}
                    value={path.label}
                    onChange={(e) => config<'condition'>({ paths: node.config.paths.map((p) => (p.id === path.id ? { ...p, label: e.target.value } : p)) })}
                  />
                  <button
                    type="button"
                    className="icon-button danger"
                    aria-label={`Remove path ${path.label}`}
                    disabled={node.config.paths.length === 1}
                    onClick={() => config<'condition'>({ paths: node.config.paths.filter((p) => p.id !== path.id) })}
                  >
                    <Trash2 size={14} />
                  </button>
                </div>
                <RuleField label={`Rule of ${path.label}`} rule={path.rule} onChange={(rule) => config<'condition'>({ paths: node.config.paths.map((p) => (p.id === path.id ? { ...p, rule } : p)) })} />
              </div>
            ))}
            <button type="button" className="button" onClick={() => config<'condition'>({ paths: [...node.config.paths, { id: freshId('p'), label: `Path ${node.config.paths.length + 1}` }] })}>
              <Plus size={14} /> Add path
            </button>
            <p className="hint">Paths are tried in order; profiles matching none take “otherwise”.</p>
          </div>
        ) : null}
        {node.type === 'timeCondition' ? (
          <>
            <div className="inspector-row">
              <span className="field-label">Days</span>
              <div className="day-picker">
                {DAYS.map((d, i) => (
                  <label key={d}>
                    <input
                      type="checkbox"
                      checked={node.config.days.includes(i)}
                      onChange={(e) => config<'timeCondition'>({ days: e.target.checked ? [...node.config.days, i].sort() : node.config.days.filter((x) => x !== i) })}
                    />
                    {d}
                  </label>
                ))}
              </div>
            </div>
            <Row label="From">
              <input type="time" className="text-input" value={node.config.from} onChange={(e) => config<'timeCondition'>({ from: e.target.value })} />
            </Row>
            <Row label="To">
              <input type="time" className="text-input" value={node.config.to} onChange={(e) => config<'timeCondition'>({ to: e.target.value })} />
            </Row>
            <p className="hint">In each profile’s own timezone.</p>
          </>
        ) : null}
        {node.type === 'split' ? (
          <div className="inspector-paths">
            {node.config.paths.map((path, index) => (
              <div key={path.id} className="path-head">
                <input className="text-input" aria-label={`Path ${index + 1} name`} value={path.label} onChange={(e) => config<'split'>({ paths: node.config.paths.map((p) => (p.id === path.id ? { ...p, label: e.target.value } : p)) })} />
                <input
                  className="text-input percent"
                  type="number"
                  min={0}
                  max={100}
                  aria-label={`Path ${index + 1} percent`}
                  value={path.percent}
                  onChange={(e) => config<'split'>({ paths: node.config.paths.map((p) => (p.id === path.id ? { ...p, percent: Math.max(0, Math.min(100, Number(e.target.value) || 0)) } : p)) })}
                />
                <span>%</span>
                <button type="button" className="icon-button danger" aria-label={`Remove path ${path.label}`} disabled={node.config.paths.length <= 2} onClick={() => config<'split'>({ paths: node.config.paths.filter((p) => p.id !== path.id) })}>
                  <Trash2 size={14} />
                </button>
              </div>
            ))}
            <button type="button" className="button" onClick={() => config<'split'>({ paths: [...node.config.paths, { id: freshId('p'), label: String.fromCharCode(65 + node.config.paths.length), percent: 0 }] })}>
              <Plus size={14} /> Add path
            </button>
            <p className="hint">Total: {node.config.paths.reduce((s, p) => s + p.percent, 0)}% (must be 100%). A profile always takes the same path.</p>
          </div>
        ) : null}
        {node.type === 'wait' ? (
          <>
            <Row label="Wait">
              <select
                className="text-input"
                value={node.config.kind}
                onChange={(e) => {
                  const kind = e.target.value as 'duration' | 'until' | 'timeOfDay';
                  onChange({ config: kind === 'duration' ? { kind, seconds: 86_400 } : kind === 'until' ? { kind } : { kind, at: '09:00' } });
                }}
              >
                <option value="duration">for a duration</option>
                <option value="until">until a date and time</option>
                <option value="timeOfDay">until a time of day (profile’s timezone)</option>
              </select>
            </Row>
            {node.config.kind === 'duration' ? (
              <Row label="For">
                <DurationField label="Wait duration" seconds={node.config.seconds} onChange={(seconds) => onChange({ config: { kind: 'duration', seconds } })} />
              </Row>
            ) : node.config.kind === 'until' ? (
              <Row label="Until">
                <input
                  type="datetime-local"
                  className="text-input"
                  value={node.config.at ? node.config.at.slice(0, 16) : ''}
                  onChange={(e) => onChange({ config: { kind: 'until', ...(e.target.value ? { at: new Date(e.target.value).toISOString() } : {}) } })}
                />
              </Row>
            ) : (
              <Row label="Until">
                <input type="time" className="text-input" value={node.config.at} onChange={(e) => onChange({ config: { kind: 'timeOfDay', at: e.target.value } })} />
              </Row>
            )}
          </>
        ) : null}
        {node.type === 'message' ? (
          <>
            <Row label="Message">
              <select className="text-input" value={node.config.messageId ?? ''} onChange={(e) => onChange({ config: { ...(e.target.value ? { messageId: e.target.value } : {}) } })}>
                <option value="">Choose a message…</option>
                {messages.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </Row>
            {node.config.messageId ? (
              <p className="hint">
                Sent through {channels.find((c) => c.id === messages.find((m) => m.id === node.config.messageId)?.channelId)?.name ?? 'no channel yet'}.{' '}
                <button type="button" className="button-link inline-link" onClick={() => onOpenMessage(node.config.messageId!)}>
                  Open in the composer
                </button>{' '}
                (or double-click the step).
              </p>
            ) : null}
            <button type="button" className="button" onClick={onCreateMessage}>
              <Plus size={14} /> New message for this step
            </button>
          </>
        ) : null}
      </fieldset>
    </aside>
  );
}
