import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { AlertCircle } from 'lucide-react';
import { memo } from 'react';
import { type JourneyNode, isEntry, outputsOf } from '../../../shared/domain/journey-graph';
import { activityLabels, nodeLabel } from '../../../shared/journey-validation';
import { activityIcon, activityTone } from './activity-icons';
import { outputLabel } from './describe';
import type { NodeCount } from '../../../shared/domain/engine';
import { NodeCounts } from '../engine/NodeCounts';

export type ActivityNodeData = {
  node: JourneyNode;
  summary: string;
  issues: string[];
  /** Engine counts on the step (dry run, test mode, live), and test mode's path. */
  run?: { count?: NodeCount; onPath?: boolean; current?: boolean };
};

export type ActivityFlowNode = Node<ActivityNodeData, 'activity'>;

/** A step on the canvas: its kind, name and settings at a glance, an input and one handle per output. */
export const ActivityNode = memo(function ActivityNode({ data, selected }: NodeProps<ActivityFlowNode>) {
  const { node, summary, issues, run } = data;
  const outputs = outputsOf(node);
  return (
    <div
      className={`activity-node tone-${activityTone[node.type]}${selected ? ' is-selected' : ''}${issues.length ? ' has-issues' : ''}${run?.onPath ? ' on-path' : ''}${run?.current ? ' is-current' : ''}`}
      data-on-path={run?.onPath ? 'true' : undefined}
      data-testid={`node-${node.id}`}
      aria-label={`${activityLabels[node.type]}: ${nodeLabel(node)}`}
    >
      {isEntry(node.type) ? null : <Handle type="target" position={Position.Top} className="handle-in" />}
      <div className="activity-head">
        <span className="activity-icon" aria-hidden="true">
          {activityIcon[node.type]}
        </span>
        <span className="activity-kind">{activityLabels[node.type]}</span>
        {issues.length ? (
          <span className="activity-issue" title={issues.join('\n')} aria-label={`${issues.length} problem${issues.length === 1 ? '' : 's'}`}>
            <AlertCircle size={14} />
          </span>
        ) : null}
      </div>
      <div className="activity-name">{nodeLabel(node)}</div>
      <div className="activity-summary">{summary}</div>
      {run?.count ? <NodeCounts count={run.count} /> : null}
      {outputs.length ? (
        <div className="activity-outputs">
          {outputs.map((output, i) => (
            <div key={output} className="activity-output" style={{ left: `${((i + 1) / (outputs.length + 1)) * 100}%` }}>
              {outputLabel(node, output) ? <span className="output-label">{outputLabel(node, output)}</span> : null}
              <Handle id={output} type="source" position={Position.Bottom} className="handle-out" />
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
});
