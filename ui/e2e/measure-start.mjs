// Not a test: measures, for issue 7, how long the real window takes from
// launch to the first library row, and its memory after sitting idle.
//
//   CLAIMTRAIL_APP=target/release/claimtrail-app \
//   xvfb-run -a -s "-screen 0 1280x800x24" node e2e/measure-start.mjs DIR [RUNS] [IDLE_S]
//
// DIR holds the workspace as DIR/workspace.db (a COPY: the app migrates what
// it opens). Prints one line per run: ms to the WebDriver session (the app
// launched and its page loaded), ms to the first row visible, the library's
// count, the page's own timings, and the resident memory (VmRSS, its mapped
// files and the process's own part, and PSS, which counts shared pages once)
// of the app and of each WebKit process it started, summed, after IDLE_S
// seconds (10 by default).
import { readFileSync, readdirSync } from "node:fs";
import { startApp, tid } from "./app.mjs";

const [dir, runs = "1", idle = "10"] = process.argv.slice(2);
if (!dir) throw new Error("usage: node e2e/measure-start.mjs DIR [RUNS] [IDLE_S]");

function children(pid) {
  const out = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The parent pid is the 4th field, after "(comm)".
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // The process went away.
    }
  }
  return out;
}

function descendants(pid) {
  const all = [];
  for (const child of children(pid)) all.push(child, ...descendants(child));
  return all;
}

function proc(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const name = /^Name:\s+(.*)$/m.exec(status)?.[1] ?? "?";
  const rss = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? 0);
  // RssFile: mapped files (the workspace read through SQLite's memory map, libraries), page cache
  // the kernel can drop. RssAnon: the process's own memory (RssShmem, shared memory, is the rest).
  const file = Number(/^RssFile:\s+(\d+) kB$/m.exec(status)?.[1] ?? 0);
  const anon = Number(/^RssAnon:\s+(\d+) kB$/m.exec(status)?.[1] ?? 0);
  // PSS shares each shared page among the processes that map it, so the sum counts it once.
  let pss = 0;
  try {
    pss = Number(/^Pss:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1] ?? 0);
  } catch {
    // No smaps_rollup on this kernel.
  }
  return { pid, name, rssMb: rss / 1024, pssMb: pss / 1024, fileMb: file / 1024, anonMb: anon / 1024 };
}

/** The app process started for this session: the newest claimtrail-app. */
function appPid() {
  const pids = readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, "utf8").trim().startsWith("claimtrail-app");
      } catch {
        return false;
      }
    });
  return Math.max(...pids);
}

for (let run = 1; run <= Number(runs); run++) {
  const t0 = performance.now();
  const app = await startApp({ dir });
  const tSession = performance.now() - t0;
  const { browser } = app;
  let tRow = null;
  let pageRowMs = null;
  while (performance.now() - t0 < 120_000) {
    const shown = await browser.execute(() => {
      const row = document.querySelector('[data-testid="library-item"]');
      if (!row) return null;
      const box = row.getBoundingClientRect();
      return box.height > 0 && box.bottom > 0 && box.top < innerHeight ? performance.now() : null;
    });
    if (shown !== null) {
      tRow = performance.now() - t0;
      pageRowMs = Math.round(shown);
      break;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const count = await (await browser.$(tid("library-count"))).getProperty("textContent").catch(() => "?");
  // Inside the page, from its navigation's start: the bundle loaded and run, then the first row.
  const page = await browser.execute(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    return {
      responseEndMs: nav ? Math.round(nav.responseEnd) : null,
      domContentLoadedMs: nav ? Math.round(nav.domContentLoadedEventEnd) : null,
      loadMs: nav ? Math.round(nav.loadEventEnd) : null,
    };
  });
  await new Promise((r) => setTimeout(r, Number(idle) * 1000));
  const pid = appPid();
  const procs = [pid, ...descendants(pid)].map(proc);
  const total = procs.reduce((sum, p) => sum + p.rssMb, 0);
  const totalPss = procs.reduce((sum, p) => sum + p.pssMb, 0);
  console.log(
    JSON.stringify({
      run,
      sessionMs: Math.round(tSession),
      firstRowMs: tRow === null ? null : Math.round(tRow),
      count,
      page: { ...page, firstRowMs: pageRowMs },
      idleRssMb: Math.round(total),
      idlePssMb: Math.round(totalPss),
      idleFileMb: Math.round(procs.reduce((sum, p) => sum + p.fileMb, 0)),
      idleAnonMb: Math.round(procs.reduce((sum, p) => sum + p.anonMb, 0)),
      processes: procs.map(
        (p) =>
          `${p.name} ${Math.round(p.rssMb)} MB RSS (${Math.round(p.fileMb)} MB mapped files, ${Math.round(p.anonMb)} MB own), ${Math.round(p.pssMb)} MB PSS`,
      ),
    }),
  );
  await app.stop();
}
