import type { ContainerSummary } from '@harbormaster/contract'
import { texts } from '../ui/index.ts'
import { portUrl } from './container-view.ts'
import styles from './port-links.module.css'

/** Published ports as links to the host (tcp), one per host port. */
export function PortLinks({
  ports,
  hostAddress,
}: {
  ports: readonly ContainerSummary['ports'][number][]
  hostAddress: string
}) {
  const published = ports.filter((p) => p.publicPort !== undefined)
  // One link per host port: the engine lists IPv4 and IPv6 bindings separately.
  const seen = new Set<string>()
  const unique = published.filter((p) => {
    const key = `${p.publicPort ?? ''}/${p.type}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  if (unique.length === 0) return <span className={texts.muted}>—</span>
  return (
    <span className={styles.ports}>
      {unique.map((p) => {
        const label = `${p.publicPort ?? ''}→${p.privatePort}/${p.type}`
        const url = p.type === 'tcp' ? portUrl(hostAddress, window.location.hostname, p) : undefined
        return url ? (
          <a key={label} href={url} target="_blank" rel="noopener noreferrer">
            {label}
          </a>
        ) : (
          <span key={label}>{label}</span>
        )
      })}
    </span>
  )
}
