import { Link } from 'wouter'
import styles from './tabs.module.css'

export interface TabItem {
  id: string
  label: string
  href: string
}

/** Tabs as links, so every tab has its own URL; the current one is marked for screen readers. */
export function Tabs({
  items,
  current,
  label,
}: {
  items: TabItem[]
  current: string
  label: string
}) {
  return (
    <nav className={styles.tabs} aria-label={label}>
      {items.map((tab) => (
        <Link
          key={tab.id}
          href={tab.href}
          className={styles.tab}
          aria-current={tab.id === current ? 'page' : undefined}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  )
}
