// A list that renders only the rows on screen (windowing.ts): the live tail and search results stay
// smooth with a hundred thousand rows. Fixed row height; keyboard: arrows, Page Up/Down, Home, End.
import { makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { atBottom, scrollToRow, visibleRange } from './windowing.ts';

const useStyles = makeStyles({
  viewport: {
    overflowY: 'auto',
    position: 'relative',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
});

export interface VirtualListProps<T> {
  items: T[];
  rowHeight: number;
  height: number;
  /** Keep the view at the end when new rows arrive (while the user has not scrolled up). */
  stickToBottom?: boolean;
  label: string;
  testId?: string;
  renderRow(item: T, index: number, active: boolean): ReactNode;
  onActivate?(item: T, index: number): void;
}

export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, rowHeight, height, stickToBottom } = props;
  const styles = useStyles();
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [active, setActive] = useState(-1);
  const following = useRef(true);
  const range = visibleRange(scrollTop, height, rowHeight, items.length);

  useLayoutEffect(() => {
    const el = ref.current;
    if (el && stickToBottom && following.current) {
      el.scrollTop = range.totalHeight;
      setScrollTop(el.scrollTop);
    }
  }, [items.length, stickToBottom, range.totalHeight]);

  useEffect(() => {
    if (stickToBottom) following.current = true;
  }, [stickToBottom]);

  const onScroll = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    setScrollTop(el.scrollTop);
    following.current = atBottom(el.scrollTop, height, items.length * rowHeight, rowHeight);
  }, [height, items.length, rowHeight]);

  function move(index: number) {
    const next = Math.max(0, Math.min(items.length - 1, index));
    setActive(next);
    const el = ref.current;
    const top = el ? scrollToRow(next, el.scrollTop, height, rowHeight) : undefined;
    if (el && top !== undefined) el.scrollTop = top;
  }

  function onKeyDown(event: React.KeyboardEvent) {
    const page = Math.max(1, Math.floor(height / rowHeight) - 1);
    const keys: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + page,
      PageUp: active - page,
      Home: 0,
      End: items.length - 1,
    };
    if (event.key in keys && items.length) {
      event.preventDefault();
      move(keys[event.key]!);
    } else if (event.key === 'Enter' && active >= 0 && items[active] !== undefined) {
      props.onActivate?.(items[active], active);
    }
  }

  return (
    <div
      ref={ref}
      className={styles.viewport}
      style={{ height }}
      onScroll={onScroll}
      tabIndex={0}
      role="list"
      aria-label={props.label}
      data-testid={props.testId}
      data-count={items.length}
      onKeyDown={onKeyDown}
    >
      <div style={{ height: range.totalHeight, position: 'relative' }}>
        <div style={{ position: 'absolute', top: range.offsetTop, left: 0, right: 0 }}>
          {items.slice(range.start, range.end).map((item, i) => {
            const index = range.start + i;
            return (
              <div
                key={index}
                role="listitem"
                style={{ height: rowHeight }}
                onClick={() => {
                  setActive(index);
                  props.onActivate?.(item, index);
                }}
              >
                {props.renderRow(item, index, index === active)}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
