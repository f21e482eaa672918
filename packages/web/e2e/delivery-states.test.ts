/**
 * The dashboard's delivery view, written against CONTRACT §6 (delivery feedback): GET /fleet,
 * `delivery`/`stale`/`lastSeenAt` on machines, POST /reports and the download log. Not in the
 * default run until the API has §6 (vitest.config.ts lists the browser tests it runs); then add
 * this file there. Every expectation here needs §6 and fails without it.
 */

import { type RunningStack, requestDownload, startStack } from "@fleetdrop/testing/harness";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessibilityProblems, type Browser, launchBrowser } from "./browser.ts";

const WAIT = { timeout: 30_000 };

let stack: RunningStack;
let browser: Browser;
let page: Page;
const tokens: Record<string, string> = {};
const uploads: Record<string, string> = {};

async function report(machineId: string, status: "installed" | "failed", extra: Record<string, unknown> = {}) {
  const response = await fetch(`${stack.url}/reports`, {
    method: "POST",
    headers: { Authorization: `Bearer ${tokens[machineId]}`, "Content-Type": "application/json" },
    body: JSON.stringify({ machineId, uploadId: uploads[machineId], status, ...extra }),
  });
  expect(response.status, `POST /reports for ${machineId}`).toBe(204);
}

function row(machineId: string) {
  return page.locator("table.fleet tbody tr", { has: page.getByRole("link", { name: machineId, exact: true }) });
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  for (const id of ["fresh", "fetched", "done", "broken", "empty"]) tokens[id] = await stack.registerMachine(id);
  for (const id of ["fresh", "fetched", "done", "broken"]) {
    uploads[id] = (await stack.upload(id, Buffer.from(`file for ${id}`), `${id}.bin`)).intent.uploadId;
  }
  for (const id of ["fetched", "done", "broken"]) {
    expect((await requestDownload(stack.url, id, tokens[id], { "User-Agent": "fleetdrop-agent/1" })).status).toBe(302);
  }
  await report("done", "installed");
  await report("broken", "failed", { message: "checksum of unpacked image differs", exitCode: 3 });

  page = await browser.context.newPage();
  await page.goto(stack.webUrl);
  await page.getByLabel("Admin token").fill(stack.adminToken);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Fleet" }).waitFor(WAIT);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe("delivery states in the fleet (CONTRACT §6)", () => {
  it("shows each machine's state from the API after the machines poll and report", async () => {
    const expected: Record<string, string> = {
      fresh: "Waiting",
      fetched: "Downloaded",
      done: "Installed",
      broken: "Failed",
      empty: "No file",
    };
    for (const [id, badge] of Object.entries(expected)) {
      await row(id).locator(".badge", { hasText: badge }).first().waitFor(WAIT);
    }
    expect(await row("broken").locator(".badge", { hasText: "Failed" }).getAttribute("title")).toContain(
      "checksum of unpacked image differs",
    );
    expect(await row("fetched").locator('[data-label="Last seen"]').textContent()).toContain("just now");
  });

  it("takes the summary from GET /fleet, with the counts only it knows", async () => {
    const tile = (label: string) => page.locator(".summary .tile", { hasText: label }).locator("dd");
    await expect.poll(() => tile("Machines").textContent(), { message: "machines tile", timeout: 15_000 }).toBe("5");
    expect(await tile("Up to date").textContent()).toBe("2");
    expect(await tile("Waiting").textContent()).toBe("1");
    expect(await tile("Failed").textContent()).toBe("1");
    expect(await tile("Rejected uploads (24 h)").textContent()).toBe("0");
    expect(await tile("Stale").textContent()).toBe("2");
  });

  it("filters by state and by staleness", async () => {
    const rows = page.locator("table.fleet tbody tr");
    await page.getByLabel("State").selectOption("installed");
    await expect.poll(() => rows.count(), { message: "installed rows", timeout: 10_000 }).toBe(1);
    await page.getByLabel("State").selectOption("stale");
    await expect
      .poll(() => rows.count(), { message: "stale rows (fresh and empty never polled)", timeout: 10_000 })
      .toBe(2);
    await page.getByLabel("State").selectOption("all");
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("shows the machine's download log and what it reported", async () => {
    await page.goto(`${stack.webUrl}/#/machines/broken`);
    const log = page.getByRole("region", { name: "Download log table" });
    await log.getByText("fleetdrop-agent/1").waitFor(WAIT);
    expect(await log.getByText(uploads.broken!).count()).toBe(1);
    await page.getByText("checksum of unpacked image differs (exit 3)").waitFor(WAIT);
  });
});
