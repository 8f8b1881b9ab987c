export { TimelinePage } from './timeline-page.tsx'
export { TimelinePanel } from './timeline-panel.tsx'
export { timelineKey } from './queries.ts'
