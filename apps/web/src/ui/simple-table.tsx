import type { ReactNode } from 'react'
import layout from './layout.module.css'
import texts from './text.module.css'

/**
 * A plain table under named columns (an empty name for a column of buttons), scrolling sideways
 * when the page is narrow: the lists of the audit log, alerts, capsules and terminal sessions.
 * The rows are its children.
 */
export function SimpleTable({
  columns,
  children,
}: {
  columns: readonly string[]
  children: ReactNode
}) {
  return (
    <div className={texts.scrollX}>
      <table className={layout.simpleTable}>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={`${String(index)}-${column}`}>{column}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  )
}
