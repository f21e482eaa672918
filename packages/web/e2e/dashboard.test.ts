/**
 * The dashboard in a real browser (Debian's chromium via playwright-core) against the real local
 * stack: the page on its own origin, the API and S3 reached through CORS, the strict CSP in force.
 * Each screen is photographed at 1280×800 and 390×844 (reports/screenshots/) and checked with axe.
 * The delivery states of CONTRACT §6 are tested apart, in delivery-states.test.ts, and the CORS
 * answers without a browser in cors.test.ts. The session and its steps are in dashboard-session.ts.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { requestDownload, sha256 } from "@fleetdrop/testing/harness";
import { describe, expect, it } from "vitest";
import {
  files,
  look,
  page,
  policyViolations,
  recordProgressTexts,
  registerMachine,
  setUpDashboardSession,
  signIn,
  stack,
  WAIT,
} from "./dashboard-session.ts";

const run = promisify(execFile);

setUpDashboardSession();

// Each step photographs and checks its screen twice: generous on a shared, busy machine.
describe("the dashboard, signed in with the admin token", { timeout: 180_000 }, () => {
  let pressToken: string;

  it("refuses a wrong token with a clear message, then signs in with the right one", async () => {
    await page.goto(stack.webUrl);
    await page.getByLabel("Admin token").waitFor(WAIT);
    await look("sign-in");
    await signIn("fda_not-the-admin-token-at-all-0000000000000");
    await expect(page.getByRole("alert").textContent(WAIT)).resolves.toMatch(/did not accept that token/);

    await signIn(stack.adminToken);
    await page.getByRole("heading", { name: "Fleet" }).waitFor(WAIT);
    expect(page.url()).not.toContain(stack.adminToken);
    expect(await page.evaluate<string>("JSON.stringify({ ...localStorage })")).not.toContain(stack.adminToken);
  });

  it("registers a machine and shows its token once, with a working setup line", async () => {
    pressToken = await registerMachine("press-01", "Hall A, line 2");
    expect(pressToken).toMatch(/^fdm_/);
    const setup = await page.locator("pre").textContent();
    expect(setup).toContain(`${stack.url}/download?machine_id=press-01`);
    expect(setup).toContain(pressToken);
    // The token works: the machine has no file yet (404), where a wrong token gets 401.
    expect((await requestDownload(stack.url, "press-01", pressToken)).status).toBe(404);
    expect((await requestDownload(stack.url, "press-01", `${pressToken}x`)).status).toBe(401);
    await look("register");
  });

  it("uploads 30 MiB straight to S3 with progress to 100% and shows it active; curl gets the same bytes", async () => {
    const content = randomBytes(30 * 1024 * 1024);
    const path = join(files, "firmware-2.4.bin");
    await writeFile(path, content);

    await page.goto(`${stack.webUrl}/#/machines/press-01`);
    await page.getByRole("heading", { name: "press-01" }).waitFor(WAIT);
    await page.getByLabel(/Drop a file here/).setInputFiles(path);
    await page.evaluate(recordProgressTexts);
    await page.getByRole("button", { name: "Upload to press-01" }).click();
    const outcome = page.getByTestId("upload-outcome");
    await outcome.waitFor({ timeout: 60_000 });
    expect(await outcome.textContent()).toMatch(/active/);

    const seen = await page.evaluate<string[]>("window.progressSeen");
    expect(
      seen.some((text) => text.startsWith("Hashing")),
      `progress lines: ${seen.join(" | ")}`,
    ).toBe(true);
    expect(
      seen.some((text) => /^Sen(ding|t) .*30\.0 MiB \(100%\)/.test(text)),
      `progress lines: ${seen.join(" | ")}`,
    ).toBe(true);

    const machine = (await stack.api("GET", "/machines/press-01")).body;
    expect(machine.file).toMatchObject({ filename: "firmware-2.4.bin", size: content.length, sha256: sha256(content) });
    const downloaded = join(files, "downloaded.bin");
    await run("curl", [
      "-fsSL",
      "-H",
      `Authorization: Bearer ${pressToken}`,
      `${stack.url}/download?machine_id=press-01`,
      "-o",
      downloaded,
    ]);
    expect(sha256(await readFile(downloaded))).toBe(sha256(content));

    await page.getByRole("cell", { name: "firmware-2.4.bin" }).first().waitFor(WAIT);
    await look("machine");
  });

  it("bulk-uploads by file name: previews matched and unknown names, sends only the matched, sums up", async () => {
    const ids = ["kiosk-1", "kiosk-2", "kiosk-3", "kiosk.4"];
    for (const id of ids) await stack.registerMachine(id);
    const contents = new Map(ids.map((id) => [id, randomBytes(256 * 1024 + ids.indexOf(id))]));
    const paths: string[] = [];
    for (const [id, content] of contents) {
      paths.push(join(files, `${id}.tar.gz`));
      await writeFile(paths[paths.length - 1]!, content);
    }
    paths.push(join(files, "nobody-here.bin"));
    await writeFile(paths[paths.length - 1]!, "no machine has this name");

    await page.goto(`${stack.webUrl}/#/bulk`);
    await page.getByLabel("Drop files here or choose them").setInputFiles(paths);
    await page.getByRole("heading", { name: "4 matched, 1 not matched" }).waitFor(WAIT);
    expect(await page.getByTestId("bulk-unmatched").textContent()).toContain("nobody-here.bin");
    expect(await page.getByTestId("bulk-matched").allTextContents()).toHaveLength(4);
    // Nothing is sent before the operator starts it.
    expect((await stack.api("GET", "/machines/kiosk-1")).body.file).toBeNull();
    await look("bulk-preview");

    await page.getByRole("button", { name: "Upload 4 files" }).click();
    await page
      .getByTestId("bulk-summary")
      .filter({ hasText: "4 active, 0 rejected, 0 failed, 1 skipped" })
      .waitFor({ timeout: 60_000 });
    for (const [id, content] of contents) {
      expect((await stack.api("GET", `/machines/${id}`)).body.file?.sha256, id).toBe(sha256(content));
    }
    await look("bulk-done");
  });

  it("lists the fleet with search and state filter", async () => {
    await page.goto(`${stack.webUrl}/#/`);
    const rows = page.locator("table.fleet tbody tr");
    await rows.nth(4).waitFor(WAIT);
    expect(await rows.count()).toBe(5);
    await page.getByText("Latest upload").waitFor(WAIT);
    await page.locator("table.fleet .badge", { hasText: "active" }).nth(4).waitFor(WAIT);
    await look("fleet");

    await page.getByLabel("Search").fill("kiosk");
    await expect.poll(() => rows.count(), { message: "rows matching 'kiosk'", timeout: 10_000 }).toBe(4);
    await page.getByLabel("Search").fill("Hall A");
    await expect.poll(() => rows.count(), { message: "rows matching the label 'Hall A'", timeout: 10_000 }).toBe(1);
    await page.getByLabel("Search").fill("");
    await page.getByLabel("State").selectOption("no_file");
    await expect.poll(() => rows.count(), { message: "rows with no file", timeout: 10_000 }).toBe(0);
    await page.getByLabel("State").selectOption("all");
    await expect.poll(() => rows.count(), { message: "all rows again", timeout: 10_000 }).toBe(5);
  });

  it("offers every machine on the upload screen", async () => {
    await page.goto(`${stack.webUrl}/#/upload`);
    const machine = page.getByLabel("Machine", { exact: true });
    await machine.locator("option", { hasText: "kiosk.4" }).waitFor({ state: "attached", ...WAIT });
    await machine.selectOption("press-01");
    await page.getByRole("heading", { name: "Upload a new file" }).waitFor(WAIT);
    await look("upload");
  });

  it("rotates a token: the new one is shown once and the old one is refused", async () => {
    await page.goto(`${stack.webUrl}/#/machines/press-01`);
    await page.getByRole("button", { name: "Rotate token" }).click();
    await page.getByRole("button", { name: "Rotate now" }).click();
    await page.getByRole("heading", { name: "Token for press-01" }).waitFor(WAIT);
    const rotated = await page.getByLabel("Machine token").inputValue();
    expect(rotated).toMatch(/^fdm_/);
    expect(rotated).not.toBe(pressToken);
    expect((await requestDownload(stack.url, "press-01", pressToken)).status).toBe(401);
    expect((await requestDownload(stack.url, "press-01", rotated)).status).toBe(302);
    await look("rotated");
  });

  it("removes a machine only after its id is typed", async () => {
    await page.goto(`${stack.webUrl}/#/machines/kiosk.4`);
    const remove = page.getByRole("button", { name: "Remove kiosk.4" });
    await remove.waitFor(WAIT);
    await page.getByLabel(/to confirm/).fill("kiosk");
    expect(await remove.isDisabled()).toBe(true);
    await page.getByLabel(/to confirm/).fill("kiosk.4");
    await remove.click();
    await page.getByRole("heading", { name: "Fleet" }).waitFor(WAIT);
    expect((await stack.api("GET", "/machines/kiosk.4")).status).toBe(404);
  });

  it("signs out, forgetting the token, and kept to the CSP throughout", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Admin token").waitFor(WAIT);
    expect(await page.evaluate<string>("JSON.stringify({ ...sessionStorage, ...localStorage })")).not.toContain(
      stack.adminToken,
    );
    await page.reload();
    await page.getByLabel("Admin token").waitFor(WAIT);
    expect(policyViolations).toEqual([]);
  });
});
