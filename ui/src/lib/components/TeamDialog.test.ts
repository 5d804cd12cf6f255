// The Team dialog and the top bar's sync status against a fake shell:
// joining (Test connection says who you are; Join sends the parts and shows
// where the desk stands), a refused login's message, the status pill
// following the background sync, a colleague's change reloading what is
// shown, and a refusal shown as an error.
import { describe, expect, test } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/svelte";
import type { HubStatus } from "../bindings/HubStatus";
import { reportSentence, signalLabel } from "../team.svelte";
import { renderApp } from "../../tests/app";

const STATUS: HubStatus = {
  url: "postgres://erik@hub.example.org/claimtrail_team",
  login: "erik",
  role: "editor",
  online: true,
  problem: null,
  last_push: "2026-12-05T10:00:00+00:00",
  last_pull: "2026-12-05T10:00:01+00:00",
  pending_out: 0,
  pending_in: 0,
  refusals: [],
  connected: ["Dana Okafor", "Erik Lund"],
};

const setup = renderApp;

async function openTeam() {
  await screen.findByTestId("library-item");
  await fireEvent.click(screen.getByTestId("workspace-menu"));
  await fireEvent.click(await screen.findByTestId("team-open"));
}

describe("words", () => {
  test("the pill says the sync's state and what waits", () => {
    expect(signalLabel(null, false)).toBe("");
    expect(signalLabel({ state: "synced", pending_out: 0, message: null }, true)).toBe("Team: synced");
    expect(signalLabel({ state: "offline", pending_out: 3, message: "cannot be reached" }, true)).toBe("Team: offline · 3 changes waiting");
    expect(signalLabel({ state: "refused", pending_out: 0, message: "x" }, true)).toBe("Team: a change was refused");
    expect(reportSentence({ pushed: 2, pulled: 0, conflicts: 0, refused: [] })).toBeNull();
    expect(reportSentence({ pushed: 0, pulled: 1, conflicts: 2, refused: [] })).toBe("1 change from the team, 2 conflicts to settle");
  });
});

describe("joining", () => {
  test("Test connection says who the login is; Join sends the parts and shows where the desk stands", async () => {
    let joined = false;
    const { backend } = setup({
      team_status: () => ({ hub: joined ? STATUS : null, signal: null }),
      team_check: () => ({ login: "erik", user_id: "u2", name: "Erik Lund", initials: "EL", color: "#3f8f5a", role: "editor", added_at: "x" }),
      team_join: () => {
        joined = true;
        return { login: "erik", name: "Erik Lund", role: "editor", sync: { pushed: 0, pulled: 12, conflicts: 0, refused: [] } };
      },
    });
    await openTeam();
    const form = await screen.findByTestId("team-join-form");
    expect(within(form).getByTestId("team-join")).toHaveProperty("disabled", true);
    await fireEvent.input(within(form).getByTestId("team-address"), { target: { value: "hub.example.org/claimtrail_team" } });
    await fireEvent.input(within(form).getByTestId("team-login"), { target: { value: "erik" } });
    await fireEvent.input(within(form).getByTestId("team-password"), { target: { value: "erik-password-1" } });
    await fireEvent.click(within(form).getByTestId("team-check"));
    expect((await screen.findByTestId("team-checked")).textContent).toContain("Signed in as Erik Lund, editor on this team.");
    expect(backend.lastCallTo("team_check")).toEqual({ address: "hub.example.org/claimtrail_team", login: "erik", password: "erik-password-1" });

    await fireEvent.click(within(form).getByTestId("team-join"));
    const status = await screen.findByTestId("team-status");
    expect(status.textContent).toContain("erik · editor");
    expect(within(status).getByTestId("team-connected").textContent).toBe("Dana Okafor, Erik Lund");
    expect(backend.callsTo("team_join")).toHaveLength(1);
    expect((await screen.findByTestId("notice")).textContent).toContain("Joined the team as Erik Lund (editor).");
    expect(screen.getByTestId("team-pill").textContent).toContain("Team");
  });

  test("a refused password shows the hub's reason in the dialog and joins nothing", async () => {
    const { backend } = setup({
      team_join: () => {
        throw { code: "hub", message: "The hub at hub.example.org:5432 refused the password for erik." };
      },
    });
    await openTeam();
    const form = await screen.findByTestId("team-join-form");
    await fireEvent.input(within(form).getByTestId("team-address"), { target: { value: "hub.example.org/claimtrail_team" } });
    await fireEvent.input(within(form).getByTestId("team-login"), { target: { value: "erik" } });
    await fireEvent.input(within(form).getByTestId("team-password"), { target: { value: "wrong" } });
    await fireEvent.click(within(form).getByTestId("team-join"));
    expect((await screen.findByTestId("team-error")).textContent).toContain("refused the password for erik");
    expect(backend.callsTo("team_join")).toHaveLength(1);
    expect(screen.queryByTestId("team-pill")).toBeNull();
  });
});

