import { dockerServiceCreateCommand, type ServiceCreateInput } from '@harbormaster/contract'
import { CopyButton, layout, texts } from '../../ui/index.ts'

/** The form's service as the `docker service create` a CLI user would type, live. */
export function PreviewPanel({
  settings,
  hasProblems,
}: {
  settings: ServiceCreateInput | undefined
  hasProblems: boolean
}) {
  const command = settings === undefined ? undefined : dockerServiceCreateCommand(settings)
  return (
    <aside className={layout.card} aria-label="Command preview">
      <div className={layout.cardHead}>
        <h2>As docker service create</h2>
        {command !== undefined && <CopyButton value={command} label="Copy command" />}
      </div>
      {command !== undefined ? (
        <pre className={texts.codeBlock} data-testid="service-create-command">
          {command}
        </pre>
      ) : (
        <p className={texts.muted}>
          {hasProblems
            ? 'Fill in a name and an image, and fix what the form points out, to see the command.'
            : 'Fill in a name and an image to see the command.'}
        </p>
      )}
    </aside>
  )
}
