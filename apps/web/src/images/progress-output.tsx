import { useEffect, useRef } from 'react'
import type { BuildOutput } from './build-output.ts'

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
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {output.text !== '' && (
        <pre ref={ref} className="code-block progress-output" role="log" aria-label={label}>
          {output.text}
        </pre>
      )}
    </>
  )
}
