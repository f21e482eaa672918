/** How often the screens re-read the API: the dashboard shows the fleet live, without a reload button. */
export const REFRESH_MS = 5000;
