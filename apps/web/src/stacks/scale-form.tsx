import { stackScaleSchema } from '@harbormaster/contract'
import { useState } from 'react'
import { Button } from '../ui/index.ts'
import styles from './scale-form.module.css'

/**
 * How many containers one service runs: a number and Scale. The count holds until the next
 * deploy, which runs the file's count again; the hint says so, as no version records it.
 */
export function ScaleForm({
  service,
  count,
  disabled,
  onScale,
}: {
  service: string
  count: number
  disabled: boolean
  onScale: (replicas: number) => void
}) {
  const [text, setText] = useState(String(count))
  const replicas = Number(text)
  const isValid = text.trim() !== '' && stackScaleSchema.safeParse({ service, replicas }).success
  return (
    <form
      className={styles.scale}
      title="Until the next deploy, which runs the number the file asks for"
      onSubmit={(e) => {
        e.preventDefault()
        if (isValid) onScale(replicas)
      }}
    >
      <label className={styles.count}>
        Containers
        <input
          type="number"
          min={0}
          max={stackScaleSchema.shape.replicas.maxValue ?? undefined}
          step={1}
          aria-label={`Containers of ${service}`}
          aria-invalid={!isValid}
          value={text}
          onChange={(e) => {
            setText(e.target.value)
          }}
        />
      </label>
      <Button type="submit" disabled={disabled || !isValid || replicas === count}>
        Scale
      </Button>
    </form>
  )
}
