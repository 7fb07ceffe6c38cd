// Which rows of a long list are on screen: the list renders only those (plus a few either side),
// so a tail of a hundred thousand lines costs what one screenful costs. Fixed row height.

export interface WindowRange {
  start: number;
  /** Exclusive. */
  end: number;
  /** Height of the whole list, for the scroll bar. */
  totalHeight: number;
  /** Where the first rendered row sits. */
  offsetTop: number;
}

export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 8,
): WindowRange {
  const totalHeight = count * rowHeight;
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const start = Math.max(0, Math.min(count, first - overscan));
  const end = Math.min(count, first + Math.ceil(Math.max(0, viewportHeight) / rowHeight) + overscan);
  return { start, end: Math.max(start, end), totalHeight, offsetTop: start * rowHeight };
}

/** True when the list is scrolled to (within a row of) its end: new rows should keep it there. */
export function atBottom(
  scrollTop: number,
  viewportHeight: number,
  totalHeight: number,
  rowHeight: number,
): boolean {
  return scrollTop + viewportHeight >= totalHeight - rowHeight;
}

/** Scroll position that brings row `index` into view, or undefined when it is already visible. */
export function scrollToRow(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
): number | undefined {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight;
  return undefined;
}
