import { useVirtualizer } from '@tanstack/react-virtual';
import { ScrollText, Smartphone } from 'lucide-react';
import { Fragment, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DeliveryCounts, DeliveryFilter, DeliveryLogRow } from '../../../shared/domain/delivery';
import { deliveryOutcomes } from '../../../shared/domain/delivery';
import { platforms } from '../../../shared/domain/profile';
import { studio } from '../../api/instance';
import { useJourneys } from '../../store/journeys';
import { useMessages } from '../../store/messages';
import { showError } from '../../store/toasts';
import { EmptyState } from '../../ui/EmptyState';
import { DeliveryDrawer } from './DeliveryDrawer';
import { SimulatedDevices } from '../sandbox/SimulatedDevices';
import { outcomeLabel, platformLabel } from './labels';
import './delivery.css';

const PAGE = 200;
const ROW_HEIGHT = 34;

/** Today: the time to the millisecond; earlier days: the date and the minute (the full time is the cell's title). */
const time = (iso: string) => {
  const d = new Date(iso);
  if (d.toDateString() === new Date().toDateString()) return `${d.toLocaleTimeString(undefined, { hour12: false })}.${String(d.getMilliseconds()).padStart(3, '0')}`;
  return `${d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${d.toLocaleTimeString(undefined, { hour12: false, hour: '2-digit', minute: '2-digit' })}`;
};

/**
 * The Delivery log: every attempt to hand a push to Apple or Google, newest first. The core pages
 * it by keyset (a million rows cost what a hundred do), the table is virtualised, new rows arrive
 * live (delivery.logged events) at the top.
 */
