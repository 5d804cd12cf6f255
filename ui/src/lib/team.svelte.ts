// The team hub in the window: the Team dialog (join: address, login,
// password, Test connection; joined: where the desk stands, who is
// connected, Sync now, Leave) and the top bar's sync status, fed by the
// shell's background sync (`team-status`). When the team's changes are
// merged (`team-changed`), what is shown is read again: a colleague's
// approval appears without a reload. Part of AppState (`app.team`).

import * as api from "./api";
import type { AppState } from "./app.svelte";
import { plural } from "./article";
import type { HubStatus } from "./bindings/HubStatus";
import type { Member } from "./bindings/Member";
import type { SyncReport } from "./bindings/SyncReport";
import type { TeamSignal } from "./bindings/TeamSignal";

/** The top bar's words for the background sync's state. */
export function signalLabel(signal: TeamSignal | null, joined: boolean): string {
  if (!joined) return "";
  if (signal === null) return "Team";
  const waiting = signal.pending_out > 0 ? ` · ${plural(signal.pending_out, "change", "changes")} waiting` : "";
  switch (signal.state) {
    case "synced":
      return "Team: synced";
    case "syncing":
      return "Team: syncing…";
    case "offline":
      return `Team: offline${waiting}`;
    case "refused":
      return "Team: a change was refused";
  }
}

/** What a sync brought, in a sentence; null when it brought nothing. */
export function reportSentence(report: SyncReport): string | null {
  const parts: string[] = [];
  if (report.pulled > 0) parts.push(`${plural(report.pulled, "change", "changes")} from the team`);
  if (report.conflicts > 0) parts.push(`${plural(report.conflicts, "conflict", "conflicts")} to settle`);
  return parts.length === 0 ? null : parts.join(", ");
}

export class TeamState {
  readonly #app: AppState;

  /** Where the desk stands; null when the workspace has not joined a hub. */
  status = $state<HubStatus | null>(null);
  /** The background sync's latest word. */
  signal = $state<TeamSignal | null>(null);
  loading = $state(false);
  /** The join form. */
  address = $state("");
  login = $state("");
  password = $state("");
  busy = $state<"check" | "join" | "sync" | "leave" | null>(null);
  /** Who the login is, after Test connection. */
  checked = $state<Member | null>(null);
  error = $state<api.ApiError | null>(null);

  constructor(app: AppState) {
    this.#app = app;
  }

  get joined(): boolean {
    return this.status !== null;
  }

  get label(): string {
    return signalLabel(this.signal, this.joined);
  }

  /** Subscribes to the shell's sync events; returns the subscriptions. */
  subscriptions(): Promise<api.UnlistenFn>[] {
    return [api.onTeamStatus((signal) => this.signalled(signal)), api.onTeamChanged((report) => void this.changed(report))];
  }

  open(): void {
    this.error = null;
    this.checked = null;
    this.#app.dialog = "team";
    void this.refresh();
  }

  async refresh(): Promise<void> {
    this.loading = true;
    try {
      const view = await api.teamStatus();
      this.status = view.hub;
      // The sync's word from before this window listened, unless a newer one came.
      if (view.signal && this.signal === null) this.signal = view.signal;
    } catch (error) {
      this.#app.report(error);
    } finally {
      this.loading = false;
    }
  }

  private signalled(signal: TeamSignal): void {
    const before = this.signal?.state;
    this.signal = signal;
    if (signal.state === "refused" && before !== "refused" && signal.message) {
      // The news of the change just set back ("Verdict approved", its
      // Undo) no longer holds.
      this.#app.dismissNews();
      this.#app.report({ code: "not_allowed", message: `The team hub refused a change, and it was set back here: ${signal.message}` });
    }
    if (this.status === null) void this.refresh();
  }

  private async changed(report: SyncReport): Promise<void> {
    const sentence = reportSentence(report);
    await this.#app.people.reloadUsers();
    await this.#app.people.reloadShown();
    if (sentence) this.#app.notify(`Synced: ${sentence}.`);
    if (this.#app.dialog === "team") void this.refresh();
  }

  private async run<T>(what: "check" | "join" | "sync" | "leave", work: () => Promise<T>): Promise<T | null> {
    if (this.busy) return null;
    this.busy = what;
    this.error = null;
    try {
      return await work();
    } catch (error) {
      this.error = api.toApiError(error);
      return null;
    } finally {
      this.busy = null;
    }
  }

  get canConnect(): boolean {
    return this.address.trim() !== "" && this.login.trim() !== "" && this.password !== "" && this.busy === null;
  }

  async check(): Promise<void> {
    if (!this.canConnect) return;
    this.checked = await this.run("check", () => api.teamCheck(this.address.trim(), this.login.trim(), this.password));
  }

  async join(): Promise<void> {
    if (!this.canConnect) return;
    const joined = await this.run("join", () => api.teamJoin(this.address.trim(), this.login.trim(), this.password));
    if (!joined) return;
    this.password = "";
    this.checked = null;
    await this.refresh();
    // The member is now the workspace's user, and the team's work is here.
    await this.#app.people.reloadUsers();
    this.#app.dataChanged();
    await this.#app.people.reloadShown();
    this.#app.notify(`Joined the team as ${joined.name} (${joined.role}).`);
  }

  async syncNow(): Promise<void> {
    const report = await this.run("sync", () => api.teamSync());
    if (report) await this.refresh();
  }

  leave(): void {
    this.#app.confirm({
      title: "Leave the team hub?",
      message: "This workspace stops syncing with the team. It keeps everything it has; you can join again later.",
      confirmLabel: "Leave",
      run: async () => {
        const left = await this.run("leave", () => api.teamLeave());
        if (left === null && this.error) {
          this.#app.report(this.error);
          return;
        }
        this.status = null;
        this.signal = null;
        this.#app.notify("This workspace left the team hub.");
      },
    });
  }
}
