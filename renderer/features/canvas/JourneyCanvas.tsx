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
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ActivityType, NodeId } from '../../../shared/domain/journey-graph';
import { addNode, connect, disconnect, moveNodes, removeNodes } from '../../../shared/journey-edits';
import type { JourneyIssue } from '../../../shared/journey-validation';
import { connectionRefusal } from '../../../shared/journey-validation';
import { ActivityNode, type ActivityFlowNode } from './ActivityNode';
import { NODE_HEIGHT, NODE_WIDTH } from './auto-layout';
import { useCanvas } from './canvas-store';
import { describeNode } from './describe';
import { ACTIVITY_MIME } from './Palette';

const nodeTypes = { activity: ActivityNode };

/**
 * The React Flow view of the journey document. React Flow only draws and reports gestures; the
 * document (canonical graph + layout) stays ours, and every gesture becomes one of our edits.
 */
export function JourneyCanvas({ issues }: { issues: JourneyIssue[] }) {
  const { doc, readOnly, selection, audiences, edit, record, select, setNotice } = useCanvas();
  const flow = useReactFlow();
  const dragStart = useRef<typeof doc>(undefined);
  // React Flow reports each node's rendered size; a controlled flow must hand it back (the minimap
  // and fit-view use it). Sizes are view state, not part of the document.
  const [measured, setMeasured] = useState<Record<string, { width: number; height: number }>>({});

  // Fit the view once per opened version, when every step has been measured.
  const versionId = useCanvas((s) => s.detail?.version.id);
  const fitted = useRef<string | undefined>(undefined);
  useEffect(() => {
    const count = doc?.graph.nodes.length ?? 0;
    if (!versionId || fitted.current === versionId || count === 0) return;
    if (doc!.graph.nodes.every((n) => measured[n.id])) {
      fitted.current = versionId;
      void flow.fitView({ padding: 0.15, maxZoom: 1 });
    }
  }, [versionId, doc, measured, flow]);

  const issuesByNode = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const issue of issues) if (issue.nodeId) map.set(issue.nodeId, [...(map.get(issue.nodeId) ?? []), issue.message]);
    return map;
  }, [issues]);

  const selected = useMemo(() => new Set(selection), [selection]);
  const nodes: ActivityFlowNode[] = useMemo(
    () =>
      (doc?.graph.nodes ?? []).map((node) => ({
        id: node.id,
        type: 'activity',
        position: doc?.layout[node.id] ?? { x: 0, y: 0 },
        selected: selected.has(node.id),
        ...(measured[node.id] ? { measured: measured[node.id] } : {}),
        data: { node, summary: describeNode(node, audiences), issues: issuesByNode.get(node.id) ?? [] },
      })),
    [doc, selected, audiences, issuesByNode, measured],
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
          })),
      ),
    [doc, readOnly],
  );

  const onNodesChange = (changes: NodeChange<ActivityFlowNode>[]) => {
    const positions: Record<NodeId, { x: number; y: number }> = {};
    const removed = new Set<NodeId>();
    let selectionChanged = false;
    const nextSelection = new Set(selection);
    const sizes: Record<string, { width: number; height: number }> = {};
    for (const change of changes) {
      if (change.type === 'dimensions' && change.dimensions) sizes[change.id] = change.dimensions;
      if (change.type === 'position' && change.position) positions[change.id] = { x: Math.round(change.position.x), y: Math.round(change.position.y) };
      if (change.type === 'remove') removed.add(change.id);
      if (change.type === 'select') {
        selectionChanged = true;
        if (change.selected) nextSelection.add(change.id);
        else nextSelection.delete(change.id);
      }
    }
    if (Object.keys(sizes).length) setMeasured((m) => ({ ...m, ...sizes }));
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

  const dropActivity = (type: ActivityType, clientX: number, clientY: number) => {
    const at = flow.screenToFlowPosition({ x: clientX, y: clientY });
    edit(`add ${type}`, (d) => {
      const result = addNode(d, type, { x: Math.round(at.x - NODE_WIDTH / 2), y: Math.round(at.y - NODE_HEIGHT / 2) });
      select([result.id]);
      return result.doc;
    });
  };

  return (
    <div
      className="canvas-surface"
      onDragOver={(event) => {
        if (readOnly || !event.dataTransfer.types.includes(ACTIVITY_MIME)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
      }}
      onDrop={(event) => {
        const type = event.dataTransfer.getData(ACTIVITY_MIME) as ActivityType;
        if (!type || readOnly) return;
        event.preventDefault();
        dropActivity(type, event.clientX, event.clientY);
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
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        minZoom={0.1}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} />
        <Controls showInteractive={false} />
        {/* SVG fill attributes don't resolve CSS variables: one mid-tone colour reads in both themes. */}
        <MiniMap pannable zoomable ariaLabel="Journey overview" nodeColor={() => '#7c8db5'} nodeStrokeWidth={0} maskColor="rgb(120 130 150 / 0.18)" />
      </ReactFlow>
    </div>
  );
}
