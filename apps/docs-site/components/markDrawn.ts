/**
 * Marks the moment a figure is first drawn with data and ready for the reader (a User Timing mark,
 * `cannon:figure:<name>`), once per page load: the site's benchmark reads these marks.
 */
const marked = new Set<string>();
export function markDrawn(figure: string): void {
  if (marked.has(figure)) return;
  marked.add(figure);
  performance.mark(`cannon:figure:${figure}`);
}
