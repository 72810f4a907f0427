import {
  Background,
  type Connection,
  Controls,
  type Edge,
  type EdgeChange,
  MarkerType,
  MiniMap,
  type NodeChange,
  ReactFlow,
  useReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useRef } from 'react';
import { type ActivityType, type NodeId, isEntry } from '../../../shared/domain/journey-graph';
import { addNode, connect, disconnect, moveNodes, removeNodes } from '../../../shared/journey-edits';
import type { JourneyIssue } from '../../../shared/journey-validation';
import { connectionRefusal } from '../../../shared/journey-validation';
import { ActivityNode, type ActivityFlowNode } from './ActivityNode';
import { NODE_HEIGHT, NODE_WIDTH, autoLayout } from './auto-layout';
import { useCanvas } from './canvas-store';
import { describeNode } from './describe';
import { ACTIVITY_MIME, MESSAGE_MIME } from './Palette';
import { testPath, useRun } from '../engine/run-store';

const nodeTypes = { activity: ActivityNode };
/** Above this many steps the canvas opens on the entry instead of fitting everything. */
const BIG_JOURNEY = 60;

/**
 * The React Flow view of the journey document. React Flow only draws and reports gestures; the
 * document (canonical graph + layout) stays ours, and every gesture becomes one of our edits.
 */
