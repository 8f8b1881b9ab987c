import { useState } from 'react'
import { copyText } from '../platform/clipboard.ts'
import { CopyIcon } from './icons.tsx'
import { useToast } from './toast.tsx'
import styles from './copy-button.module.css'

/** Copies a value to the clipboard (the user's own action, never the engine's). */
export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [copied, setCopied] = useState(false)
  const toast = useToast()
  const handleCopy = async () => {
    if (!(await copyText(value))) {
      toast({ tone: 'bad', title: 'The browser refused to copy: select the text and copy it' })
      return
    }
    setCopied(true)
    setTimeout(() => {
      setCopied(false)
    }, 1200)
  }
  return (
    <button
      type="button"
      className={styles.copy}
      onClick={() => void handleCopy()}
      aria-label={label}
      title={label}
    >
      {copied ? '✓' : <CopyIcon />}
    </button>
  )
}
