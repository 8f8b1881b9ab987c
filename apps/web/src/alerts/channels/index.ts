export { ChannelsPanel } from './channels-panel.tsx'
export { channelsQuery } from './channel-keys.ts'