export function JourneyCanvas({ issues, onOpenMessage }: { issues: JourneyIssue[]; onOpenMessage(messageId: string): void }) {
  const { doc, readOnly, selection, audiences, messages, edit, record, select, setNotice } = useCanvas();
  const flow = useReactFlow();
  const dragStart = useRef<typeof doc>(undefined);
  // A journey file may come without positions (written by hand or by a script): the steps it leaves
  // unplaced are shown where the auto layout would put them, instead of piled up at the origin.
  const positions = useMemo(() => {
    if (!doc || doc.graph.nodes.every((n) => doc.layout[n.id])) return doc?.layout ?? {};
    return { ...autoLayout(doc), ...doc.layout };
  }, [doc]);


  // Frame the journey once per opened version. A small one is fitted whole (once every step is
  // measured); a big one opens on its entry at a readable zoom, so only the steps in view are drawn
  // (the minimap shows the whole), which keeps opening and panning fast.
  const versionId = useCanvas((s) => s.detail?.version.id);
  const framed = useRef<string | undefined>(undefined);
  useEffect(() => {
    const nodes = doc?.graph.nodes ?? [];
    if (!versionId || framed.current === versionId || !doc) return;
    framed.current = versionId;
    // An empty journey is framed as it is: fitting the view to the first step dropped would move
    // the canvas under the marketer's pointer (and the next drop would land somewhere else).
    if (nodes.length === 0) return;
    if (nodes.length > BIG_JOURNEY) {
      const entry = nodes.find((n) => isEntry(n.type)) ?? nodes[0]!;
      const at = positions[entry.id] ?? { x: 0, y: 0 };
      void flow.setCenter(at.x + NODE_WIDTH / 2, at.y + 300, { zoom: 0.8 });
    } else {
      // After the layout settles (the problems panel below takes its height), so the fit is true.
      setTimeout(() => void flow.fitView({ padding: 0.12, maxZoom: 1 }), 60);
    }
  }, [versionId, doc, positions, flow]);

  const issuesByNode = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const issue of issues) if (issue.nodeId) map.set(issue.nodeId, [...(map.get(issue.nodeId) ?? []), issue.message]);
    return map;
  }, [issues]);

  const selected = useMemo(() => new Set(selection), [selection]);
  const { view: runView, counts: runCounts, entries: testEntries, focus } = useRun();
  const lit = useMemo(() => testPath(runView === 'test' ? testEntries : [], focus), [runView, testEntries, focus]);
  const nodes: ActivityFlowNode[] = useMemo(
    () =>
      (doc?.graph.nodes ?? []).map((node) => ({
        id: node.id,
        type: 'activity',
        position: positions[node.id] ?? { x: 0, y: 0 },
        selected: selected.has(node.id),
        // Every step has the same fixed size: React Flow needn't measure (and re-render) as steps
        // scroll into view, which keeps panning smooth on big journeys.
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        data: {
          node,
          summary: describeNode(node, audiences, messages),
          issues: issuesByNode.get(node.id) ?? [],
          ...(runView !== 'none' ? { run: { count: runCounts?.nodes[node.id], onPath: lit.nodes.has(node.id), current: lit.current === node.id } } : {}),
        },
      })),
    [doc, positions, selected, audiences, messages, issuesByNode, runView, runCounts, lit],
  );
  const edges: Edge[] = useMemo(
    () =>
      (doc?.graph.nodes ?? []).flatMap((node) =>
        Object.entries(node.next)
          .filter(([, target]) => target)
          .map(([output, target]) => ({
            id: `${node.id}:${output}`,
            source: node.id,
            sourceHandle: output,
            target: target!,
            markerEnd: { type: MarkerType.ArrowClosed },
            deletable: !readOnly,
            ...(runView !== 'none' && runCounts
              ? {
                  label: (runCounts.edges[`${node.id}:${output}`]?.count ?? 0).toLocaleString(),
                  className: lit.edges.has(`${node.id}:${output}`) ? 'edge-on-path' : undefined,
                  animated: lit.edges.has(`${node.id}:${output}`),
                }
              : {}),
          })),
      ),
    [doc, readOnly, runView, runCounts, lit],
  );

  const onNodesChange = (changes: NodeChange<ActivityFlowNode>[]) => {
    const positions: Record<NodeId, { x: number; y: number }> = {};
    const removed = new Set<NodeId>();
    let selectionChanged = false;
    const nextSelection = new Set(selection);
    for (const change of changes) {
      if (change.type === 'position' && change.position) positions[change.id] = { x: Math.round(change.position.x), y: Math.round(change.position.y) };
      if (change.type === 'remove') removed.add(change.id);
      if (change.type === 'select') {
        selectionChanged = true;
        if (change.selected) nextSelection.add(change.id);
        else nextSelection.delete(change.id);
      }
    }
    if (Object.keys(positions).length) edit('move steps', (d) => moveNodes(d, positions), { record: false });
    if (removed.size) {
      edit(removed.size === 1 ? 'delete a step' : `delete ${removed.size} steps`, (d) => removeNodes(d, removed));
      for (const id of removed) nextSelection.delete(id);
      selectionChanged = true;
    }
    if (selectionChanged) select([...nextSelection]);
  };

  const onEdgesChange = (changes: EdgeChange[]) => {
    for (const change of changes) {
      if (change.type !== 'remove') continue;
      const [source, output] = change.id.split(':') as [string, string];
      edit('delete a link', (d) => disconnect(d, source, output));
    }
  };

  const onConnect = (connection: Connection) => {
    if (!connection.sourceHandle) return;
    edit('connect steps', (d) => {
      const result = connect(d, connection.source, connection.sourceHandle!, connection.target);
      if (result.refusal) setNotice(result.refusal);
      return result.doc;
    });
  };

  const isValidConnection = (connection: Connection | Edge) => {
    if (!doc || readOnly || !connection.sourceHandle) return false;
    const refusal = connectionRefusal(doc.graph, connection.source, connection.sourceHandle, connection.target);
    if (refusal) setNotice(refusal);
    return refusal === undefined;
  };

  const dropActivity = (type: ActivityType, clientX: number, clientY: number, messageId?: string) => {
    const at = flow.screenToFlowPosition({ x: clientX, y: clientY });
    edit(`add ${type}`, (d) => {
      const result = addNode(d, type, { x: Math.round(at.x - NODE_WIDTH / 2), y: Math.round(at.y - NODE_HEIGHT / 2) }, messageId ? { messageId } : undefined);
      select([result.id]);
      return result.doc;
    });
  };

  return (
    <div
      className="canvas-surface"
      onDragOver={(event) => {
        if (readOnly || !(event.dataTransfer.types.includes(ACTIVITY_MIME) || event.dataTransfer.types.includes(MESSAGE_MIME))) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
      }}
      onDrop={(event) => {
        if (readOnly) return;
        const messageId = event.dataTransfer.getData(MESSAGE_MIME);
        const type = (messageId ? 'message' : event.dataTransfer.getData(ACTIVITY_MIME)) as ActivityType;
        if (!type) return;
        event.preventDefault();
        dropActivity(type, event.clientX, event.clientY, messageId || undefined);
      }}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onNodeDoubleClick={(_event, node) => {
          const step = (node as ActivityFlowNode).data.node;
          // Double-clicking a push step opens its message in the composer.
          if (step.type === 'message' && step.config.messageId) onOpenMessage(step.config.messageId);
        }}
        onNodeDragStart={() => (dragStart.current = useCanvas.getState().doc)}
        onNodeDragStop={() => {
          if (dragStart.current) record('move steps', dragStart.current);
          dragStart.current = undefined;
        }}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        selectionOnDrag={false}
        onlyRenderVisibleElements
        minZoom={0.1}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} />
        <Controls showInteractive={false} />
        {/* SVG fill attributes don't resolve CSS variables: one mid-tone colour reads in both themes. */}
         <MiniMap pannable zoomable ariaLabel="Journey overview" style={{ width: 140, height: 100 }} nodeColor={() => '#7c8db5'} nodeStrokeWidth={0} maskColor="rgb(120 130 150 / 0.18)" />
      </ReactFlow>
    </div>
  );
}
