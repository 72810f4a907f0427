/** The app's icon: its initial on a colour of its own (the studio does not have the real icon). */
export function AppIcon({ name, size, radius }: { name: string; size: number; radius: number }) {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 360;
  return (
    <span
      className="app-icon"
      aria-hidden="true"
      style={{ width: size, height: size, borderRadius: radius, fontSize: size * 0.5, background: `linear-gradient(160deg, hsl(${hash} 70% 58%), hsl(${(hash + 40) % 360} 70% 42%))` }}
    >
      {Array.from(name.trim() || '?')[0]!.toUpperCase()}
    </span>
  );
}
