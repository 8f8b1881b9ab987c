import { useMemo } from 'react'
import { CopyButton } from '../ui/index.ts'

/** The engine's inspect document as it came, pretty-printed as text. */
export function InspectTab({ raw }: { raw: unknown }) {
  const text = useMemo(() => JSON.stringify(raw, null, 2), [raw])
  return (
    <div className="inspect">
      <div className="toolbar">
        <CopyButton value={text} label="Copy JSON" />
      </div>
      <pre className="code-block">{text}</pre>
    </div>
  )
}
