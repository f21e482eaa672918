/**
 * The browser session dashboard.test.ts drives: a local stack and Debian's chromium started before
 * the file's tests (by `setUpDashboardSession`), one page whose CSP violations are collected, a temp
 * dir for files, and the steps the tests share: photograph-and-check, sign in, register a machine.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type RunningStack, startStack } from "@fleetdrop/testing/harness";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { accessibilityProblems, type Browser, launchBrowser, viewports } from "./browser.ts";

const screenshots = fileURLToPath(new URL("../../../reports/screenshots/", import.meta.url));
export const WAIT = { timeout: 30_000 };

// Set by `setUpDashboardSession` before the file's tests run (live bindings).
export let stack: RunningStack;
let browser: Browser;
export let page: Page;
export let files: string;
export const policyViolations: string[] = [];

export function setUpDashboardSession(): void {
  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
    files = await mkdtemp(join(tmpdir(), "fleetdrop-web-"));
    await mkdir(screenshots, { recursive: true });
    page = await browser.context.newPage();
    page.on("console", (message) => {
      if (/Content.Security.Policy/i.test(message.text())) policyViolations.push(message.text());
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (files) await rm(files, { recursive: true, force: true });
  });
}

/** Page script: keeps every distinct progress line the upload panel shows, in window.progressSeen. */
export const recordProgressTexts = `(() => {
  const seen = (window.progressSeen = []);
  new MutationObserver(() => {
    const text = document.querySelector('[data-testid="progress-text"]')?.textContent;
    if (text && seen[seen.length - 1] !== text) seen.push(text);
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
})()`;

/** Photographs the screen at both sizes and checks it with axe at both: desktop light, phone dark. */
export async function look(name: string): Promise<void> {
  for (const [size, viewport] of Object.entries(viewports)) {
    await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme: size === "phone" ? "dark" : "light" });
    await page.screenshot({ path: join(screenshots, `${name}-${size}.png`), fullPage: size === "phone" });
    const pageWidth = await page.evaluate<number>("document.documentElement.scrollWidth");
    expect(pageWidth, `${name} at ${viewport.width}px scrolls sideways`).toBeLessThanOrEqual(viewport.width);
    expect(await accessibilityProblems(page), `axe on ${name} at ${viewport.width}px`).toEqual([]);
  }
  await page.setViewportSize(viewports.desktop);
  await page.emulateMedia({ colorScheme: "light" });
}

export async function signIn(token: string) {
  await page.getByLabel("Admin token").fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function registerMachine(machineId: string, label: string): Promise<string> {
  await page.goto(`${stack.webUrl}/#/register`);
  await page.getByLabel("Machine id").fill(machineId);
  await page.getByLabel("Label (optional)").fill(label);
  await page.getByRole("button", { name: "Register" }).click();
  await page.getByRole("heading", { name: `Token for ${machineId}` }).waitFor(WAIT);
  return page.getByLabel("Machine token").inputValue();
}
