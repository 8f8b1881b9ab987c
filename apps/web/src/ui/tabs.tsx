import { Link } from 'wouter'

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
    <nav className="tabs" aria-label={label}>
      {items.map((tab) => (
        <Link
          key={tab.id}
          href={tab.href}
          className={tab.id === current ? 'tab tab-current' : 'tab'}
          aria-current={tab.id === current ? 'page' : undefined}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  )
}
