import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import {
  AlignHorizontalJustifyStart,
  AlignVerticalJustifyStart,
  ArrowLeft,
  CopyPlus,
  Download,
  LayoutGrid,
  Maximize,
  Pencil,
  Play,
  Redo2,
  Square,
  Undo2,
  Workflow,
} from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import type { ActivityConfig, ActivityType } from '../../../shared/domain/journey-graph';
import { addNode, align, copyNodes, extract, paste, updateNode } from '../../../shared/journey-edits';
import { validateJourney } from '../../../shared/journey-validation';
import { studio } from '../../api/instance';
import { redoNext, undoLast, useHistory } from '../../store/history';
import { useJourneys } from '../../store/journeys';
import { useNavigation } from '../../store/navigation';
import { showError, useToasts } from '../../store/toasts';
import { downloadText } from '../../ui/download';
import { EmptyState } from '../../ui/EmptyState';
import { formatExact } from '../../ui/format';
import { useShortcuts } from '../../ui/shortcuts';
import { autoLayout } from '../canvas/auto-layout';
import { useCanvas } from '../canvas/canvas-store';
import { Inspector } from '../canvas/Inspector';
import { IssuesPanel } from '../canvas/IssuesPanel';
import { JourneyCanvas } from '../canvas/JourneyCanvas';
import { Palette } from '../canvas/Palette';
import { NameDialog } from '../../ui/NameDialog';
import { journeyNaming } from './naming';
import { RunBar } from '../engine/RunBar';
import { JourneyRules } from '../engine/JourneyRules';

const saveText = { saved: 'All changes saved', pending: 'Unsaved changes…', saving: 'Saving…', failed: 'Not saved' } as const;
const statusText = { draft: 'Draft', live: 'Live', stopped: 'Stopped', closed: 'Closed' } as const;

/** An open journey: the canvas, with its palette, inspector, problems and version controls. */
export function JourneyPage({ id }: { id: string }) {
  return (
    <ReactFlowProvider>
      <JourneyWorkspace id={id} />
    </ReactFlowProvider>
  );
}

