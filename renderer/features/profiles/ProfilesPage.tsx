import { useVirtualizer } from '@tanstack/react-virtual';
import { FlaskConical, Search, Users } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelInput } from '../../../shared/contract';
import type { ProfileDetail, ProfileRow } from '../../../shared/domain/profile';
import { studio } from '../../api/instance';
import { useNavigation } from '../../store/navigation';
import { showError } from '../../store/toasts';
import { EmptyState } from '../../ui/EmptyState';
import { AudiencesView } from '../audiences/AudiencesView';
import { type BrowsePatch, BrowseFilters } from './BrowseFilters';
import { ImportPanel } from './ImportPanel';
import { ProfilePanel } from './ProfilePanel';

type Filter = NonNullable<ChannelInput<'profiles.page'>['filter']>;

const PAGE = 100;
const ROW_HEIGHT = 40;

/** The Profiles section: its two views, People and Audiences, as tabs under one header. */
export function ProfilesPage() {
  const { route, go } = useNavigation();
  const [openId, setOpenId] = useState<number>();
  const audiences = route.view === 'audiences';
  return (
    <section className="page" aria-labelledby="profiles-title">
      <header className="page-header">
        <div>
          <h1 id="profiles-title">Profiles</h1>
          <p className="page-subtitle">Customers with their identities, attributes, push tokens and events; audiences are saved rules over them.</p>
        </div>
      </header>
      <div className="tabs" role="tablist" aria-label="Profiles views">
        <button type="button" role="tab" aria-selected={!audiences} className={`tab${audiences ? '' : ' is-active'}`} onClick={() => go({ section: 'profiles' })}>
          People
        </button>
        <button type="button" role="tab" aria-selected={audiences} className={`tab${audiences ? ' is-active' : ''}`} onClick={() => go({ section: 'profiles', view: 'audiences' })}>
          Audiences
        </button>
      </div>
      {audiences ? (
        <AudiencesView
          onOpenProfile={(id) => {
            setOpenId(id);
            go({ section: 'profiles' });
          }}
        />
      ) : (
        <PeopleView openId={openId} />
      )}
    </section>
  );
}

