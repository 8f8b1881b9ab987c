/** The admin user list's query key, shared by the panel and the dialogs that change users. */
export const usersKey = ['admin', 'users'] as const
