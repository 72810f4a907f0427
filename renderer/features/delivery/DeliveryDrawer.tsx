import { RotateCcw, User, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { DeliveryDetail } from '../../../shared/domain/delivery';
import { studio } from '../../api/instance';
import { useNavigation } from '../../store/navigation';
import { formatExact } from '../../ui/format';
import { showError, useToasts } from '../../store/toasts';
import { outcomeLabel, platformLabel } from './labels';

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** One log row: the exact request as sent (credentials redacted by the core), the provider's answer, every attempt. */
export function DeliveryDrawer({ id, onClose, onRetried }: { id: number; onClose(): void; onRetried(): void }) {
  const [detail, setDetail] = useState<DeliveryDetail>();
  const go = useNavigation((s) => s.go);
  useEffect(() => {
    let stale = false;
    setDetail(undefined);
    studio.api['delivery.log.get']({ id })
      .then((d) => !stale && setDetail(d))
      .catch(showError);
    return () => {
      stale = true;
    };
  }, [id]);

  const retry = async () => {
    if (!detail) return;
    try {
      const { requeued } = await studio.api['delivery.retryRun']({ runId: detail.row.runId });
      useToasts.getState().show({ tone: 'info', message: requeued ? `${requeued} push(es) of this run will be sent again.` : 'This run has no retryable failures left.' });
      onRetried();
    } catch (error) {
      showError(error);
    }
  };

  const row = detail?.row;
  const retryable = detail?.attempts.some((a) => a.final && a.outcome === 'retryable');
  return (
    <aside className="delivery-drawer" aria-label="Delivery details">
      <header className="delivery-drawer-header">
        <h2>Attempt #{id}</h2>
        <button type="button" className="icon-button" aria-label="Close details" onClick={onClose}>
          <X size={16} />
        </button>
      </header>
      {!detail || !row ? (
        <p className="muted">Loading…</p>
      ) : (
        <div className="delivery-drawer-body">
          <dl className="delivery-facts">
            <dt>Outcome</dt>
            <dd>
              <span className={`outcome-pill outcome-${row.outcome}`}>{outcomeLabel[row.outcome]}</span> {row.reason ?? ''}
              {row.possiblyDuplicated ? <span className="dup-flag">possibly duplicated</span> : null}
            </dd>
            <dt>Sent by</dt>
            <dd>{row.journeyId ? `${row.journeyName ?? row.journeyId} · ${row.nodeName ?? 'Removed step'}` : 'Test send'}</dd>
            <dt>Message</dt>
            <dd>{row.messageName ?? row.messageId}</dd>
            <dt>Platform</dt>
            <dd>
              {platformLabel[row.platform]} · {row.appId}
            </dd>
            <dt>Device token</dt>
            <dd className="mono wrap">{detail.token}</dd>
            <dt>Provider id</dt>
            <dd className="mono wrap">{row.providerId ?? '—'}</dd>
            <dt>Attempt · latency</dt>
            <dd>
              {row.attempt} · {row.latencyMs !== null ? `${row.latencyMs} ms` : '—'}
            </dd>
            <dt>Run</dt>
            <dd className="mono">{row.runId}</dd>
            {detail.registration ? (
              <>
                <dt>Token now</dt>
                <dd aria-label="Token now">
                  <span className={`status status-${detail.registration.status === 'valid' ? 'live' : 'stopped'}`}>{detail.registration.status}</span> on profile #{detail.registration.profileId}
                  {detail.registration.status !== 'valid' ? (
                    <>
                      {detail.registration.reason ? ` — ${detail.registration.reason}` : ''}
                      {detail.registration.at ? `, since ${formatExact(detail.registration.at)}` : ''}: journeys no longer send to it
                    </>
                  ) : null}
                </dd>
              </>
            ) : null}
          </dl>
          <div className="delivery-drawer-actions">
            {row.profileId !== null ? (
              <button type="button" className="button" onClick={() => go({ section: 'profiles', profileId: row.profileId! })}>
                <User size={14} aria-hidden="true" /> Open profile #{row.profileId}
              </button>
            ) : null}
            <button type="button" className="button" disabled={!retryable} onClick={() => void retry()} title="Send again the pushes of this run that failed for a retryable reason">
              <RotateCcw size={14} aria-hidden="true" /> Retry retryable failures of this run
            </button>
          </div>
          <h3>Request</h3>
          <p className="mono wrap">
            {detail.request.method} {detail.request.url}
          </p>
          <pre className="delivery-code" aria-label="Request headers">{json(detail.request.headers)}</pre>
          <pre className="delivery-code" aria-label="Request body">{json(detail.request.body.kind === 'apns' ? detail.request.body.payload : { message: detail.request.body.message })}</pre>
          <h3>Response</h3>
          {detail.response ? (
            <>
              <p className="mono">{detail.response.status !== null ? `HTTP ${detail.response.status}` : 'No answer'}{detail.response.error ? ` — ${detail.response.error}` : ''}</p>
              {Object.keys(detail.response.headers).length ? <pre className="delivery-code" aria-label="Response headers">{json(detail.response.headers)}</pre> : null}
              {detail.response.body !== null && detail.response.body !== undefined ? <pre className="delivery-code" aria-label="Response body">{json(detail.response.body)}</pre> : null}
            </>
          ) : (
            <p className="muted">Not sent (decided before reaching the provider).</p>
          )}
          <h3>Attempts</h3>
          <ol className="delivery-attempts">
            {detail.attempts.map((a) => (
              <li key={a.id}>
                <span className="mono">{new Date(a.at).toLocaleTimeString(undefined, { hour12: false })}</span> <span className={`outcome-pill outcome-${a.outcome}`}>{outcomeLabel[a.outcome]}</span> {a.reason ?? ''}
                {a.status !== null ? ` (HTTP ${a.status})` : ''}
              </li>
            ))}
          </ol>
        </div>
      )}
    </aside>
  );
}
