import { FolderPlus, Plus, Trash2 } from 'lucide-react';
import { MAX_RULE_DEPTH } from '../../../shared/domain/audience';
import { ConditionFields, conditionKinds } from './ConditionRow';
import { type DraftNode, type FieldErrors, type GroupDraft, newCondition, newGroup } from './rule-draft';

interface NodeProps {
  node: DraftNode;
  depth: number;
  errors: Map<string, FieldErrors>;
  onChange(node: DraftNode): void;
  onRemove?(): void;
}

const kindLabel = { attribute: 'Attribute', event: 'Event', reachable: 'Reachable', testProfile: 'Test profile' } as const;

function Negate({ node, onChange }: { node: DraftNode; onChange(node: DraftNode): void }) {
  return (
    <label className="checkbox cond-not" title="Match the profiles this does not match">
      <input type="checkbox" checked={node.negate} onChange={(e) => onChange({ ...node, negate: e.target.checked })} /> not
    </label>
  );
}

function GroupEditor({ node, depth, errors, onChange, onRemove }: NodeProps & { node: GroupDraft }) {
  const replaceChild = (index: number, child: DraftNode) => onChange({ ...node, children: node.children.map((c, i) => (i === index ? child : c)) });
  const removeChild = (index: number) => onChange({ ...node, children: node.children.filter((_, i) => i !== index) });
  const label = node.op === 'and' ? 'all' : 'any';
  return (
    <fieldset className={`rule-group depth-${Math.min(depth, 4)}`} aria-label={depth === 1 ? 'Rule' : 'Group'}>
      <div className="rule-group-head">
        <Negate node={node} onChange={onChange} />
        <span>Profiles that match</span>
        <select className="text-input" value={node.op} onChange={(e) => onChange({ ...node, op: e.target.value as 'and' | 'or' })} aria-label="Match">
          <option value="and">all of</option>
          <option value="or">any of</option>
        </select>
        <span>these conditions</span>
        {onRemove ? (
          <button type="button" className="icon-button push-right" aria-label="Remove group" title="Remove group" onClick={onRemove}>
            <Trash2 size={15} />
          </button>
        ) : null}
      </div>
      {node.children.length === 0 ? <p className="muted rule-empty">No conditions: every profile matches.</p> : null}
      <ol className="rule-children">
        {node.children.map((child, index) => (
          <li key={child.id}>
            {index > 0 ? <span className="rule-joiner">{label === 'all' ? 'and' : 'or'}</span> : null}
            <NodeEditor node={child} depth={depth + 1} errors={errors} onChange={(c) => replaceChild(index, c)} onRemove={() => removeChild(index)} />
          </li>
        ))}
      </ol>
      <div className="rule-add">
        {conditionKinds.map(({ kind, label: text }) => (
          <button key={kind} type="button" className="button button-small" onClick={() => onChange({ ...node, children: [...node.children, newCondition(kind)] })}>
            <Plus size={14} /> {text}
          </button>
        ))}
        {depth < MAX_RULE_DEPTH - 1 ? (
          <button type="button" className="button button-small" onClick={() => onChange({ ...node, children: [...node.children, newGroup(node.op === 'and' ? 'or' : 'and', [newCondition('attribute')])] })}>
            <FolderPlus size={14} /> Group
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}

function NodeEditor(props: NodeProps) {
  const { node, errors, onChange, onRemove } = props;
  if (node.kind === 'group') return <GroupEditor {...props} node={node} />;
  const problems = errors.get(node.id);
  return (
    <div className={`rule-condition${problems ? ' has-error' : ''}`} role="group" aria-label={`${kindLabel[node.kind]} condition`}>
      <Negate node={node} onChange={onChange} />
      <span className="cond-kind">{kindLabel[node.kind]}</span>
      <div className="cond-fields">
        <ConditionFields draft={node} errors={problems} onChange={onChange} />
      </div>
      {onRemove ? (
        <button type="button" className="icon-button" aria-label="Remove condition" title="Remove condition" onClick={onRemove}>
          <Trash2 size={15} />
        </button>
      ) : null}
    </div>
  );
}

/** The visual rule builder: nested all/any groups of attribute, event, reachability and test-profile conditions. */
export function RuleBuilder({ root, errors, onChange }: { root: GroupDraft; errors: Map<string, FieldErrors>; onChange(root: GroupDraft): void }) {
  return <GroupEditor node={root} depth={1} errors={errors} onChange={(n) => onChange(n as GroupDraft)} />;
}