export function DeliveryLogPage() {
  const [filter, setFilter] = useState<DeliveryFilter>({});
  const [rows, setRows] = useState<DeliveryLogRow[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [counts, setCounts] = useState<DeliveryCounts>();
  const [selected, setSelected] = useState<number>();
  const [showDevices, setShowDevices] = useState(false);
  const [version, setVersion] = useState(0);
  const loadingMore = useRef(false);
  const scroller = useRef<HTMLDivElement>(null);
  const journeys = useJourneys((s) => s.items);
  const messages = useMessages((s) => s.items);
  const [campaigns, setCampaigns] = useState<{ id: string; name: string }[]>([]);
  const journeyName = useMemo(() => new Map([...journeys, ...campaigns].map((j) => [j.id, j.name])), [journeys, campaigns]);

  useEffect(() => {
    if (useJourneys.getState().load === 'idle') void useJourneys.getState().refresh();
    if (useMessages.getState().load === 'idle') void useMessages.getState().refresh();
    studio.api['campaigns.list']({}).then(setCampaigns, () => setCampaigns([]));
  }, []);

  // First page and counts, again whenever the filter changes.
  useEffect(() => {
    let stale = false;
    Promise.all([studio.api['delivery.log.page']({ filter, limit: PAGE }), studio.api['delivery.log.counts']({ filter })])
      .then(([page, c]) => {
        if (stale) return;
        setRows(page.rows);
        setNext(page.nextBeforeId);
        setCounts(c);
      })
      .catch(showError);
    return () => {
      stale = true;
    };
  }, [filter, version]);

  // Live: rows logged since the newest one shown are put on top; counts follow.
  const newest = rows[0]?.id ?? 0;
  const newestRef = useRef(newest);
  newestRef.current = newest;
  useEffect(
    () =>
      studio.transport.onEvent((event) => {
        if (event.name !== 'delivery.logged') return;
        studio.api['delivery.log.page']({ filter, afterId: newestRef.current, limit: 1000 })
          .then((page) => {
            if (page.rows.length === 1000) setVersion((v) => v + 1);
            else if (page.rows.length) setRows((r) => [...page.rows.filter((x) => x.id > (r[0]?.id ?? 0)), ...r]);
          })
          .catch(() => undefined);
        studio.api['delivery.log.counts']({ filter }).then(setCounts).catch(() => undefined);
      }),
    [filter],
  );

  const loadMore = useCallback(() => {
    if (next === null || loadingMore.current) return;
    loadingMore.current = true;
    studio.api['delivery.log.page']({ filter, beforeId: next, limit: PAGE })
      .then((page) => {
        setRows((r) => [...r, ...page.rows]);
        setNext(page.nextBeforeId);
      })
      .catch(showError)
      .finally(() => (loadingMore.current = false));
  }, [filter, next]);

  const count = rows.length + (next !== null ? 1 : 0);
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  useEffect(() => {
    if (items.length && items[items.length - 1]!.index >= rows.length - 1) loadMore();
  }, [items, rows.length, loadMore]);

  const set = (patch: Partial<DeliveryFilter>) =>
    setFilter((f) => {
      const merged: Record<string, unknown> = { ...f, ...patch };
      for (const key of Object.keys(merged)) if (merged[key] === '' || merged[key] === undefined) delete merged[key];
      return merged as DeliveryFilter;
    });
  const filtered = Object.keys(filter).length > 0;
  const nothingYet = counts?.total === 0 && !filtered;

  return (
    <section className="page delivery-page" aria-labelledby="delivery-title">
      <header className="page-header">
        <div>
          <h1 id="delivery-title">Delivery log</h1>
          <p className="page-subtitle">Every attempt to hand a push to Apple or Google, with the provider’s answer, live.</p>
        </div>
        <button type="button" className={`button${showDevices ? ' button-primary' : ''}`} aria-pressed={showDevices} onClick={() => setShowDevices((v) => !v)}>
          <Smartphone size={15} aria-hidden="true" /> Simulated devices
        </button>
      </header>
      <div className="delivery-filters" role="search" aria-label="Filter the delivery log">
        <FilterSelect
          label="Journey"
          all="All journeys"
          value={filter.journeyId ?? ''}
          onChange={(journeyId) => set({ journeyId })}
          groups={[
            { options: journeys.map((j) => [j.id, j.name]) },
            ...(campaigns.length ? [{ label: 'Campaigns', options: campaigns.map((c): [string, string] => [c.id, c.name]) }] : []),
          ]}
        />
        <FilterSelect label="Message" all="All messages" value={filter.messageId ?? ''} onChange={(messageId) => set({ messageId })} groups={[{ options: messages.map((m) => [m.id, m.name]) }]} />
        <FilterSelect
          label="Platform"
          all="All platforms"
          value={filter.platform ?? ''}
          onChange={(platform) => set({ platform: (platform || undefined) as DeliveryFilter['platform'] })}
          groups={[{ options: platforms.map((p) => [p, platformLabel[p]]) }]}
        />
        <input aria-label="App" placeholder="App (bundle id)" value={filter.appId ?? ''} onChange={(e) => set({ appId: e.target.value })} />
        <FilterSelect
          label="Outcome"
          all="All outcomes"
          value={filter.outcome ?? ''}
          onChange={(outcome) => set({ outcome: (outcome || undefined) as DeliveryFilter['outcome'] })}
          groups={[{ options: deliveryOutcomes.map((o) => [o, outcomeLabel[o]]) }]}
        />
        <FilterSelect
          label="Reason"
          all="All reasons"
          value={filter.reason ?? ''}
          onChange={(reason) => set({ reason })}
          // The chosen reason stays listed even when the other filters leave no row with it.
          groups={[{ options: [...(filter.reason && !counts?.byReason.some((r) => r.reason === filter.reason) ? [filter.reason] : []), ...(counts?.byReason.map((r) => r.reason) ?? [])].map((r) => [r, r]) }]}
        />
        <label className="delivery-time">
          From <input type="datetime-local" aria-label="From" onChange={(e) => set({ from: e.target.value ? new Date(e.target.value).toISOString() : undefined })} />
        </label>
        <label className="delivery-time">
          To <input type="datetime-local" aria-label="To" onChange={(e) => set({ to: e.target.value ? new Date(e.target.value).toISOString() : undefined })} />
        </label>
      </div>
      {filter.journeyId ? <JourneySending journeyId={filter.journeyId} name={journeyName.get(filter.journeyId) ?? filter.journeyId} /> : null}
      {counts ? (
        <div className="delivery-counts" aria-label="Counts by outcome and reason">
          <span className="delivery-total">{counts.total.toLocaleString()} attempt{counts.total === 1 ? '' : 's'}</span>
          {deliveryOutcomes
            .filter((o) => counts.byOutcome[o])
            .map((o) => (
              <button key={o} type="button" className={`outcome-chip outcome-${o}${filter.outcome === o ? ' is-active' : ''}`} onClick={() => set({ outcome: filter.outcome === o ? undefined : o })}>
                {outcomeLabel[o]} <strong>{counts.byOutcome[o]!.toLocaleString()}</strong>
              </button>
            ))}
          {counts.byReason.slice(0, 6).map((r) => (
            <button key={r.reason} type="button" className={`chip${filter.reason === r.reason ? ' is-active' : ''}`} title={r.reason} onClick={() => set({ reason: filter.reason === r.reason ? undefined : r.reason })}>
              {r.reason.length > 40 ? `${r.reason.slice(0, 40)}…` : r.reason} · {r.count.toLocaleString()}
            </button>
          ))}
        </div>
      ) : null}
      <div className="delivery-layout">
        {nothingYet ? (
          <EmptyState icon={<ScrollText size={40} />} title="Nothing sent yet">
            <p>Each push sent to Apple and Google appears here with its outcome, the provider’s reason, retries and latency, live as journeys run.</p>
            <p className="hint">Send a test from a message’s composer (Test send…), or run <code>journey-studio deliver</code>.</p>
          </EmptyState>
        ) : (
          <div className="virtual-table delivery-table" ref={scroller} role="grid" aria-label="Delivery log" aria-rowcount={counts?.total ?? rows.length}>
            <div className="virtual-header" role="row">
              <span role="columnheader">Time</span>
              <span role="columnheader">Journey</span>
              <span role="columnheader">Node</span>
              <span role="columnheader">Message</span>
              <span role="columnheader">Profile</span>
              <span role="columnheader">Device</span>
              <span role="columnheader">Platform</span>
              <span role="columnheader">Outcome</span>
              <span role="columnheader">Provider reason</span>
              <span role="columnheader" title="Attempt">Try</span>
              <span role="columnheader">Latency</span>
            </div>
            <div className="virtual-rows" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const row = rows[item.index];
                return (
                  <div
                    key={item.key}
                    role="row"
                    tabIndex={0}
                    className={`virtual-row${row && selected === row.id ? ' is-selected' : ''}`}
                    style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                    onClick={() => row && setSelected(row.id)}
                    onKeyDown={(e) => e.key === 'Enter' && row && setSelected(row.id)}
                  >
                    {row ? (
                      <>
                        <span className="mono" title={new Date(row.at).toLocaleString()}>{time(row.at)}</span>
                        <span>{row.journeyId ? (row.journeyName ?? row.journeyId) : <span className="muted">Test send</span>}</span>
                        <StepCell nodeId={row.nodeId} name={row.nodeName} />
                        <span>{row.messageName ?? row.messageId}</span>
                        <span>{row.profileId !== null ? `#${row.profileId}` : <span className="muted">—</span>}</span>
                        <span className="mono">{row.device}</span>
                        <span>{platformLabel[row.platform]}</span>
                        <span>
                          <span className={`outcome-pill outcome-${row.outcome}`}>{outcomeLabel[row.outcome]}</span>
                          {row.possiblyDuplicated ? <span className="dup-flag" title="Re-sent after a crash before its answer was recorded: the device may show it twice">possibly duplicated</span> : null}
                        </span>
                        <span title={row.reason ?? ''}>{row.reason ?? ''}</span>
                        <span>{row.attempt}</span>
                        <span>{row.latencyMs !== null ? `${row.latencyMs} ms` : '—'}</span>
                      </>
                    ) : (
                      <span className="muted">Loading…</span>
                    )}
                  </div>
                );
              })}
            </div>
          </div>
        )}
        {showDevices ? <SimulatedDevices onClose={() => setShowDevices(false)} /> : null}
      </div>
      {selected !== undefined ? <DeliveryDrawer id={selected} onClose={() => setSelected(undefined)} onRetried={() => setVersion((v) => v + 1)} /> : null}
    </section>
  );
}

