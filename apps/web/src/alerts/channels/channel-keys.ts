/** Query keys of the channels page, shared by the list, the dialogs and the delivery log. */
export const channelKeys = {
  all: ['alerts', 'channels'] as const,
  deliveries: (id: string) => ['alerts', 'channels', id, 'deliveries'] as const,
}
