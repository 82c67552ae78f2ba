/**
 * Test helpers: a live textlensd on a free loopback port, and the paths the
 * tests read.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import { TextlensClient } from "../src/index";

/** The package's directory (tests run from dist/test). */
export const PACKAGE_DIR = path.resolve(__dirname, "..", "..");

/** The repository's root. */
export const REPO_DIR = path.resolve(PACKAGE_DIR, "..", "..");

/** The seed article (French); tests that need it skip when it is missing. */
export const SEED_000 = path.resolve(REPO_DIR, "..", "shared", "corpus", "seeds", "000_c4b4a18fc829b693.txt");

/** The limits every test server runs with. */
export const MAX_DOCUMENT_BYTES = 20000;
export const MAX_CONTENT_BYTES = 40000;

/** A running textlensd. */
export interface TestServer {
  /** `127.0.0.1:PORT`. */
  address: string;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
}

/** The server binary: $TEXTLENSD, or the dev build of this repository. */
export function serverBinary(): string {
  return process.env.TEXTLENSD ?? path.join(REPO_DIR, "build", "dev", "bin", "textlensd");
}

/** Servers started and not stopped yet. */
const unstopped = new Set<ChildProcess>();

// Should the test process end without stopping its servers, they end with
// it: at its exit, or, where util-linux's setpriv is (Linux), when it is
// killed outright.
process.on("exit", () => {
  for (const child of unstopped) child.kill("SIGKILL");
});
const SETPRIV = "/usr/bin/setpriv";

/**
 * Starts textlensd on a free port and resolves once it prints
 * `textlensd listening on port N`. Waits a while for the binary to appear,
 * in case it is being rebuilt.
 */
export async function startServer(extraArgs: readonly string[] = []): Promise<TestServer> {
  const binary = serverBinary();
  for (let waited = 0; !existsSync(binary); waited += 500) {
    if (waited >= 60_000) throw new Error(`textlensd not found at ${binary} (set TEXTLENSD)`);
    await sleep(500);
  }
  const args = [
    "--listen=127.0.0.1:0",
    `--max_document_bytes=${MAX_DOCUMENT_BYTES}`,
    `--max_content_bytes=${MAX_CONTENT_BYTES}`,
    ...extraArgs,
  ];
  const [command, argv] = existsSync(SETPRIV)
    ? [SETPRIV, ["--pdeathsig", "TERM", "--", binary, ...args]]
    : [binary, args];
  const child = spawn(command, argv, { stdio: ["ignore", "pipe", "pipe"] });
  const running = () => child.exitCode === null && child.signalCode === null;
  unstopped.add(child);
  const exited = new Promise<void>((resolve) => {
    if (!running()) resolve();
    else child.once("exit", () => resolve());
  });
  const port = await waitForPort(child);
  return {
    address: `127.0.0.1:${port}`,
    async stop() {
      if (running()) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
      unstopped.delete(child);
    },
  };
}

function waitForPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`textlensd ${why}\nstdout:\n${stdout}\nstderr:\n${stderr.slice(-4000)}`));
    };
    const timer = setTimeout(() => fail("printed no port within 30 s"), 30_000);
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      const match = /textlensd listening on port (\d+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        child.removeListener("exit", onExit);
        resolve(Number(match[1]));
      }
    });
    const onExit = (code: number | null, signal: string | null) =>
      fail(`exited early (code ${code}, signal ${signal})`);
    child.once("exit", onExit);
    child.once("error", (error) => fail(`could not start: ${error.message}`));
  });
}

/**
 * Inside a `describe`: starts a server and a client on it before the suite,
 * and stops both after it. The getters return them once the suite runs.
 */
export function liveClient(): { server: () => TestServer; client: () => TextlensClient } {
  let server: TestServer | undefined;
  let client: TextlensClient | undefined;
  before(async () => {
    server = await startServer();
    client = new TextlensClient(server.address, { timeoutMs: 30_000 });
  });
  after(async () => {
    client?.close();
    await server?.stop();
  });
  return {
    server: () => server as TestServer,
    client: () => client as TextlensClient,
  };
}
