// Team access (issue 16) in the web UI against a server of its own: the first admin signs in with
// the admin token as its password and adds an editor and a viewer; the viewer reads everything and
// meets no button that changes anything; the editor creates a dataset but sees no gateway key or
// deployment action, makes a personal API token and changes their password; a session ended by an
// admin asks to sign in again over the grader editor without losing its unsaved script; a role
// taken away shows the server's refusal and hides the buttons; the audit log lists it all.
// Each person has a browser (a cookie jar) of their own.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { adminApi } from "../lib/adminApi.js";
import { openBrowser, openCanvas, screenshot, signIn } from "../lib/browser.js";
import { writeUpload } from "../lib/fixtures.js";
import { startServer } from "../lib/server.js";

const UPLOAD = join(process.env.E2E_WORK, "team-intents.jsonl");
writeUpload(UPLOAD, 60);
const EDITOR = { name: "erin", password: "erin-first-password", role: "editor" };
const VIEWER = { name: "vic", password: "vic-first-password", role: "viewer" };
const EDITOR_NEW_PASSWORD = "erin-second-password";
const SCRIPT = `function grade(input) {
  // written before the session ended (team access)
  return { score: input.sample.output_text.trim() === input.item.reference.output_text ? 1 : 0 };
}`;

let server;
const { api, createDataset } = adminApi(() => server);
const people = {};
let datasetId;

before(async () => {
  server = await startServer();
  datasetId = await createDataset("team-intents", "Route each request to its intent", UPLOAD);
  for (const who of ["admin", "editor", "viewer"]) people[who] = await openBrowser();
});

after(async () => {
  for (const browser of Object.values(people)) await browser.close();
  await server?.stop();
});

/** POST /api/users/:id/sign-out with the admin token (204: no body for adminApi's `api`). */
async function signOutEverywhere(name) {
  const user = (await api("GET", "/api/users")).items.find((candidate) => candidate.name === name);
  const response = await fetch(`${server.url}/api/users/${user.id}/sign-out`, { method: "POST", headers: { Authorization: `Bearer ${server.token}` } });
  assert.equal(response.status, 204);
  return user;
}

const noteOf = (page) => page.getByTestId("read-only-note");

test("the sign-in page names the first admin, refuses a wrong password and returns to the page asked for", async () => {
  const { page } = people.admin;
  await page.goto(server.url + "/users");
  await page.waitForURL(/\/signin$/);
  await page.getByText("The first admin is admin").waitFor();
  await page.getByLabel("Name", { exact: true }).fill("admin");
  await page.getByLabel("Password", { exact: true }).fill("not-the-token");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("alert").filter({ hasText: "Wrong name or password." }).waitFor();
  await screenshot(page, "100-sign-in");

  await page.getByLabel("Password", { exact: true }).fill(server.token);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/users$/);
  await page.getByRole("button", { name: "Signed in as admin (admin)" }).waitFor();
});

