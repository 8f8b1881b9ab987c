import { useMemo, useState } from 'react'
import { Button, CopyButton } from '../ui/index.ts'

const MASK = '••••••'

/**
 * The engine's inspect document as it came, pretty-printed as text. Environment values are
 * often secrets: masked until revealed, as on the overview, so a screen share shows only names.
 */
export function InspectTab({ raw }: { raw: unknown }) {
  const [revealed, setRevealed] = useState(false)
  const hasEnv = envOf(raw).length > 0
  const text = useMemo(
    () => JSON.stringify(revealed ? raw : maskEnv(raw), null, 2),
    [raw, revealed],
  )
  return (
    <div className="inspect">
      <div className="toolbar">
        <CopyButton value={text} label="Copy JSON" />
        {hasEnv && (
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
      <pre className="code-block">{text}</pre>
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

/** The document with each `Config.Env` entry's value replaced; names kept, the rest untouched. */
export function maskEnv(raw: unknown): unknown {
  if (!isRecord(raw) || !isRecord(raw.Config) || envOf(raw).length === 0) return raw
  const env = envOf(raw).map((entry) => {
    if (typeof entry !== 'string') return entry
    const eq = entry.indexOf('=')
    return eq < 0 ? entry : `${entry.slice(0, eq + 1)}${MASK}`
  })
  return { ...raw, Config: { ...raw.Config, Env: env } }
}
