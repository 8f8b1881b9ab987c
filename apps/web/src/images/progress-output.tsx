import { useEffect, useRef } from 'react'
import { forms } from '../ui/index.ts'
import type { BuildOutput } from './build-output.ts'
import styles from './progress-output.module.css'

/** The engine's output as it arrives, kept scrolled to the end like a terminal. */
export function ProgressOutput({
  output,
  error,
  label,
}: {
  output: BuildOutput
  error: string | undefined
  label: string
}) {
  const ref = useRef<HTMLPreElement>(null)
  useEffect(() => {
    const pre = ref.current
    if (pre) pre.scrollTop = pre.scrollHeight
  }, [output.text])
  return (
    <>
      {error !== undefined && (
        <p className={forms.formError} role="alert">
          {error}
        </p>
      )}
      {output.text !== '' && (
        <pre ref={ref} className={styles.output} role="log" aria-label={label}>
          {output.text}
        </pre>
      )}
    </>
  )
}
