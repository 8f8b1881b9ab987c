import { useVirtualizer } from '@tanstack/react-virtual'
import { clsx } from 'clsx'
import { useEffect, useRef, useState } from 'react'
import { buttonClass, texts } from '../ui/index.ts'
import { styleToCss } from './ansi.ts'
import { dropLeading, findMatches, highlightSegments, type LogEntry } from './log-buffer.ts'
import styles from './log-view.module.css'

const TIMESTAMP = /^(\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:\d\d)) /

interface LogViewProps {
  entries: LogEntry[]
  pattern: RegExp | undefined
  timestamps: boolean
  follow: boolean
  /** A merged log's prefix colour for a service (a CSS colour). */
  sourceColour?: ((service: string) => string) | undefined
}

/**
 * The log lines, virtualised (only what is on screen is in the DOM). It sticks to the end while
 * the reader is there and stops when they scroll up, so nothing jumps under them.
 */
export function LogView({ entries, pattern, timestamps, follow, sourceColour }: LogViewProps) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const [atEnd, setAtEnd] = useState(true)
  // The rule reports that the React Compiler would leave this component unmemoised, since the
  // virtualizer's methods return values it mutates inside; that is right, and we do not run the
  // compiler. TanStack Virtual stays: hand-written scroll maths would be the worse trade.
  // eslint-disable-next-line react-hooks/incompatible-library -- informational, see above
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 20,
    getItemKey: (i) => entries[i]?.seq ?? i,
    overscan: 20,
  })
  useEffect(() => {
    if (follow && atEnd && entries.length > 0)
      virtualizer.scrollToIndex(entries.length - 1, { align: 'end' })
  }, [entries, follow, atEnd, virtualizer])

  const handleScroll = () => {
    const el = scrollRef.current
    if (!el) return
    setAtEnd(el.scrollHeight - el.scrollTop - el.clientHeight < 40)
  }
  return (
    <div className={styles.frame}>
      <div
        className={styles.view}
        ref={scrollRef}
        onScroll={handleScroll}
        role="log"
        aria-live="off"
        tabIndex={0}
      >
        {entries.length === 0 && <p className={clsx(texts.muted, styles.empty)}>No log lines.</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const entry = entries[v.index]
            if (!entry) return null
            return (
              <div
                key={v.key}
                data-index={v.index}
                ref={virtualizer.measureElement}
                className={styles.line}
                data-stream={entry.stream}
                style={{ transform: `translateY(${v.start}px)` }}
              >
                <LogText
                  entry={entry}
                  pattern={pattern}
                  timestamps={timestamps}
                  sourceColour={sourceColour}
                />
              </div>
            )
          })}
        </div>
      </div>
      {!atEnd && entries.length > 0 && (
        <button
          type="button"
          className={clsx(buttonClass(), styles.jumpEnd)}
          onClick={() => {
            setAtEnd(true)
            virtualizer.scrollToIndex(entries.length - 1, { align: 'end' })
          }}
        >
          ↓ Jump to end
        </button>
      )}
    </div>
  )
}

/** One line: coloured segments and search marks, all as React text (never HTML). */
function LogText({
  entry,
  pattern,
  timestamps,
  sourceColour,
}: {
  entry: LogEntry
  pattern: RegExp | undefined
  timestamps: boolean
  sourceColour: ((service: string) => string) | undefined
}) {
  const marked = highlightSegments(entry.segments, findMatches(entry.plain, pattern))
  const stamp = timestamps ? TIMESTAMP.exec(entry.plain)?.[1] : undefined
  const shown = stamp === undefined ? marked : dropLeading(marked, stamp.length + 1)
  return (
    <>
      {entry.source !== undefined && (
        <span className={styles.source} style={{ color: sourceColour?.(entry.source.service) }}>
          {entry.source.label} |{' '}
        </span>
      )}
      {stamp !== undefined && <span className={styles.timestamp}>{stamp} </span>}
      {shown.map((seg, i) => {
        const style = styleToCss(seg.style)
        return seg.mark ? (
          <mark key={i} style={style}>
            {seg.text}
          </mark>
        ) : (
          <span key={i} style={style}>
            {seg.text}
          </span>
        )
      })}
    </>
  )
}
