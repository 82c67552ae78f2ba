import assert from "node:assert/strict";
import { createServer } from "node:net";
import { describe, test } from "node:test";

import { GrpcStatus, TextlensClient, TextlensError } from "../src/index";
import { MAX_CONTENT_BYTES, MAX_DOCUMENT_BYTES, liveClient } from "./server";

/** Asserts that `promise` rejects with a TextlensError of `code` and returns it. */
async function rejection(promise: Promise<unknown>, code: GrpcStatus): Promise<TextlensError> {
  const error = await promise.then(
    () => assert.fail(`resolved; expected ${GrpcStatus[code]}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof TextlensError, `not a TextlensError: ${String(error)}`);
  assert.ok(error instanceof Error);
  assert.equal(error.code, code, `got ${GrpcStatus[error.code]}: ${error.details}`);
  assert.equal(error.message, `${GrpcStatus[code]}: ${error.details}`);
  return error;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const listener = createServer();
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
  const { port } = listener.address() as { port: number };
  await new Promise<void>((resolve) => listener.close(() => resolve()));
  return port;
}

describe("errors the client sees", () => {
  const live = liveClient();

  test("an empty document is INVALID_ARGUMENT naming `document`", async () => {
    const error = await rejection(
      live.client().analyze({ document: {} }, ["summarizer"]),
      GrpcStatus.INVALID_ARGUMENT,
    );
    assert.match(error.details, /^document\b/);
    assert.match(error.details, /set either text or content/);
  });

  test("a request without a document is INVALID_ARGUMENT naming `document`", async () => {
    const error = await rejection(live.client().analyze({}, ["summarizer"]), GrpcStatus.INVALID_ARGUMENT);
    assert.match(error.details, /^document\b/);
  });

  test("an unknown analyzer is NOT_FOUND", async () => {
    const error = await rejection(live.client().analyze("Un texte court.", ["nope"]), GrpcStatus.NOT_FOUND);
    assert.ok(error.details.includes("no analyzer named 'nope'"), error.details);
  });

  test("a text over the document limit is RESOURCE_EXHAUSTED stating the limit", async () => {
    const text = "mot ".repeat(7500);
    assert.equal(Buffer.byteLength(text), 30000);
    const error = await rejection(live.client().analyze(text, ["summarizer"]), GrpcStatus.RESOURCE_EXHAUSTED);
    assert.ok(error.details.includes(String(MAX_DOCUMENT_BYTES)), error.details);
  });

  test("a text over the content limit is RESOURCE_EXHAUSTED stating the limit", async () => {
    const error = await rejection(
      live.client().analyze("x".repeat(MAX_CONTENT_BYTES + 1), ["summarizer"]),
      GrpcStatus.RESOURCE_EXHAUSTED,
    );
    assert.ok(error.details.includes(String(MAX_CONTENT_BYTES)), error.details);
  });

  test("a bad document in a stream gets its own status; the stream goes on", async () => {
    const requests = [
      { document: { id: "a", text: "Premier document." } },
      { document: { id: "bad" } },
      { document: { id: "c", text: "Third document." } },
    ];
    const codes = new Map<string, number | undefined>();
    for await (const answer of live.client().analyzeStream(requests, ["summarizer"])) {
      codes.set(answer.documentId, answer.status?.code);
    }
    assert.deepEqual(Object.fromEntries(codes), { a: 0, bad: GrpcStatus.INVALID_ARGUMENT, c: 0 });
  });

  test("an unknown analyzer in a stream is NOT_FOUND in that document's status", async () => {
    const answers = [];
    for await (const answer of live.client().analyzeStream(["Un texte."], ["nope"])) answers.push(answer);
    assert.equal(answers.length, 1);
    assert.equal(answers[0]!.status?.code, GrpcStatus.NOT_FOUND);
    assert.ok(answers[0]!.status?.message.includes("no analyzer named 'nope'"), answers[0]!.status?.message);
  });

  test("a stream past its deadline throws DEADLINE_EXCEEDED", async () => {
    function* endless() {
      for (let i = 0; ; i++) yield `Document numéro ${i}, en français.`;
    }
    await live.client().serverInfo(); // connected
    let answers = 0;
    const read = async () => {
      for await (const _ of live.client().analyzeStream(endless(), ["summarizer"], { timeoutMs: 1000 }))
        answers++;
    };
    await rejection(read(), GrpcStatus.DEADLINE_EXCEEDED);
    assert.ok(answers > 0, "no answer before the deadline");
  });

  test("breaking out of a stream cancels it, even with endless input", async () => {
    function* endless() {
      for (let i = 0; ; i++)
        yield { document: { id: `doc-${i}`, text: `Document numéro ${i}, en français.` } };
    }
    let answers = 0;
    for await (const answer of live.client().analyzeStream(endless(), ["summarizer"])) {
      assert.equal(answer.status?.code, 0, answer.status?.message);
      if (++answers === 3) break;
    }
    assert.equal(answers, 3);
    // The channel still serves calls.
    assert.equal((await live.client().serverInfo()).maxDocumentBytes, MAX_DOCUMENT_BYTES);
  });

  test("an input iterable that throws fails the stream with its own error", async () => {
    function* failing() {
      yield "Un premier texte.";
      throw new RangeError("no more input");
    }
    await assert.rejects(async () => {
      for await (const _ of live.client().analyzeStream(failing(), ["summarizer"])) {
        // answers before the failure are fine
      }
    }, RangeError);
  });

  test("an aborted signal cancels the call", async () => {
    await rejection(
      live.client().analyze("Un texte.", ["summarizer"], { signal: AbortSignal.abort() }),
      GrpcStatus.CANCELLED,
    );
  });

  test("an unreachable server is UNAVAILABLE once retries are spent", async () => {
    const port = await closedPort();
    const unreachable = new TextlensClient(`127.0.0.1:${port}`, { timeoutMs: 20_000 });
    try {
      const started = Date.now();
      await rejection(unreachable.serverInfo(), GrpcStatus.UNAVAILABLE);
      assert.ok(Date.now() - started < 15_000);
    } finally {
      unreachable.close();
    }
  });
});
