import type { MetricHistory, MetricIdChange } from '@harbormaster/contract'
import { useEffect, useEffectEvent, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { shortId } from '../../platform/format.ts'
import { ChartFrame, useColorScheme } from '../../ui/index.ts'
import { type HistoryLine, hasBands, historyColumns } from './history-columns.ts'

const HEIGHT = 200

/**
 * A kept history on uPlot: drag across to zoom in, double-click to zoom back out; the crosshair's
 * legend reads each line's value (and its min and max on downsampled tiers, drawn as a band);
 * a dashed line marks where the series took another container id (recreated).
 */
export function HistoryChart({
  title,
  history,
  lines,
  format,
}: {
  title: string
  history: MetricHistory
  lines: HistoryLine[]
  format: (value: number) => string
}) {
  const ref = useRef<HTMLDivElement>(null)
  const formatRef = useRef(format)
  useEffect(() => {
    formatRef.current = format
  }, [format])
  const scheme = useColorScheme()
  const create = useEffectEvent((el: HTMLDivElement) => {
    const banded = hasBands(history)
    return new uPlot(
      chartOptions(el, lines, banded, history.idChanges, history.times[0], (v) =>
        formatRef.current(v),
      ),
      historyColumns(history, lines),
      el,
    )
  })
  // A new answer (a refetch, another range) draws a new chart: zoom resets with the data.
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const chart = create(el)
    const observer = new ResizeObserver(() => {
      chart.setSize({ width: el.clientWidth, height: HEIGHT })
    })
    observer.observe(el)
    return () => {
      observer.disconnect()
      chart.destroy()
    }
  }, [history, scheme])
  return <ChartFrame title={title} canvasRef={ref} />
}

function chartOptions(
  el: HTMLElement,
  lines: readonly HistoryLine[],
  banded: boolean,
  idChanges: readonly MetricIdChange[],
  firstTime: number | undefined,
  format: (value: number) => string,
): uPlot.Options {
  const css = getComputedStyle(el)
  const muted = css.getPropertyValue('--muted').trim() || '#888'
  const grid = css.getPropertyValue('--grid').trim() || 'rgba(128,128,128,0.2)'
  const value = (_u: uPlot, v: number | null) => (v === null ? '—' : format(v))
  const series: uPlot.Series[] = [{}]
  const bands: uPlot.Band[] = []
  for (const line of lines) {
    const avg = series.length
    series.push({ label: line.label, stroke: line.color, width: 1.5, value })
    if (line.band && banded) {
      series.push(
        { label: `${line.label} min`, stroke: `${line.color}66`, width: 0.5, value },
        { label: `${line.label} max`, stroke: `${line.color}66`, width: 0.5, value },
      )
      bands.push({ series: [avg + 2, avg + 1], fill: `${line.color}22` })
    } else {
      series[avg] = { ...series[avg], fill: `${line.color}18` }
    }
  }
  return {
    width: el.clientWidth || 300,
    height: HEIGHT,
    legend: { show: true, live: true },
    cursor: { drag: { x: true, y: false, setScale: true } },
    scales: {
      x: { time: true },
      y: { range: (_u, _min, max) => [0, Math.max(max * 1.1, 1)] },
    },
    axes: [
      { stroke: muted, grid: { stroke: grid } },
      { stroke: muted, grid: { stroke: grid }, size: 70, values: (_u, s) => s.map(format) },
    ],
    series,
    bands,
    plugins: [idChangeMarks(idChanges, firstTime, muted)],
  }
}

/**
 * Dashed vertical lines where the series took another container id, labelled with it. An id
 * recorded at or before the range's first point is where the series starts, not a change.
 */
function idChangeMarks(
  changes: readonly MetricIdChange[],
  firstTime: number | undefined,
  color: string,
): uPlot.Plugin {
  const marks = changes.filter((change) => firstTime !== undefined && change.at > firstTime)
  return {
    hooks: {
      draw: (u) => {
        const { ctx } = u
        const { top, height } = u.bbox
        ctx.save()
        ctx.strokeStyle = color
        ctx.fillStyle = color
        ctx.setLineDash([4, 4])
        ctx.font = `${10 * devicePixelRatio}px sans-serif`
        for (const change of marks) {
          const x = u.valToPos(change.at / 1000, 'x', true)
          if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue
          ctx.beginPath()
          ctx.moveTo(x, top)
          ctx.lineTo(x, top + height)
          ctx.stroke()
          ctx.fillText(`→ ${shortId(change.containerId)}`, x + 3, top + 12 * devicePixelRatio)
        }
        ctx.restore()
      },
    },
  }
}
