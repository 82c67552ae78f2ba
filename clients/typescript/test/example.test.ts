import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";

import { PACKAGE_DIR, SEED_000, startServer, type TestServer } from "./server";

const EXAMPLE = path.join(PACKAGE_DIR, "dist", "example.js");

const ARTICLE = `DeepSeek publie ses modèles sous licence MIT.

En janvier 2025, la société chinoise DeepSeek a publié le modèle R1, dont les poids sont ouverts à tous. \
OpenAI, de son côté, garde GPT-4o fermé et ne le propose qu'à travers son API. Pour beaucoup de chercheurs, \
l'ouverture des poids accélère l'innovation et permet de vérifier le travail des laboratoires.
`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the compiled example with TEXTLENS_ADDRESS set. */
async function runExample(address: string, ...args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [EXAMPLE, ...args], {
      env: { ...process.env, TEXTLENS_ADDRESS: address },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

/** The lines under a `title:` heading of the example's output. */
function section(stdout: string, title: string): string[] {
  const lines = stdout.split("\n");
  const start = lines.indexOf(`${title}:`);
  assert.notEqual(start, -1, `no "${title}:" in\n${stdout}`);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith("  - ")) break;
    items.push(line.slice(4));
  }
  return items;
}

describe("example.ts", () => {
  let server: TestServer;
  let dir: string;

  before(async () => {
    server = await startServer();
    dir = mkdtempSync(path.join(tmpdir(), "textlens-example-"));
  });

  after(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("prints the language, summary, entities and stance of a file", async () => {
    const file = path.join(dir, "article.txt");
    writeFileSync(file, ARTICLE);
    const run = await runExample(server.address, file);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, "");
    assert.match(run.stdout, /^language: fr$/m);
    const summary = section(run.stdout, "summary");
    assert.ok(summary.length > 0, "no summary sentence");
    assert.ok(
      summary.every((s) => ARTICLE.includes(s)),
      `summary sentences not from the article: ${summary}`,
    );
    const entities = section(run.stdout, "entities");
    assert.ok(entities.includes("DeepSeek (ENTITY_TYPE_ORGANIZATION)"), entities.join("\n"));
    assert.ok(entities.includes("OpenAI (ENTITY_TYPE_ORGANIZATION)"), entities.join("\n"));
    assert.match(run.stdout, /^stance: STANCE_LABEL_(PRO_OPEN|PRO_CLOSED|MIXED|NEUTRAL)$/m);
  });

  test("analyzes seed 000", { skip: !existsSync(SEED_000) && `missing ${SEED_000}` }, async () => {
    const run = await runExample(server.address, SEED_000);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^language: fr$/m);
    assert.ok(section(run.stdout, "summary").length > 0);
    assert.ok(section(run.stdout, "entities").includes("DeepSeek (ENTITY_TYPE_ORGANIZATION)"));
    assert.match(run.stdout, /^stance: STANCE_LABEL_\w+$/m);
  });

  test("fails with a usage line and no file", async () => {
    const run = await runExample(server.address);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /usage: node dist\/example\.js FILE/);
  });

  test("fails with the server's status when it is unreachable", async () => {
    const file = path.join(dir, "short.txt");
    writeFileSync(file, "Un texte.");
    const run = await runExample("127.0.0.1:1", file);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^error: UNAVAILABLE: /);
  });
});
