import type { ReactNode } from 'react'
import layout from './layout.module.css'
import texts from './text.module.css'

/** A titled panel of an inspect view; `action` sits at the right of the title. */
export function Card({
  title,
  action,
  children,
}: {
  title: string
  action?: ReactNode
  children: ReactNode
}) {
  return (
    <section className={layout.card} aria-label={title}>
      <div className={layout.cardHead}>
        <h2>{title}</h2>
        {action}
      </div>
      {children}
    </section>
  )
}

/** One fact of a card: a label and its value. */
export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={layout.row}>
      <span className={layout.rowLabel}>{label}</span>
      <span className={layout.rowValue}>{children}</span>
    </div>
  )
}

/** Labels or driver options, sorted by key; values are engine data, rendered as text. */
export function KeyValues({ values }: { values: Record<string, string> }) {
  const entries = Object.entries(values).sort(([a], [b]) => a.localeCompare(b))
  if (entries.length === 0) return <p className={texts.muted}>None</p>
  return (
    <dl className={layout.kv}>
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}
