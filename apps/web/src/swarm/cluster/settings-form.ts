import { type ClusterSettings, clusterSettingsSchema } from '@harbormaster/contract'

/** The settings form as typed: numbers as text, so a half-typed value is not lost. */
export interface SettingsDraft {
  taskHistoryLimit: string
  heartbeatPeriodSeconds: string
  nodeCertExpirySeconds: string
  autolock: boolean
}

export type NumberSetting = Exclude<keyof ClusterSettings, 'autolock'>

export const toDraft = (settings: ClusterSettings): SettingsDraft => ({
  taskHistoryLimit: String(settings.taskHistoryLimit),
  heartbeatPeriodSeconds: String(settings.heartbeatPeriodSeconds),
  nodeCertExpirySeconds: String(settings.nodeCertExpirySeconds),
  autolock: settings.autolock,
})

/** The server's bounds for one setting, for the input's min and max. */
export function boundsOf(key: NumberSetting): { min?: number; max?: number } {
  const shape = clusterSettingsSchema.shape[key]
  return {
    ...(shape.minValue === null ? {} : { min: shape.minValue }),
    ...(shape.maxValue === null ? {} : { max: shape.maxValue }),
  }
}

/**
 * What the PATCH should change (only settings that differ from `current`), or the problem of
 * each field the server would refuse, in the server's bounds.
 */
export function settingsChange(
  current: ClusterSettings,
  draft: SettingsDraft,
): { change: Partial<ClusterSettings>; problems: Partial<Record<NumberSetting, string>> } {
  const change: Partial<ClusterSettings> = {}
  const problems: Partial<Record<NumberSetting, string>> = {}
  for (const key of [
    'taskHistoryLimit',
    'heartbeatPeriodSeconds',
    'nodeCertExpirySeconds',
  ] as const) {
    const text = draft[key].trim()
    const parsed = clusterSettingsSchema.shape[key].safeParse(
      text === '' ? Number.NaN : Number(text),
    )
    if (!parsed.success) {
      const { min, max } = boundsOf(key)
      problems[key] = `Enter a number from ${min ?? 0} to ${max ?? '∞'}`
    } else if (parsed.data !== current[key]) change[key] = parsed.data
  }
  if (draft.autolock !== current.autolock) change.autolock = draft.autolock
  return { change, problems }
}
