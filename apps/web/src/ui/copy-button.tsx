import { useState } from 'react'
import { CopyIcon } from './icons.tsx'

/** Copies a value to the clipboard (the user's own action, never the engine's). */
export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [copied, setCopied] = useState(false)
  const handleCopy = () => {
    void navigator.clipboard.writeText(value).then(() => {
      setCopied(true)
      setTimeout(() => {
        setCopied(false)
      }, 1200)
    })
  }
  return (
    <button
      type="button"
      className="copy-btn"
      onClick={handleCopy}
      aria-label={label}
      title={label}
    >
      {copied ? '✓' : <CopyIcon />}
    </button>
  )
}
