import { Filter, X } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import type { Rule } from '../../../shared/domain/audience';
import type { Platform } from '../../../shared/domain/profile';
import { AttributeConditionRow, ReachableConditionRow, SuggestionLists } from '../audiences/ConditionRow';
import { useSuggestions } from '../audiences/AudiencesView';
import { type AttributeDraft, type ReachableDraft, attributeRule, conditionErrors, newCondition } from '../audiences/rule-draft';

export interface BrowsePatch {
  rule?: Rule;
  reachable?: { appId: string; platform?: Platform };
}

/**
 * The table's filters beyond search: an attribute condition (the audience builder's own row, every
 * operator of the engine) and "has a valid token for app X / platform Y". A filter applies once it
 * is complete; until then its row says what is missing.
 */
export function BrowseFilters({ onChange }: { onChange(patch: BrowsePatch): void }) {
  const [open, setOpen] = useState(false);
  const [attribute, setAttribute] = useState<AttributeDraft>(() => newCondition('attribute') as AttributeDraft);
  const [reachable, setReachable] = useState<ReachableDraft>(() => newCondition('reachable') as ReachableDraft);
  const suggestions = useSuggestions();

  const attributeErrors = useMemo(() => (attribute.path.trim() ? conditionErrors(attribute) : {}), [attribute]);
  const rule = open && attribute.path.trim() && Object.keys(attributeErrors).length === 0 ? attributeRule(attribute) : undefined;
  const appId = open ? reachable.appId.trim() : '';
  const platform = reachable.platform || undefined;
  const ruleKey = JSON.stringify(rule ?? null);

  useEffect(() => {
    const timer = setTimeout(() => onChange({ rule: ruleKey === 'null' ? undefined : (JSON.parse(ruleKey) as Rule), reachable: appId ? { appId, ...(platform ? { platform } : {}) } : undefined }), 250);
    return () => clearTimeout(timer);
  }, [ruleKey, appId, platform, onChange]);

  const active = (rule ? 1 : 0) + (appId ? 1 : 0);
  if (!open) {
    return (
      <div className="filters-closed">
        <button type="button" className="button button-small" onClick={() => setOpen(true)}>
          <Filter size={14} /> Filter by attribute or device
        </button>
      </div>
    );
  }
  return (
    <div className="browse-filters" role="group" aria-label="Filters">
      <SuggestionLists suggestions={suggestions} />
      <div className="rule-condition" role="group" aria-label="Attribute filter">
        <span className="cond-kind">Where</span>
        <div className="cond-fields">
          <AttributeConditionRow draft={attribute} errors={attributeErrors} onChange={setAttribute} />
        </div>
      </div>
      <div className="rule-condition" role="group" aria-label="Device filter">
        <span className="cond-kind">Reachable</span>
        <div className="cond-fields">
          <ReachableConditionRow draft={reachable} onChange={setReachable} />
        </div>
      </div>
      <div className="filters-actions">
        <span className="muted">{active ? `${active} filter${active > 1 ? 's' : ''} applied` : 'No filter applied yet'}</span>
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            setAttribute(newCondition('attribute') as AttributeDraft);
            setReachable(newCondition('reachable') as ReachableDraft);
            setOpen(false);
          }}
        >
          <X size={14} /> Clear filters
        </button>
      </div>
    </div>
  );
}
