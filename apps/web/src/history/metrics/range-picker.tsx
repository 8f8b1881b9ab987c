import type { MetricRange } from '@harbormaster/contract'
import styles from './range-picker.module.css'

/** What a stats chart shows: the live stream, or the kept history over a range. */
export type ChartRange = 'live' | MetricRange

export const CHART_RANGES: readonly { value: ChartRange; label: string }[] = [
  { value: 'live', label: 'Live' },
  { value: '1h', label: '1 h' },
  { value: '24h', label: '24 h' },
  { value: '7d', label: '7 d' },
  { value: '90d', label: '90 d' },
]

/** Live, 1 h, 24 h, 7 d, 90 d: one pressed button at a time. */
export function RangePicker({
  value,
  onChange,
}: {
  value: ChartRange
  onChange: (range: ChartRange) => void
}) {
  return (
    <div role="group" aria-label="Range" className={styles.picker}>
      {CHART_RANGES.map((range) => (
        <button
          key={range.value}
          type="button"
          className={styles.choice}
          aria-pressed={range.value === value}
          onClick={() => {
            onChange(range.value)
          }}
        >
          {range.label}
        </button>
      ))}
    </div>
  )
}
