import type { ReactNode, RefObject } from 'react'
import styles from './chart-frame.module.css'

/**
 * The frame of a uPlot chart (live stats, kept history): a titled figure and the element the
 * chart draws into, given as `canvasRef`. uPlot's own legend is styled here too.
 */
export function ChartFrame({
  title,
  canvasRef,
}: {
  title: ReactNode
  canvasRef: RefObject<HTMLDivElement | null>
}) {
  return (
    <figure className={styles.chart}>
      <figcaption>{title}</figcaption>
      <div ref={canvasRef} className={styles.canvas} />
    </figure>
  )
}
