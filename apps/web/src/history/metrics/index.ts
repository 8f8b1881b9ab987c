export { HistorySettingsDialog, useHistoryDialog } from './history-settings-dialog.tsx'
export { ContainerHistory, HostHistory } from './metric-history-view.tsx'
export { type ChartRange, RangePicker } from './range-picker.tsx'
