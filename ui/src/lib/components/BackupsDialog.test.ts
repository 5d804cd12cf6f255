// The Backups dialog against a fake shell: the list with what each backup
// holds, Back up now, a restore asked first and the workspace shown afresh
// after it, a backup that failed its check not offered, and the dialog
// reachable when no workspace could be opened.
import { describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import App from "../../App.svelte";
import { AppState } from "../app.svelte";
import { fakeBackend } from "../../tests/backend";
import type { Backup } from "../bindings/Backup";
import { renderApp } from "../../tests/app";

function made(file: string, at: string, reason: Backup["reason"], events: number, ok = true): Backup {
  return {
    file,
    path: `/home/dana/ws-backups/${file}`,
    created_at: at,
    reason,
    size: 2_400_000,
    events,
    head: "ab".repeat(32),
    ok,
    problem: ok ? null : "it is damaged: page 4 is never used",
    verified_at: at,
  };
}

const LIST = [
  made("ws-20261205-180000-daily.db", "2026-12-05T18:00:00+01:00", "daily", 1480),
  made("ws-20261204-090000-before_bundle.db", "2026-12-04T09:00:00+01:00", "before_bundle", 1200),
  made("ws-20261201-090000-manual.db", "2026-12-01T09:00:00+01:00", "manual", 900, false),
];

const setup = renderApp;

async function openBackups() {
  await screen.findByTestId("library-item");
  await fireEvent.click(screen.getByTestId("workspace-menu"));
  await fireEvent.click(await screen.findByTestId("backups-open"));
  return screen.findByTestId("backups-dialog");
}

describe("the Backups dialog", () => {
  test("lists each backup with why it was made, what it holds and its check; a failed one cannot be restored", async () => {
    setup({ list_backups: () => LIST });
    const dialog = await openBackups();
    const rows = await within(dialog).findAllByTestId("backup");
    expect(rows).toHaveLength(3);
    expect(rows[0].textContent).toContain("Daily");
    expect(rows[0].textContent).toContain("2.3 MB");
    expect(rows[0].textContent).toContain("1480 changes");
    expect(rows[1].textContent).toContain("Before a bundle import");
    expect(within(rows[2]).getByTestId("backup-problem").textContent).toContain("page 4 is never used");
    expect((within(rows[2]).getByTestId("backup-restore") as HTMLButtonElement).disabled).toBe(true);
  });

  test("Back up now makes one and lists it", async () => {
    let list: Backup[] = [];
    const { backend } = setup({
      list_backups: () => list,
      create_backup: () => {
        list = [LIST[0]];
        return LIST[0];
      },
    });
    const dialog = await openBackups();
    expect(await within(dialog).findByTestId("backups-empty")).toBeTruthy();
    await fireEvent.click(within(dialog).getByTestId("backup-now"));
    await waitFor(() => expect(within(dialog).getAllByTestId("backup")).toHaveLength(1));
    expect(backend.callsTo("create_backup")).toHaveLength(1);
  });

  test("Restore… asks first, names what is kept, restores that file and shows the workspace afresh", async () => {
    const { backend } = setup({
      list_backups: () => LIST,
      restore_backup: (args) => ({ from: LIST.find((b) => b.file === args.file), kept_aside: "/home/dana/ws-backups/aside.db" }),
    });
    const dialog = await openBackups();
    const rows = await within(dialog).findAllByTestId("backup");
    await fireEvent.click(within(rows[1]).getByTestId("backup-restore"));
    const message = await screen.findByTestId("confirm-message");
    expect(message.textContent).toContain("1200 changes");
    expect(message.textContent).toContain("at least 280 changes");
    expect(message.textContent).toContain("kept in the backups folder");
    expect(backend.callsTo("restore_backup")).toHaveLength(0);
    const infoCalls = backend.callsTo("workspace_info").length;
    await fireEvent.click(screen.getByTestId("confirm-button"));
    await waitFor(() => expect(backend.lastCallTo("restore_backup")).toEqual({ file: "ws-20261204-090000-before_bundle.db" }));
    await waitFor(() => expect(backend.callsTo("workspace_info").length).toBeGreaterThan(infoCalls));
    expect((await screen.findByText(/Restored the backup of/)).textContent).toContain("restore it from Backups to undo this");
  });

  test("reachable when the workspace could not be opened", async () => {
    Object.defineProperty(window, "innerWidth", { value: 1280, configurable: true });
    fakeBackend([], {
      workspace_info: () => {
        throw { code: "workspace", message: "The workspace /home/dana/ws.db is damaged (page 4 is never used) and was not opened." };
      },
      list_backups: () => LIST,
    });
    const app = new AppState();
    render(App, { props: { app } });
    await fireEvent.click(await screen.findByTestId("no-workspace-backups"));
    const dialog = await screen.findByTestId("backups-dialog");
    expect(await within(dialog).findAllByTestId("backup")).toHaveLength(3);
    expect((within(dialog).getByTestId("backup-now") as HTMLButtonElement).disabled, "nothing open to back up").toBe(true);
  });
});
