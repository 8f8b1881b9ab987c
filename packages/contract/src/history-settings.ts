import { z } from 'zod'

/**
 * What a terminal session's recording keeps: nothing, what the container printed, or that and
 * what the user typed (passwords typed at a prompt included, so it is the admin's choice).
 */
export const recordingModeSchema = z.enum(['off', 'output', 'output-and-input'])
export type RecordingMode = z.infer<typeof recordingModeSchema>

/** A host's history settings: what Harbormaster keeps beyond what it always keeps. */
export const historySettingsSchema = z.object({
  /** Metric history (CPU, memory, network, block I/O) kept for this host's containers. */
  metrics: z.boolean(),
  /** Terminal sessions recorded as asciicast files; users see a banner in the terminal. */
  recording: recordingModeSchema,
  /** Who last changed them; null: never changed (the defaults). */
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
})
export type HistorySettings = z.infer<typeof historySettingsSchema>

export const historySettingsInputSchema = z.strictObject({
  metrics: z.boolean(),
  recording: recordingModeSchema,
})
export type HistorySettingsInput = z.infer<typeof historySettingsInputSchema>