/** Import, a virtualised table paged from the core, search, filters, a profile panel. */
function PeopleView({ openId }: { openId?: number }) {
  const [filter, setFilter] = useState<Filter>({});
  const [search, setSearch] = useState('');
  const [total, setTotal] = useState<number>();
  const [pages, setPages] = useState(new Map<number, ProfileRow[]>());
  const [selected, setSelected] = useState<ProfileDetail>();
  const [showImport, setShowImport] = useState(false);
  const [version, setVersion] = useState(0);
  const loading = useRef(new Set<number>());
  const selectedRef = useRef<ProfileDetail>(undefined);
  selectedRef.current = selected;
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const t = setTimeout(() => setFilter((f) => ({ ...f, search: search.trim() || undefined })), 200);
    return () => clearTimeout(t);
  }, [search]);

  useEffect(() => {
    let stale = false;
    loading.current.clear();
    studio.api['profiles.page']({ filter, offset: 0, limit: PAGE })
      .then((page) => {
        if (stale) return;
        setTotal(page.total ?? 0);
        setPages(new Map([[0, page.items]]));
      })
      .catch(showError);
    return () => {
      stale = true;
    };
  }, [filter, version]);

  const loadPage = useCallback(
    (index: number) => {
      if (pages.has(index) || loading.current.has(index)) return;
      loading.current.add(index);
      studio.api['profiles.page']({ filter, offset: index * PAGE, limit: PAGE, withTotal: false })
        .then((page) => setPages((p) => new Map(p).set(index, page.items)))
        .catch(showError)
        .finally(() => loading.current.delete(index));
    },
    [filter, pages],
  );

  const virtualizer = useVirtualizer({ count: total ?? 0, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  useEffect(() => {
    for (const item of items) loadPage(Math.floor(item.index / PAGE));
  }, [items, loadPage]);

  const open = async (id: number) => {
    try {
      setSelected(await studio.api['profiles.get']({ id }));
    } catch (error) {
      showError(error);
    }
  };
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  // A new filter object only when a browse filter really changed (each one reloads the table).
  const applyBrowse = useCallback(
    (patch: BrowsePatch) =>
      setFilter((f) => (JSON.stringify([f.rule, f.reachable]) === JSON.stringify([patch.rule, patch.reachable]) ? f : { ...f, rule: patch.rule, reachable: patch.reachable })),
    [],
  );
  useEffect(() => {
    if (openId !== undefined) void open(openId);
  }, [openId]);
  // Devices synced from the simulators, test flags changed elsewhere: the open profile and the table follow.
  useEffect(
    () =>
      studio.transport.onEvent((event) => {
        if (event.name !== 'profiles.changed' || event.payload.change !== 'devices') return;
        refresh();
        const current = selectedRef.current;
        if (current && event.payload.ids?.includes(current.id)) studio.api['profiles.get']({ id: current.id }).then(setSelected).catch(() => {});
      }),
    [refresh],
  );
  // A jump from elsewhere (the delivery log) names the profile in the route.
  const routeProfile = useNavigation((s) => s.route.profileId);
  useEffect(() => {
    if (routeProfile !== undefined) void open(routeProfile);
  }, [routeProfile]);

  const filtered = !!(filter.search || filter.testOnly || filter.rule || filter.reachable);
  const empty = total === 0 && !filtered;
  // The import panel stays open after the first import so that its report can be read.
  useEffect(() => {
    if (empty) setShowImport(true);
  }, [empty]);
  return (
    <>
      {showImport ? <ImportPanel onDone={refresh} /> : null}
      {empty ? (
        <EmptyState icon={<Users size={40} />} title="No profiles yet">
          <p>
            Import a CSV with an <code>identity.email</code> (or <code>identity.ECID</code>) column, push token columns like{' '}
            <code>push.1.appId</code>, <code>push.1.platform</code>, <code>push.1.token</code>, and any attributes — or a JSON,
            NDJSON or Experience Platform export.
          </p>
          <p className="hint">
            The columns are described in <code>docs/profile-import.md</code>; from a shell:{' '}
            <code>journey-studio import profiles people.csv</code>.
          </p>
        </EmptyState>
      ) : (
        <>
          <div className="toolbar">
            <label className="search">
              <Search size={15} aria-hidden="true" />
              <input type="search" placeholder="Search by email, ECID, phone, CRM id or #" aria-label="Search profiles" value={search} onChange={(e) => setSearch(e.target.value)} />
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={filter.testOnly ?? false} onChange={(e) => setFilter((f) => ({ ...f, testOnly: e.target.checked || undefined }))} /> Test profiles only
            </label>
            <span className="toolbar-count">{total === undefined ? '…' : `${total.toLocaleString()} profiles`}</span>
            <button type="button" className="button button-primary" onClick={() => setShowImport((v) => !v)}>
              Import…
            </button>
          </div>
          <BrowseFilters onChange={applyBrowse} />
          <div className="profiles-layout">
            <div className="virtual-table" ref={scroller} role="grid" aria-label="Profiles" aria-rowcount={total ?? 0}>
              <div className="virtual-header" role="row">
                <span role="columnheader">#</span>
                <span role="columnheader">Identity</span>
                <span role="columnheader">Name</span>
                <span role="columnheader">Devices</span>
              </div>
              <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                {items.map((item) => {
                  const row = pages.get(Math.floor(item.index / PAGE))?.[item.index % PAGE];
                  return (
                    <div
                      key={item.key}
                      role="row"
                      tabIndex={0}
                      className={`virtual-row${row && selected?.id === row.id ? ' is-selected' : ''}`}
                      style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                      onClick={() => row && void open(row.id)}
                      onKeyDown={(e) => e.key === 'Enter' && row && void open(row.id)}
                    >
                      {row ? (
                        <>
                          <span className="muted">{row.id}</span>
                          <span>
                            {row.primaryIdentity?.value ?? '—'}
                            {row.isTest ? <FlaskConical size={13} aria-label="test profile" className="test-badge" /> : null}
                          </span>
                          <span>{row.name ?? ''}</span>
                          <span>
                            {row.validDevices}/{row.devices} valid
                          </span>
                        </>
                      ) : (
                        <span className="muted">Loading…</span>
                      )}
                    </div>
                  );
                })}
              </div>
            </div>
            {selected ? <ProfilePanel profile={selected} onChanged={(p) => { setSelected(p); refresh(); }} onClose={() => setSelected(undefined)} /> : null}
          </div>
        </>
      )}
    </>
  );
}
