import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { useColorScheme } from '../ui/index.ts'
import { HISTORY_SECONDS } from './stats-series.ts'

/** A live line chart on uPlot: created once, then fed new columns (no re-creation per sample). */
export function StatsChart({
  title,
  time,
  series,
  format,
  minimumTop,
}: {
  title: string
  time: number[]
  series: { label: string; values: number[]; color: string }[]
  format: (value: number) => string
  /** The least top of the y axis, so a flat zero line does not read as noise. */
  minimumTop: number
}) {
  const ref = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)
  const formatRef = useRef(format)
  formatRef.current = format
  const labels = series.map((s) => s.label).join('|')
  const scheme = useColorScheme()
  const data: uPlot.AlignedData = [time, ...series.map((s) => s.values)]
  const dataRef = useRef(data)
  dataRef.current = data

  useEffect(() => {
    const el = ref.current
    if (!el) return
    // Canvas cannot resolve CSS variables: read the theme's colours (again when it changes).
    const css = getComputedStyle(el)
    const muted = css.getPropertyValue('--muted').trim() || '#888'
    const grid = css.getPropertyValue('--grid').trim() || 'rgba(128,128,128,0.2)'
    const opts: uPlot.Options = {
      width: el.clientWidth || 300,
      height: 180,
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      scales: {
        // Always the last five minutes: with one sample, auto-ranging would span years.
        x: { time: true, range: (_u, _min, max) => [max - HISTORY_SECONDS, max] },
        y: { range: (_u, _min, max) => [0, Math.max(max * 1.1, minimumTop)] },
      },
      axes: [
        { stroke: muted, grid: { stroke: grid } },
        {
          stroke: muted,
          grid: { stroke: grid },
          size: 70,
          values: (_u, splits) => splits.map((v) => formatRef.current(v)),
        },
      ],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 1.5,
          fill: `${s.color}22`,
          value: (_u: uPlot, v: number | null) => (v === null ? '—' : formatRef.current(v)),
        })),
      ],
    }
    const chart = new uPlot(opts, dataRef.current, el)
    plot.current = chart
    const observer = new ResizeObserver(() => {
      chart.setSize({ width: el.clientWidth, height: 180 })
    })
    observer.observe(el)
    return () => {
      observer.disconnect()
      chart.destroy()
      plot.current = null
    }
    // Re-created only when the set of series or the colour scheme changes (with the data it
    // has); new samples go through setData below.
  }, [labels, scheme])

  useEffect(() => {
    plot.current?.setData(dataRef.current)
  }, [time, series])

  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div ref={ref} className="chart-canvas" />
    </figure>
  )
}
