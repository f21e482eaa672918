/**
 * The admin token for this tab only: sessionStorage survives a reload but not the tab, and is not
 * shared with other tabs. Never localStorage, the URL or a log.
 */
const KEY = "fleetdrop.adminToken";

export const session = {
  read(): string | null {
    try {
      return sessionStorage.getItem(KEY);
    } catch {
      return null;
    }
  },
  write(token: string): void {
    try {
      sessionStorage.setItem(KEY, token);
    } catch {
      // Storage disabled: the token then lives in memory only, until reload.
    }
  },
  clear(): void {
    try {
      sessionStorage.removeItem(KEY);
    } catch {
      // nothing stored
    }
  },
};
