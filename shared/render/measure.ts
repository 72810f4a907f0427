/**
 * Text width, for the "title won't fit on one iOS line" lint. The preview measures in the font it
 * renders with (canvas, passed in as a Measure); where there is no canvas (the CLI, the sender) the
 * approximation below stands in: per-character advance widths of a San Francisco-like sans serif
 * in em units. Both are approximate, as every preview is.
 */
export type Measure = (text: string, font: FontSpec) => number;

export interface FontSpec {
  /** CSS px (iOS points at 1x). */
  size: number;
  weight: number;
}

/** iOS notification on a 393 pt wide iPhone (15/16): card 361 pt, padding 14, icon 38 + gap 10. */
export const IOS_LAYOUT = {
  cardWidth: 361,
  padding: 14,
  iconSlot: 48,
  /** "now" beside the title, the shortest timestamp: the title line is what is left. */
  timestampSlot: 34,
  titleFont: { size: 15, weight: 600 } as FontSpec,
  bodyFont: { size: 15, weight: 400 } as FontSpec,
};

export const IOS_TITLE_WIDTH = IOS_LAYOUT.cardWidth - 2 * IOS_LAYOUT.padding - IOS_LAYOUT.iconSlot - IOS_LAYOUT.timestampSlot;

const NARROW = new Set("il.,;:'|!ıìíîïj`");
const SEMI = new Set('frtI()[]{}/\\- "');
const WIDE = new Set('mwMW@%');
const CAPS_WIDE = new Set('ABCDGHKNOQRUVXYZ&');

function advance(char: string): number {
  if (char === ' ') return 0.26;
  if (NARROW.has(char)) return 0.26;
  if (SEMI.has(char)) return 0.37;
  if (WIDE.has(char)) return 0.86;
  if (/[0-9]/.test(char)) return 0.6;
  if (CAPS_WIDE.has(char)) return 0.72;
  if (/[A-Z]/.test(char)) return 0.63;
  if (/[a-z]/.test(char)) return 0.54;
  const code = char.codePointAt(0) ?? 0;
  // Emoji, CJK and other wide scripts take about a full em.
  if (code >= 0x1100) return 1.1;
  return 0.58;
}

export const approximateMeasure: Measure = (text, font) => {
  let em = 0;
  for (const char of text) em += advance(char);
  return em * font.size * (font.weight >= 600 ? 1.04 : 1);
};
