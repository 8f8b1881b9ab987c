import type { ReactNode, RefObject } from 'react'
import { buttonClass, layout } from '../ui/index.ts'
import type { StreamFilter } from './log-buffer.ts'
import { SinceInput } from './since-input.tsx'
import type { LogOptions } from './use-log-options.ts'
import styles from './log-controls.module.css'

const TAILS = ['100', '500', '1000', '5000', 'all']

/** Search, stream, tail, since, timestamps, follow and download. */
export function LogControls({
  options: o,
  searchRef,
  searchError,
  tty,
  downloadHref,
  children,
}: {
  options: LogOptions
  searchRef: RefObject<HTMLInputElement | null>
  searchError: string | undefined
  tty: boolean
  /** The whole log's address; none where there is no download (a stack's merged log). */
  downloadHref?: string | undefined
  /** Filters of the caller's own (a stack's service), after the search. */
  children?: ReactNode
}) {
  return (
    <div className={layout.filters}>
      <input
        ref={searchRef}
        type="search"
        className={layout.search}
        placeholder="Search logs (press /)"
        aria-label="Search logs"
        value={o.query}
        aria-invalid={searchError !== undefined}
        onChange={(e) => {
          o.setQuery(e.target.value)
        }}
      />
      <Toggle label=".*" title="Regular expression" on={o.regex} set={o.setRegex} />
      <Toggle label="Aa" title="Match case" on={o.caseSensitive} set={o.setCaseSensitive} />
      <Toggle
        label="All lines"
        title="Show all lines, highlighting matches"
        on={o.allLines}
        set={o.setAllLines}
      />
      {children}
      <select
        aria-label="Streams"
        value={o.stream}
        disabled={tty}
        title={tty ? 'A TTY merges stdout and stderr' : undefined}
        onChange={(e) => {
          o.setStream(e.target.value as StreamFilter)
        }}
      >
        <option value="both">stdout + stderr</option>
        <option value="stdout">stdout</option>
        <option value="stderr">stderr</option>
      </select>
      <select
        aria-label="Tail"
        value={o.tail}
        onChange={(e) => {
          o.setTail(e.target.value)
        }}
      >
        {TAILS.map((t) => (
          <option key={t} value={t}>
            {t === 'all' ? 'All lines' : `Last ${t}`}
          </option>
        ))}
      </select>
      <SinceInput value={o.since} onApply={o.setSince} />
      {o.until !== '' && <UntilChip until={o.until} onClear={o.setUntil} />}
      <Toggle label="Timestamps" on={o.timestamps} set={o.setTimestamps} />
      <Toggle label="Follow" on={o.follow} set={o.setFollow} />
      {downloadHref !== undefined && (
        <a className={buttonClass()} href={downloadHref} download>
          Download
        </a>
      )}
    </div>
  )
}

/** The log's end, which only a link sets (an alert's moment): shown, and cleared on a press. */
function UntilChip({ until, onClear }: { until: string; onClear: (v: string) => void }) {
  return (
    <button
      type="button"
      className={styles.toggle}
      aria-pressed
      title="Lines up to this moment only (a link set it); press to show the log up to now"
      onClick={() => {
        onClear('')
      }}
    >
      until {until} ×
    </button>
  )
}

function Toggle({
  label,
  title,
  on,
  set,
}: {
  label: string
  title?: string
  on: boolean
  set: (v: boolean) => void
}) {
  return (
    <button
      type="button"
      className={styles.toggle}
      aria-pressed={on}
      title={title}
      onClick={() => {
        set(!on)
      }}
    >
      {label}
    </button>
  )
}
