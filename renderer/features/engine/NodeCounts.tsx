import { exclusionReasonText, type ExclusionReason, type NodeCount } from '../../../shared/domain/engine';

const ids = (sample: number[]) => (sample.length ? `\nFor example: ${sample.map((id) => `#${id}`).join(', ')}` : '');

/** How many profiles reached a step, wait there, left it excluded (why), with sample profiles in the tooltip. */
export function NodeCounts({ count }: { count: NodeCount }) {
  const excluded = Object.entries(count.excluded);
  const total = excluded.reduce((n, [, x]) => n + x.count, 0);
  return (
    <div className="node-counts" data-testid="node-counts">
      <span className="count-reached" title={`${count.reached.toLocaleString()} reached this step${ids(count.reachedSample)}`}>
        {count.reached.toLocaleString()} reached
      </span>
      {count.waiting ? (
        <span className="count-waiting" title={`${count.waiting.toLocaleString()} waiting here${ids(count.waitingSample)}`}>
          {count.waiting.toLocaleString()} waiting
        </span>
      ) : null}
      {total ? (
        <span
          className="count-excluded"
          title={excluded.map(([reason, x]) => `${x.count.toLocaleString()}: ${exclusionReasonText[reason as ExclusionReason] ?? reason}${ids(x.sample)}`).join('\n')}
        >
          {total.toLocaleString()} excluded
        </span>
      ) : null}
    </div>
  );
}
