import type { Host } from '@harbormaster/contract'
import { useMemo, useState } from 'react'
import { Button, CopyButton, layout, texts } from '../ui/index.ts'
import { WithheldNote, envEntries, hasRevealable } from './env-withheld.tsx'

const MASK = '••••••'

/**
 * The engine's inspect document as the server sent it, pretty-printed as text. Environment
 * values are often secrets: masked until revealed, as on the overview, so a screen share shows
 * only names. Those the server withheld for the caller's role (`maskedEnv`) keep the server's
 * marker and are never revealable: the value is not in the page.
 */
export function InspectTab({
  raw,
  maskedEnv,
  role,
}: {
  raw: unknown
  /** Names whose value the server withheld from the caller (see `maskedEnvSchema`). */
  maskedEnv: readonly string[]
  role: Host['role'] | undefined
}) {
  const [revealed, setRevealed] = useState(false)
  const text = useMemo(
    () => JSON.stringify(revealed ? raw : maskEnv(raw, maskedEnv), null, 2),
    [raw, revealed, maskedEnv],
  )
  const entries = envEntries(envOf(raw).filter(isString), maskedEnv)
  return (
    <div>
      <div className={layout.toolbar}>
        <CopyButton value={text} label="Copy JSON" />
        {hasRevealable(entries) && (
          <Button
            variant="ghost"
            onClick={() => {
              setRevealed((r) => !r)
            }}
          >
            {revealed ? 'Hide env values' : 'Reveal env values'}
          </Button>
        )}
      </div>
      <WithheldNote role={role} entries={entries} />
      <pre className={texts.codeBlock}>{text}</pre>
    </div>
  )
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function envOf(raw: unknown): unknown[] {
  const config = isRecord(raw) ? raw.Config : undefined
  return isRecord(config) && Array.isArray(config.Env) ? config.Env : []
}

function isString(value: unknown): value is string {
  return typeof value === 'string'
}

/**
 * The document with each `Config.Env` entry's value replaced; names kept, the rest untouched.
 * Entries the server withheld (`withheld` names) keep the server's marker.
 */
export function maskEnv(raw: unknown, withheld: readonly string[] = []): unknown {
  if (!isRecord(raw) || !isRecord(raw.Config) || envOf(raw).length === 0) return raw
  const env = envOf(raw).map((entry) => {
    if (typeof entry !== 'string') return entry
    const eq = entry.indexOf('=')
    if (eq < 0 || withheld.includes(entry.slice(0, eq))) return entry
    return `${entry.slice(0, eq + 1)}${MASK}`
  })
  return { ...raw, Config: { ...raw.Config, Env: env } }
}
