import type { StackIssue } from '@harbormaster/contract'
import { useMemo } from 'react'
import { forms, texts } from '../ui/index.ts'
import { CodeEditor } from './code-editor.tsx'
import { COMPOSE_FILE, ENV_FILE, issuesToDiagnostics } from './issue-diagnostics.ts'
import { type Validation, useValidation } from './use-validation.ts'
import styles from './stack-files-editor.module.css'

export interface StackFilesProps {
  hostId: string
  name: string
  compose: string
  env: string
  onCompose: (text: string) => void
  onEnv: (text: string) => void
  maskedEnv?: readonly string[]
  readOnly?: boolean
  /** Changes when the files the compose file names change: it is checked again. */
  revision?: number
}

/**
 * The compose file and the `.env` side by side, checked by the server as you type: each issue
 * is marked at its line in its file and listed below (with issues in other files).
 */
export function StackFilesEditor(props: StackFilesProps) {
  const { hostId, name, compose, env, readOnly = false, revision = 0 } = props
  const validation = useValidation(hostId, {
    name: readOnly ? '' : name,
    compose,
    env,
    revision,
  })
  return <CheckedStackFiles {...props} validation={validation} />
}

/** The two editors with a check their page runs (and reads too: the New page's Create). */
export function CheckedStackFiles({
  name,
  compose,
  env,
  onCompose,
  onEnv,
  maskedEnv = [],
  readOnly = false,
  validation,
}: StackFilesProps & { validation: Validation }) {
  const composeMarks = useMemo(
    () => issuesToDiagnostics(validation.compose, COMPOSE_FILE, validation.issues),
    [validation.compose, validation.issues],
  )
  const envMarks = useMemo(
    () => issuesToDiagnostics(validation.env, ENV_FILE, validation.issues),
    [validation.env, validation.issues],
  )
  return (
    <div className={styles.files}>
      <div className={styles.compose}>
        <h3 className={styles.fileName}>{COMPOSE_FILE}</h3>
        <CodeEditor
          label="Compose file"
          value={compose}
          onChange={onCompose}
          language="yaml"
          diagnostics={composeMarks}
          readOnly={readOnly}
        />
      </div>
      <div className={styles.env}>
        <h3 className={styles.fileName}>{ENV_FILE}</h3>
        <CodeEditor
          label="Environment file"
          value={env}
          onChange={onEnv}
          language="env"
          diagnostics={envMarks}
          readOnly={readOnly}
        />
        {maskedEnv.length > 0 && (
          <p className={texts.muted}>
            Values of {maskedEnv.join(', ')} are hidden from you as <code>[masked]</code>; saving a
            masked value unchanged keeps the stored one.
          </p>
        )}
      </div>
      {!readOnly &&
        (name === '' ? (
          // The server checks a file as the project it names (its directory, its `.env`).
          <p className={styles.hint}>The file is checked as you type once the stack has a name.</p>
        ) : (
          <IssueList issues={validation.issues} error={validation.error} />
        ))}
    </div>
  )
}

function IssueList({
  issues,
  error,
}: {
  issues: readonly StackIssue[]
  error: string | undefined
}) {
  if (error !== undefined)
    return <p className={texts.muted}>The file could not be checked: {error}</p>
  if (issues.length === 0) return null
  return (
    <ul className={styles.issues} aria-label="Problems">
      {issues.map((issue, i) => (
        <li key={i} className={issue.kind === 'policy' ? forms.fieldError : undefined}>
          <code>
            {issue.file}:{issue.line}:{issue.column}
          </code>{' '}
          {issue.path !== '' && <code>{issue.path}</code>} {issue.message}
          {issue.kind === 'policy' && ' (not allowed for your role)'}
        </li>
      ))}
    </ul>
  )
}
