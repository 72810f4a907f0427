import { AlertTriangle, Apple, Pencil, PlugZap, Smartphone, Trash2 } from 'lucide-react';
import type { ChannelSummary } from '../../../shared/domain/channel';
import { useChannels } from '../../store/channels';
import { ConnectionResult } from './ConnectionResult';

interface ChannelCardProps {
  channel: ChannelSummary;
  onEdit(): void;
  onDelete(): void;
}

export function ChannelCard({ channel, onEdit, onDelete }: ChannelCardProps) {
  const result = useChannels((s) => s.tests[channel.id]);
  const testing = useChannels((s) => Boolean(s.testing[channel.id]));
  const test = useChannels((s) => s.test);
  const { ios, android } = channel;
  return (
    <article className="channel-card" aria-labelledby={`${channel.id}-name`}>
      <header className="channel-card-header">
        <div>
          <h2 id={`${channel.id}-name`}>{channel.name}</h2>
          <span className={`badge badge-${channel.target}`}>{channel.target === 'sandbox' ? 'Sandbox · simulators' : 'Live · Apple & Google'}</span>
        </div>
        <div className="channel-actions">
          <button type="button" className="button" onClick={() => void test(channel.id)} disabled={testing}>
            <PlugZap size={15} /> {testing ? 'Testing…' : 'Test connection'}
          </button>
          <button type="button" className="icon-button" aria-label={`Edit ${channel.name}`} title="Edit" onClick={onEdit}>
            <Pencil size={15} />
          </button>
          <button type="button" className="icon-button danger" aria-label={`Delete ${channel.name}`} title="Delete" onClick={onDelete}>
            <Trash2 size={15} />
          </button>
        </div>
      </header>
      <div className="channel-platforms">
        <section className="platform" aria-label="iOS">
          <h3>
            <Apple size={15} aria-hidden="true" /> iOS · APNs
          </h3>
          {ios ? (
            <dl>
              <dt>Bundle ID</dt>
              <dd className="mono">{ios.bundleId}</dd>
              <dt>Environment</dt>
              <dd>{ios.environment}</dd>
              {ios.auth.kind === 'p8' ? (
                <>
                  <dt>Key</dt>
                  <dd className="mono">
                    {ios.auth.keyId} · team {ios.auth.teamId}
                  </dd>
                </>
              ) : (
                <>
                  <dt>Certificate</dt>
                  <dd>
                    {ios.auth.topic ?? ios.auth.subject} · expires {ios.auth.expiresAt.slice(0, 10)}
                  </dd>
                </>
              )}
              <dt>Fingerprint</dt>
              <dd className="mono">{ios.auth.fingerprint}</dd>
            </dl>
          ) : (
            <p className="muted">No iOS app. Edit the channel to add one.</p>
          )}
        </section>
        <section className="platform" aria-label="Android">
          <h3>
            <Smartphone size={15} aria-hidden="true" /> Android · FCM
          </h3>
          {android ? (
            <dl>
              <dt>Package</dt>
              <dd className="mono">{android.packageName ?? (ios ? `${ios.bundleId} (as iOS)` : 'not set')}</dd>
              <dt>Project</dt>
              <dd className="mono">{android.projectId}</dd>
              <dt>Service account</dt>
              <dd className="mono">{android.clientEmail}</dd>
              <dt>Fingerprint</dt>
              <dd className="mono">{android.fingerprint}</dd>
            </dl>
          ) : (
            <p className="muted">No Android app. Edit the channel to add one.</p>
          )}
        </section>
      </div>
      {channel.warnings.map((warning) => (
        <p key={warning} className="inspection-warning">
          <AlertTriangle size={15} aria-hidden="true" /> {warning}
        </p>
      ))}
      {result ? <ConnectionResult result={result} /> : null}
    </article>
  );
}
