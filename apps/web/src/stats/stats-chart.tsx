import { useEffect, useEffectEvent, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { ChartFrame, useColorScheme } from '../ui/index.ts'
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
  series: ChartSeries[]
  format: (value: number) => string
  /** The least top of the y axis, so a flat zero line does not read as noise. */
  minimumTop: number
}) {
  const ref = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)
  // uPlot calls the formatter whenever it redraws, so it reads the latest one from here.
  const formatRef = useRef(format)
  useEffect(() => {
    formatRef.current = format
  }, [format])
  const labels = series.map((s) => s.label).join('|')
  const scheme = useColorScheme()

  // Reads the props of the render that (re)creates the chart, without them re-creating it.
  const createChart = useEffectEvent(
    (el: HTMLDivElement) =>
      new uPlot(
        chartOptions(el, series, minimumTop, (v) => formatRef.current(v)),
        columns(time, series),
        el,
      ),
  )

  // Re-created only when the set of series or the colour scheme changes (with the data it has);
  // new samples go through setData below.
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const chart = createChart(el)
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
  }, [labels, scheme])

  useEffect(() => {
    plot.current?.setData(columns(time, series))
  }, [time, series])

  return <ChartFrame title={title} canvasRef={ref} />
}

function columns(time: number[], series: readonly { values: number[] }[]): uPlot.AlignedData {
  return [time, ...series.map((s) => s.values)]
}

interface ChartSeries {
  label: string
  values: number[]
  color: string
}

function chartOptions(
  el: HTMLElement,
  series: readonly ChartSeries[],
  minimumTop: number,
  format: (value: number) => string,
): uPlot.Options {
  // Canvas cannot resolve CSS variables: read the theme's colours (again when it changes).
  const css = getComputedStyle(el)
  const muted = css.getPropertyValue('--muted').trim() || '#888'
  const grid = css.getPropertyValue('--grid').trim() || 'rgba(128,128,128,0.2)'
  return {
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
        values: (_u, splits) => splits.map((v) => format(v)),
      },
    ],
    series: [
      {},
      ...series.map((s) => ({
        label: s.label,
        stroke: s.color,
        width: 1.5,
        fill: `${s.color}22`,
        value: (_u: uPlot, v: number | null) => (v === null ? '—' : format(v)),
      })),
    ],
  }
}
