export { ChannelsPanel } from './channels-panel.tsx'