function JourneyWorkspace({ id }: { id: string }) {
  const go = useNavigation((s) => s.go);
  const rename = useJourneys((s) => s.rename);
  const canvas = useCanvas();
  const { detail, doc, readOnly, selection, audiences, messages, channels, save, saveError, notice, loadError } = canvas;
  const flow = useReactFlow();
  const [renaming, setRenaming] = useState(false);
  const canUndo = useHistory((s) => s.past.length > 0);
  const canRedo = useHistory((s) => s.future.length > 0);

  useEffect(() => {
    void useCanvas.getState().open(id);
    return () => void useCanvas.getState().flush();
  }, [id]);
  // Messages, audiences and channels are edited elsewhere (another tab, the CLI): keep up.
  useEffect(
    () =>
      studio.transport.onEvent((event) => {
        if (event.name === 'messages.changed' || event.name === 'audiences.changed' || event.name === 'channels.changed') void useCanvas.getState().refreshReferences();
      }),
    [],
  );

  const issues = useMemo(() => {
    if (!doc) return [];
    const channelIds = new Set(channels.map((c) => c.id));
    return validateJourney(doc.graph, {
      audiences: new Set(audiences.map((a) => a.id)),
      messages: new Map(messages.map((m) => [m.id, { name: m.name, channelId: m.channelId && channelIds.has(m.channelId) ? m.channelId : undefined }])),
    });
  }, [doc, audiences, messages, channels]);
  const selectedNode = selection.length === 1 ? doc?.graph.nodes.find((n) => n.id === selection[0]) : undefined;

  const addAtCentre = (type: ActivityType, config?: ActivityConfig<'message'>) => {
    const centre = flow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 });
    canvas.edit(`add ${type}`, (d) => {
      const result = addNode(d, type, { x: Math.round(centre.x - 115), y: Math.round(centre.y - 48) }, config);
      canvas.select([result.id]);
      return result.doc;
    });
  };
  const duplicateSelection = () => {
    if (!selection.length) return;
    canvas.edit('duplicate steps', (d) => {
      const result = copyNodes(d, new Set(selection), { x: 40, y: 40 });
      canvas.select(result.ids);
      return result.doc;
    });
  };
  const layoutAll = () => {
    canvas.edit('auto-layout', (d) => ({ ...d, layout: autoLayout(d) }));
    setTimeout(() => void flow.fitView({ padding: 0.2, duration: 200 }), 50);
  };
  const exportFile = async () => {
    if (!detail) return;
    try {
      await canvas.flush();
      const file = await studio.api['journeys.exportFile']({ versionId: detail.version.id });
      downloadText(file.fileName, file.content);
    } catch (error) {
      showError(error);
    }
  };
  const publish = async () => {
    if (await canvas.transition('publish')) useToasts.getState().show({ tone: 'info', message: `“${detail?.journey.name}” is live.` });
  };

  useShortcuts(
    {
      'mod+c': () => doc && selection.length && canvas.setClipboard(extract(doc, new Set(selection))),
      'mod+v': () => {
        const clip = useCanvas.getState().clipboard;
        if (clip)
          canvas.edit('paste steps', (d) => {
            const result = paste(d, clip, { x: 60, y: 60 });
            canvas.select(result.ids);
            return result.doc;
          });
      },
      'mod+d': duplicateSelection,
      'mod+a': () => doc && canvas.select(doc.graph.nodes.map((n) => n.id)),
      'shift+l': layoutAll,
      escape: () => canvas.select([]),
    },
    { enabled: Boolean(doc) },
  );

  if (loadError) {
    return (
      <section className="page">
        <EmptyState
          icon={<Workflow size={40} />}
          title="Journey not found"
          action={
            <button type="button" className="button button-primary" onClick={() => go({ section: 'journeys' })}>
              Back to journeys
            </button>
          }
        >
          <p>{loadError}</p>
        </EmptyState>
      </section>
    );
  }
  if (!detail || !doc || detail.journey.id !== id) return <section className="page">Loading…</section>;
  const version = detail.version;

  return (
    <section className="journey-workspace" aria-labelledby="journey-title">
      <header className="journey-header">
        <div className="journey-title-block">
          <button type="button" className="button button-link back-link" onClick={() => go({ section: 'journeys' })}>
            <ArrowLeft size={15} /> Journeys
          </button>
          <h1 id="journey-title">
            {detail.journey.name}
            <button type="button" className="icon-button" aria-label="Rename journey" onClick={() => setRenaming(true)}>
              <Pencil size={15} />
            </button>
          </h1>
          <div className="journey-meta">
            <span className={`status status-${version.status}`}>{statusText[version.status]}</span>
            <label className="version-picker">
              <span className="visually-hidden">Version</span>
              <select
                className="text-input"
                aria-label="Version"
                value={version.id}
                onChange={(e) => void canvas.open(id, e.target.value)}
              >
                {detail.versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    Version {v.number} · {statusText[v.status]} · {formatExact(v.publishedAt ?? v.updatedAt)}
                  </option>
                ))}
              </select>
            </label>
            {readOnly ? (
              <span className="muted">Read-only: {version.status === 'draft' ? '' : 'make a new draft to change it.'}</span>
            ) : (
              <span className={`save-state save-${save}`} title={saveError} role="status">
                {saveText[save]}
                {save === 'failed' && saveError ? `: ${saveError}` : ''}
              </span>
            )}
          </div>
        </div>
        <div className="journey-actions">
          <button type="button" className="button" onClick={() => void exportFile()}>
            <Download size={15} /> Export
          </button>
          {version.status === 'draft' ? (
            <button type="button" className="button button-primary" onClick={() => void publish()} disabled={issues.length > 0} title={issues.length ? 'Fix the problems listed below first' : 'Publish this version'}>
              <Play size={15} /> Publish
            </button>
          ) : null}
          {version.status === 'live' ? (
            <button type="button" className="button button-danger" onClick={() => void canvas.transition('stop')}>
              <Square size={15} /> Stop
            </button>
          ) : null}
          {version.status !== 'draft' && !detail.versions.some((v) => v.status === 'draft') ? (
            <button type="button" className="button" onClick={() => void canvas.transition('newDraft')}>
              <CopyPlus size={15} /> New draft from this version
            </button>
          ) : null}
        </div>
      </header>

      <div className="canvas-toolbar" role="toolbar" aria-label="Canvas">
        <button type="button" className="icon-button" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!canUndo} onClick={() => void undoLast()}>
          <Undo2 size={16} />
        </button>
        <button type="button" className="icon-button" aria-label="Redo" title="Redo (Ctrl+Shift+Z)" disabled={!canRedo} onClick={() => void redoNext()}>
          <Redo2 size={16} />
        </button>
        <span className="toolbar-sep" />
        <button type="button" className="icon-button" aria-label="Auto-layout" title="Auto-layout (Shift+L)" disabled={readOnly} onClick={layoutAll}>
          <LayoutGrid size={16} />
        </button>
        <button type="button" className="icon-button" aria-label="Align in a row" title="Align in a row" disabled={readOnly || selection.length < 2} onClick={() => canvas.edit('align steps', (d) => align(d, selection, 'horizontal'))}>
          <AlignVerticalJustifyStart size={16} />
        </button>
        <button type="button" className="icon-button" aria-label="Align in a column" title="Align in a column" disabled={readOnly || selection.length < 2} onClick={() => canvas.edit('align steps', (d) => align(d, selection, 'vertical'))}>
          <AlignHorizontalJustifyStart size={16} />
        </button>
        <button type="button" className="icon-button" aria-label="Duplicate" title="Duplicate (Ctrl+D)" disabled={readOnly || selection.length === 0} onClick={duplicateSelection}>
          <CopyPlus size={16} />
        </button>
        <button type="button" className="icon-button" aria-label="Zoom to fit" title="Zoom to fit" onClick={() => void flow.fitView({ padding: 0.2, duration: 200 })}>
          <Maximize size={16} />
        </button>
        <span className="canvas-hint">
          {notice ? <span className="notice" role="alert">{notice}</span> : 'Drag activities from the left; connect outputs (bottom) to inputs (top). Del deletes, Ctrl+C/V copies.'}
        </span>
      </div>

      <RunBar versionId={version.id} status={version.status} />

      <div className="canvas-layout">
        <Palette disabled={readOnly} onAdd={addAtCentre} messages={messages} onAddMessage={(messageId) => addAtCentre('message', { messageId })} />
        <div className="canvas-main">
          {doc.graph.nodes.length === 0 ? (
            <div className="canvas-empty">
              <strong>Start with an entry.</strong> Drag “Read audience” or “Event” from the left onto the canvas.
            </div>
          ) : null}
          <JourneyCanvas
            issues={issues}
            onOpenMessage={async (messageId) => {
              await canvas.flush();
              go({ section: 'messages', messageId });
            }}
          />
          <IssuesPanel issues={issues} onPick={(nodeId) => {
            canvas.select([nodeId]);
            const at = doc.layout[nodeId];
            if (at) void flow.setCenter(at.x + 115, at.y + 48, { zoom: 1, duration: 200 });
          }} />
        </div>
        {selectedNode ? (
          <Inspector
            node={selectedNode}
            issues={issues.filter((i) => i.nodeId === selectedNode.id)}
            audiences={audiences}
            messages={messages}
            channels={channels}
            readOnly={readOnly}
            onOpenMessage={async (messageId) => {
              await canvas.flush();
              go({ section: 'messages', messageId });
            }}
            onCreateMessage={async () => {
              try {
                const sandbox = channels.find((c) => c.target === 'sandbox') ?? channels[0];
                const message = await studio.api['messages.create']({ name: `${detail.journey.name}: push`, channelId: sandbox?.id ?? null });
                await canvas.refreshReferences();
                canvas.edit('choose a message', (d) => updateNode(d, selectedNode.id, { config: { messageId: message.id } }));
              } catch (error) {
                showError(error);
              }
            }}
            onChange={(patch) => canvas.edit('edit step settings', (d) => updateNode(d, selectedNode.id, patch))}
          />
        ) : (
          <aside className="inspector inspector-empty">
            <p className="muted">Select a step to edit its settings. Shift-click selects several.</p>
            <JourneyRules journeyId={id} />
          </aside>
        )}
      </div>
      {renaming ? (
        <NameDialog
          naming={journeyNaming}
          title="Rename journey"
          submitLabel="Rename"
          initialName={detail.journey.name}
          onCancel={() => setRenaming(false)}
          onSubmit={async (name) => {
            const ok = await rename(id, name);
            if (ok) await canvas.open(id, version.id);
            return ok;
          }}
        />
      ) : null}
    </section>
  );
}