test("an admin adds an editor and a viewer, and is told the last admin cannot be demoted", async () => {
  const { page } = people.admin;
  for (const user of [EDITOR, VIEWER]) {
    await page.getByRole("button", { name: "+ Add user" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a user" });
    await dialog.getByLabel(/^Name/).fill(user.name);
    await dialog.getByLabel("Role", { exact: true }).selectOption(user.role);
    await dialog.getByLabel(/^Password/).fill(user.password);
    await dialog.getByRole("button", { name: "Add user" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByTestId("users-notice").filter({ hasText: `Added ${user.name}` }).waitFor();
  }
  const rows = page.getByTestId("user-row");
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="user-row"]').length === 3);
  assert.equal(await rows.filter({ hasText: EDITOR.name }).getByLabel(`Role of ${EDITOR.name}`).inputValue(), "editor");
  assert.equal(await rows.filter({ hasText: VIEWER.name }).getByLabel(`Role of ${VIEWER.name}`).inputValue(), "viewer");

  await page.getByLabel("Role of admin").selectOption("editor");
  await page.getByTestId("users-notice").filter({ hasText: "This is the last admin" }).waitFor();
  await page.waitForFunction(() => document.querySelector('[aria-label="Role of admin"]')?.value === "admin");
  assert.equal((await api("GET", "/api/users")).items.find((user) => user.name === "admin").role, "admin");
  await screenshot(page, "101-users");
});

test("a viewer reads the datasets, the canvas and the audit log, and meets no button that changes them", async () => {
  const { page } = people.viewer;
  await signIn(page, server.url, VIEWER.password, VIEWER.name);
  await page.getByRole("link", { name: "team-intents" }).waitFor();
  await page.getByRole("button", { name: "Signed in as vic (viewer)" }).waitFor();
  assert.equal(await page.getByRole("link", { name: "+ New dataset" }).count(), 0);
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Audit log" }).waitFor();
  assert.equal(await nav.getByRole("link", { name: "Users" }).count(), 0);

  await page.getByRole("button", { name: "Actions for team-intents" }).click();
  assert.deepEqual(await page.getByRole("menuitem").allInnerTexts(), ["Export records (JSONL)"]);
  await page.keyboard.press("Escape");

  await openCanvas(page, server.url, datasetId);
  await noteOf(page).filter({ hasText: "Needs the editor role; you are a viewer." }).first().waitFor();
  assert.equal(await page.getByRole("button", { name: "Dataset settings" }).count(), 0);
  const detail = page.getByTestId("step-detail");
  await detail.getByRole("button", { name: "View records" }).waitFor();
  assert.equal(await detail.getByRole("button", { name: "Append records…" }).count(), 0);
  await page.getByRole("button", { name: "Import / Export ▾" }).click();
  const items = await page.getByRole("menuitem").allInnerTexts();
  assert.ok(items.some((item) => item.startsWith("Download records")), items.join(", "));
  assert.ok(!items.some((item) => /Append|Replace|Upload/.test(item)), items.join(", "));
  await page.keyboard.press("Escape");
  await screenshot(page, "102-viewer-canvas");

  // A record opens read-only, with its stored verdict: no save, no delete, no checkbox to pick it.
  await detail.getByRole("button", { name: "View records" }).click();
  await page.getByTestId("record-row").first().waitFor();
  assert.equal(await page.getByRole("checkbox").count(), 0);
  await page.getByTestId("record-row").first().getByRole("button").click();
  const record = page.getByRole("dialog").last();
  await noteOf(record).waitFor();
  assert.equal(await record.getByRole("button", { name: "Save record" }).count(), 0);
  assert.equal(await record.getByRole("button", { name: "Delete record" }).count(), 0);
  await record.getByRole("button", { name: "Close", exact: true }).first().click();
  await page.keyboard.press("Escape");

  for (const [step, action] of [
    ["topics", "Auto-generate…"],
    ["grader", /Define grader/],
    ["train", "▶ Start training…"],
  ]) {
    await page.locator(`[data-step="${step}"]`).click();
    await detail.waitFor();
    assert.equal(await detail.getByRole("button", { name: action }).count(), 0, `${step}: ${action}`);
  }

  await nav.getByRole("link", { name: "Audit log" }).click();
  await page.getByTestId("audit-row").first().waitFor();
});

test("an editor creates a dataset but sees no gateway key creation, deployment action or Users page", async () => {
  const { page } = people.editor;
  await signIn(page, server.url, EDITOR.password, EDITOR.name);
  assert.equal(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).count(), 0);

  // The page's requests carry the session's CSRF token; one without it is refused.
  const withoutToken = await page.evaluate(() =>
    fetch("/api/datasets", { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"name":"no-token"}' }).then(async (response) => ({
      status: response.status,
      code: (await response.json()).error?.code,
    })),
  );
  assert.deepEqual(withoutToken, { status: 403, code: "csrf_failed" });

  await page.getByRole("link", { name: "+ New dataset" }).click();
  await page.locator('input[type="file"]').setInputFiles(UPLOAD);
  await page.getByLabel("Name", { exact: true }).fill("erin-intents");
  await page.getByRole("button", { name: "Create & start" }).click();
  await page.waitForURL(/\/optimization\/\d+$/);
  await page.getByTestId("health-bar").waitFor();
  await page.getByRole("button", { name: "Dataset settings" }).waitFor();

  await page.goto(server.url + "/gateway?tab=keys");
  await noteOf(page).filter({ hasText: "Needs the admin role; you are an editor." }).waitFor();
  assert.equal(await page.getByRole("button", { name: "Create key" }).count(), 0);

  await openCanvas(page, server.url, datasetId);
  await page.locator('[data-step="deploy"]').click();
  await page.getByTestId("step-detail").getByText("Deploying is for admins.").waitFor();
  assert.equal(await page.getByTestId("deploy-submit").count(), 0);
});

