import type { Measure } from '../../../shared/render/measure';

/** Text width in the font the preview renders with (canvas), for the iOS title lint. */
export const IOS_FONT_FAMILY = '-apple-system, "SF Pro Text", system-ui, "Helvetica Neue", Arial, sans-serif';

let context: CanvasRenderingContext2D | null | undefined;
const cache = new Map<string, number>();

export const canvasMeasure: Measure = (text, font) => {
  const key = `${font.weight}/${font.size}/${text}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  context ??= typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!context) return 0;
  context.font = `${font.weight} ${font.size}px ${IOS_FONT_FAMILY}`;
  const width = context.measureText(text).width;
  if (cache.size > 2000) cache.clear();
  cache.set(key, width);
  return width;
};