describe("joined", () => {
  test("the pill follows the background sync; a colleague's change reloads what is shown", async () => {
    const { backend } = setup({ team_status: () => ({ hub: STATUS, signal: null }) });
    const pill = await screen.findByTestId("team-pill");
    await backend.emit("team-status", { state: "offline", pending_out: 2, message: "The hub cannot be reached." });
    await waitFor(() => expect(pill.textContent).toContain("Team: offline · 2 changes waiting"));
    expect(pill.getAttribute("data-state")).toBe("offline");
    await backend.emit("team-status", { state: "synced", pending_out: 0, message: null });
    await waitFor(() => expect(pill.textContent).toContain("Team: synced"));

    const before = backend.callsTo("list_articles_page").length;
    await backend.emit("team-changed", { pushed: 0, pulled: 3, conflicts: 0, refused: [] });
    await waitFor(() => expect(backend.callsTo("list_articles_page").length).toBeGreaterThan(before));
    expect((await screen.findByTestId("notice")).textContent).toContain("Synced: 3 changes from the team.");
  });

  test("a refused change is shown as an error with the hub's reason, and the news of it goes", async () => {
    const { backend } = setup({ team_status: () => ({ hub: STATUS, signal: null }) });
    await screen.findByTestId("team-pill");
    // The news of the change the hub then refuses ("Verdict approved").
    await backend.emit("team-changed", { pushed: 0, pulled: 1, conflicts: 0, refused: [] });
    await screen.findByTestId("notice");
    await backend.emit("team-status", {
      state: "refused",
      pending_out: 0,
      message: "Only editors and admins approve verdicts; Carl Berg is a reporter on this team.",
    });
    expect((await screen.findByTestId("error-banner")).textContent).toContain("Only editors and admins approve verdicts");
    expect(screen.queryByTestId("notice")).toBeNull();
  });

  test("Sync now and Leave (after asking)", async () => {
    let joined = true;
    const { backend } = setup({
      team_status: () => ({ hub: joined ? STATUS : null, signal: null }),
      team_sync: () => ({ pushed: 1, pulled: 0, conflicts: 0, refused: [] }),
      team_leave: () => {
        joined = false;
        return null;
      },
    });
    await screen.findByTestId("team-pill");
    await fireEvent.click(screen.getByTestId("team-pill"));
    await fireEvent.click(await screen.findByTestId("team-sync"));
    await waitFor(() => expect(backend.callsTo("team_sync")).toHaveLength(1));
    await fireEvent.click(screen.getByTestId("team-leave"));
    await fireEvent.click(await screen.findByTestId("confirm-button"));
    await waitFor(() => expect(backend.callsTo("team_leave")).toHaveLength(1));
    await waitFor(() => expect(screen.queryByTestId("team-pill")).toBeNull());
  });
});