test("the account page shows who you are, makes a personal API token shown once and changes the password", async () => {
  const { page } = people.editor;
  await page.getByRole("button", { name: "Signed in as erin (editor)" }).click();
  await page.getByRole("menuitem", { name: "Account" }).click();
  await page.waitForURL(/\/account$/);
  await page.getByTestId("account-who").filter({ hasText: "erin" }).waitFor();
  // The session's end slides with use (12 hours idle), up to 7 days after signing in: the page says so.
  assert.match(await page.getByTestId("session-end").innerText(), /^Left unused, this session ends on .+; each use moves that later, up to 7 days after you signed in\.$/);

  await page.getByLabel("Current password").fill(EDITOR.password);
  await page.getByLabel(/^New password ·/).fill(EDITOR_NEW_PASSWORD);
  await page.getByLabel("New password again").fill(EDITOR_NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await page.getByRole("status").filter({ hasText: "Password changed." }).waitFor();

  await page.getByLabel("New token name").fill("nightly-export");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByTestId("fresh-token-value").innerText();
  await page.getByTestId("token-row").filter({ hasText: "nightly-export" }).waitFor();
  const asErin = await fetch(`${server.url}/api/session`, { headers: { Authorization: `Bearer ${token}` } }).then((response) => response.json());
  assert.deepEqual([asErin.user.name, asErin.user.role, asErin.via], ["erin", "editor", "token"]);
  await page.getByTestId("fresh-token").scrollIntoViewIfNeeded();
  await screenshot(page, "103-account");
});

test("signed out everywhere by an admin, the editor signs in again over the grader editor and its unsaved script is saved", async () => {
  const { page } = people.editor;
  await openCanvas(page, server.url, datasetId);
  await page.locator('[data-step="grader"]').click();
  await page.getByTestId("step-detail").getByRole("button", { name: /Define grader/ }).click();
  const editor = page.getByTestId("grader-editor");
  const content = editor.locator(".cm-content");
  await content.getByText("function grade(input)").waitFor();
  await content.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(SCRIPT);

  const erin = await signOutEverywhere(EDITOR.name);
  assert.ok(erin.sessions >= 1, "erin had a session to end");
  await page.getByRole("button", { name: "Save grader" }).click();
  const ended = page.getByTestId("session-ended");
  await ended.waitFor();
  await ended.getByText("Sign in again as erin").waitFor();
  await content.getByText("written before the session ended").waitFor();
  await screenshot(page, "105-session-ended");

  await ended.getByLabel("Password").fill("not-her-password");
  await ended.getByRole("button", { name: "Sign in", exact: true }).click();
  await ended.getByRole("alert").filter({ hasText: "Wrong name or password." }).waitFor();
  await ended.getByLabel("Password").fill(EDITOR_NEW_PASSWORD);
  await ended.getByRole("button", { name: "Sign in", exact: true }).click();
  await ended.waitFor({ state: "detached" });
  // The save that met the ended session went through once she was back.
  await page.getByTestId("grader-saved").waitFor();
  assert.equal((await api("GET", `/api/datasets/${datasetId}/grader`)).config.source, SCRIPT);
});

test("a role taken away mid-session: the server's refusal says which role is needed, and the buttons go", async () => {
  const { page } = people.editor;
  const erin = (await api("GET", "/api/users")).items.find((user) => user.name === EDITOR.name);
  await api("PATCH", `/api/users/${erin.id}`, { role: "viewer" });
  const editor = page.getByTestId("grader-editor");
  await editor.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText("\n// one more line");
  await page.getByRole("button", { name: "Save grader" }).click();
  await page.getByText(/needs editor/).first().waitFor();
  await page.getByRole("button", { name: "Signed in as erin (viewer)" }).waitFor();
  await page.getByRole("dialog").getByRole("button", { name: "Close", exact: true }).last().click();
  await page.getByRole("dialog", { name: "Discard the changes?" }).getByRole("button", { name: "Discard changes" }).click();
  await editor.waitFor({ state: "detached" });
  await noteOf(page.getByTestId("step-detail")).waitFor();
  assert.equal(await page.getByTestId("step-detail").getByRole("button", { name: /Edit grader/ }).count(), 0);
  await api("PATCH", `/api/users/${erin.id}`, { role: "editor" });
});

test("a viewer the admin signs out everywhere on the Users page is back at sign-in", async () => {
  const admin = people.admin.page;
  await admin.goto(server.url + "/users");
  await admin.getByRole("button", { name: `Actions for ${VIEWER.name}` }).click();
  await admin.getByRole("menuitem", { name: "Sign out everywhere" }).click();
  const confirm = admin.getByRole("dialog", { name: `Sign ${VIEWER.name} out everywhere?` });
  await confirm.getByText("API tokens are revoked").waitFor();
  await confirm.getByRole("button", { name: "Sign out everywhere" }).click();
  await admin.getByTestId("users-notice").filter({ hasText: `Signed ${VIEWER.name} out everywhere.` }).waitFor();
  assert.equal((await api("GET", "/api/users")).items.find((user) => user.name === VIEWER.name).sessions, 0);

  const { page } = people.viewer;
  await page.reload();
  await page.waitForURL(/\/signin$/);
});

test("the audit log lists the changes newest first, filters by user and action, and exports them", async () => {
  const { page } = people.admin;
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await page.waitForURL(/\/audit$/);
  const rows = page.getByTestId("audit-row");
  await rows.first().waitFor();
  const actions = await rows.evaluateAll((all) => all.map((row) => row.dataset.action));
  for (const action of ["user.create", "dataset.create", "grader.save", "user.sign_out", "user.update"]) assert.ok(actions.includes(action), `${action} in ${actions}`);
  const times = await page.locator(".audit-time").evaluateAll((cells) => cells.map((cell) => Date.parse(cell.getAttribute("title"))));
  assert.deepEqual(times, [...times].sort((a, b) => b - a), "newest first");

  await page.getByLabel("User", { exact: true }).fill(EDITOR.name);
  await page.waitForFunction(() => {
    const names = [...document.querySelectorAll('.audit-table-card:not(.is-stale) [data-testid="audit-row"] td:nth-child(2) strong')].map((cell) => cell.textContent);
    return names.length > 0 && names.every((name) => name === "erin");
  });
  await page.getByLabel(/^Action/).selectOption("dataset.create");
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('.audit-table-card:not(.is-stale) [data-testid="audit-row"]')];
    return rows.length === 1 && rows[0].dataset.action === "dataset.create";
  });
  await screenshot(page, "104-audit-log");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export JSONL" }).click()]);
  const lines = readFileSync(await download.path(), "utf8").split("\n").filter((line) => line !== "").map((line) => JSON.parse(line));
  assert.equal(lines.length, 1);
  assert.deepEqual([lines[0].user_name, lines[0].action], ["erin", "dataset.create"]);
});
