/** The retry policy lives with the HTTP layer every outbound call goes through (../net/retry.ts). */
export * from '../net/retry';
