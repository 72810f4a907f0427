import { useId } from 'react';

const units = [
  { label: 'minutes', seconds: 60 },
  { label: 'hours', seconds: 3600 },
  { label: 'days', seconds: 86_400 },
];

/** A duration as a number and a unit; stored in seconds. */
export function DurationField({ label, seconds, onChange }: { label: string; seconds: number | undefined; onChange(seconds: number | undefined): void }) {
  const id = useId();
  const unit = [...units].reverse().find((u) => seconds !== undefined && seconds % u.seconds === 0) ?? units[2]!;
  const amount = seconds === undefined ? '' : String(seconds / unit.seconds);
  return (
    <div className="duration-field">
      <input
        id={id}
        aria-label={label}
        className="text-input"
        type="number"
        min={1}
        value={amount}
        onChange={(e) => {
          const n = Number(e.target.value);
          onChange(e.target.value === '' || !Number.isFinite(n) || n <= 0 ? undefined : Math.round(n * unit.seconds));
        }}
      />
      <select
        className="text-input"
        aria-label={`${label} unit`}
        value={unit.seconds}
        onChange={(e) => seconds !== undefined && onChange((seconds / unit.seconds) * Number(e.target.value))}
      >
        {units.map((u) => (
          <option key={u.label} value={u.seconds}>
            {u.label}
          </option>
        ))}
      </select>
    </div>
  );
}