interface FilterGroup {
  /** Shown as an option group when given. */
  label?: string;
  options: readonly (readonly [value: string, label: string])[];
}

/** One filter of the log: everything, or one value picked from its groups. */
function FilterSelect({ label, all, value, groups, onChange }: { label: string; all: string; value: string; groups: FilterGroup[]; onChange(value: string): void }) {
  const options = (group: FilterGroup) =>
    group.options.map(([v, text]) => (
      <option key={v} value={v}>
        {text}
      </option>
    ));
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{all}</option>
      {groups.map((group, i) =>
        group.label ? (
          <optgroup key={group.label} label={group.label}>
            {options(group)}
          </optgroup>
        ) : (
          <Fragment key={i}>{options(group)}</Fragment>
        ),
      )}
    </select>
  );
}

/** The journey step as named on the canvas (the core resolves names per version); a step no version has any more says so. */
function StepCell({ nodeId, name }: { nodeId: string | null; name: string | null }) {
  if (nodeId === null) return <span className="muted">—</span>;
  if (name === null) return <span className="muted" title={`Step ${nodeId}, no longer in the journey`}>Removed step</span>;
  return <span title={name}>{name}</span>;
}

/** Pause, resume or cancel one journey's sending (shown when the log is filtered to that journey). */
function JourneySending({ journeyId, name }: { journeyId: string; name: string }) {
  const [paused, setPaused] = useState<boolean>();
  const [waiting, setWaiting] = useState<number>();
  const refresh = useCallback(() => {
    studio.api['delivery.state']({})
      .then((state) => {
        setPaused(state.pausedJourneys.includes(journeyId));
        setWaiting(state.waiting + state.ready);
      })
      .catch(showError);
  }, [journeyId]);
  useEffect(refresh, [refresh]);
  const act = (run: () => Promise<unknown>) => () => void run().then(refresh).catch(showError);
  return (
    <div className="journey-sending" role="group" aria-label={`Sending of ${name}`}>
      <span>
        Sending of <strong>{name}</strong>: {paused === undefined ? '…' : paused ? 'paused' : 'active'}
        {waiting ? <span className="muted"> · {waiting.toLocaleString()} queued in all journeys</span> : null}
      </span>
      {paused ? (
        <button type="button" className="button" onClick={act(() => studio.api['delivery.resume']({ journeyId }))}>
          Resume sending
        </button>
      ) : (
        <button type="button" className="button" onClick={act(() => studio.api['delivery.pause']({ journeyId }))}>
          Pause sending
        </button>
      )}
      <button type="button" className="button button-danger" onClick={act(() => studio.api['delivery.cancel']({ journeyId }))}>
        Cancel queued pushes
      </button>
    </div>
  );
}
