// Local ports for the end-to-end tests' drivers: a free one to listen on,
// waiting until a driver listens, and a WebdriverIO session through it.
import net from "node:net";
import { remote } from "webdriverio";

/** A WebdriverIO session through the driver listening on `port`. */
export function session(port, capabilities) {
  return remote({ hostname: "127.0.0.1", port, logLevel: "error", capabilities });
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export async function waitForPort(port, ms = 20000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listened on ${port} within ${ms} ms`);
}
