/**
 * Whether an IPC message comes from the app's own top-level page. Plain data in, boolean out, so it is tested
 * without Electron. (VS Code's validatedIpcMain and Fiddle's ipcMainManager check the same things.)
 */
import { originOf } from '../../shared/origin';

export interface SenderInfo {
  /** The URL of the frame that sent the message (event.senderFrame.url); null when the frame is gone. */
  frameUrl: string | null;
  /** Whether that frame is the top-level frame of its page (no iframes, ever). */
  isMainFrame: boolean;
  /** Whether the sending web contents is one of the app's own windows. */
  isAppWindow: boolean;
}

export function isTrustedSender(sender: SenderInfo, allowedOrigins: readonly string[]): boolean {
  if (!sender.isAppWindow || !sender.isMainFrame || sender.frameUrl === null) return false;
  const origin = originOf(sender.frameUrl);
  return origin !== null && allowedOrigins.includes(origin);
}
