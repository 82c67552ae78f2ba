import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, test } from "node:test";

import { type AnalyzeResponse, type AnalyzerResult, EntityType, OffsetUnit, StanceLabel } from "../src/index";
import { MAX_CONTENT_BYTES, MAX_DOCUMENT_BYTES, SEED_000, liveClient } from "./server";

function resultOf(response: AnalyzeResponse, analyzer: string): AnalyzerResult {
  const result = response.results.find((r) => r.analyzer === analyzer);
  assert.ok(result, `no result for ${analyzer} in ${response.results.map((r) => r.analyzer).join(", ")}`);
  assert.equal(result.status?.code, 0, `${analyzer} failed: ${result.status?.message}`);
  return result;
}

describe("TextlensClient against a live textlensd", () => {
  const live = liveClient();

  test(
    "analyze returns typed results for seed 000",
    { skip: !existsSync(SEED_000) && `missing ${SEED_000}` },
    async () => {
      const text = readFileSync(SEED_000, "utf8");
      const response = await live.client().analyze(text, ["summarizer", "entities", "stance"]);

      assert.equal(response.language?.code, "fr");
      assert.deepEqual(
        response.results.map((r) => r.analyzer),
        ["summarizer", "entities", "stance"],
      );

      const summary = resultOf(response, "summarizer").summary;
      assert.ok(summary && summary.sentences.length > 0, "no summary sentences");
      for (const sentence of summary.sentences) {
        assert.ok(sentence.text.length > 0);
        assert.equal(sliceUtf8(response.text, sentence.span!.begin, sentence.span!.end), sentence.text);
      }

      const entities = resultOf(response, "entities").entities;
      assert.ok(entities, "no entities result");
      const deepseek = entities.entities.find((e) => e.canonicalName === "DeepSeek");
      assert.ok(deepseek, `DeepSeek not among ${entities.entities.map((e) => e.canonicalName).join(", ")}`);
      assert.equal(deepseek.type, EntityType.ENTITY_TYPE_ORGANIZATION);
      assert.ok(deepseek.mentions.length > 0);

      const stance = resultOf(response, "stance").stance;
      assert.ok(stance, "no stance result");
      assert.ok(
        [
          StanceLabel.STANCE_LABEL_PRO_OPEN,
          StanceLabel.STANCE_LABEL_PRO_CLOSED,
          StanceLabel.STANCE_LABEL_MIXED,
          StanceLabel.STANCE_LABEL_NEUTRAL,
        ].includes(stance.label),
        `stance label ${stance.label} is not a label`,
      );
    },
  );

  test("analyze takes a whole request: document id and metadata are echoed", async () => {
    const response = await live.client().analyze({
      document: {
        text: "OpenAI garde ses poids fermés. Mistral AI publie les siens.",
        id: "doc-7",
        metadata: { source: "test" },
      },
      analyzers: [{ name: "entities", entities: { types: [EntityType.ENTITY_TYPE_ORGANIZATION] } }],
    });
    assert.equal(response.documentId, "doc-7");
    assert.deepEqual(response.metadata, { source: "test" });
    const entities = resultOf(response, "entities").entities!.entities;
    assert.ok(entities.length > 0);
    assert.ok(entities.every((e) => e.type === EntityType.ENTITY_TYPE_ORGANIZATION));
  });

  test("spans in UTF-16 code units slice JavaScript strings", async () => {
    const text = "L'été dernier, DeepSeek a publié R1. Les poids sont ouverts à tous.";
    const response = await live
      .client()
      .analyze({ document: { text }, offsetUnit: OffsetUnit.OFFSET_UNIT_UTF16_CODE_UNITS }, ["entities"]);
    assert.equal(response.offsetUnit, OffsetUnit.OFFSET_UNIT_UTF16_CODE_UNITS);
    const mentions = resultOf(response, "entities").entities!.entities.flatMap((e) => e.mentions);
    assert.ok(mentions.length > 0);
    for (const mention of mentions) {
      assert.equal(response.text.slice(mention.span!.begin, mention.span!.end), mention.text);
    }
  });

  test("batchAnalyze answers each document by index", async () => {
    const docs = [
      "DeepSeek a publié ses poids sous licence MIT. La communauté open source a salué cette décision.",
      "OpenAI keeps its models closed. Its API is the only way to use GPT-4o.",
    ];
    const { results } = await live.client().batchAnalyze(docs, ["summarizer"]);
    assert.equal(results.length, 2);
    assert.deepEqual(
      results.map((r) => r.index),
      [0, 1],
    );
    for (const item of results) {
      assert.equal(item.status?.code, 0, item.status?.message);
      assert.ok(item.response, `no response for document ${item.index}`);
    }
    assert.equal(results[0]!.response!.language?.code, "fr");
    assert.equal(results[1]!.response!.language?.code, "en");
    assert.ok(resultOf(results[1]!.response!, "summarizer").summary!.sentences.length > 0);
  });

  test("batchAnalyze reports a bad document in its own status", async () => {
    const { results } = await live
      .client()
      .batchAnalyze([{ document: { text: "Bonjour à tous." } }, { document: {} }], ["summarizer"]);
    assert.equal(results.length, 2);
    assert.equal(results[0]!.status?.code, 0);
    assert.equal(results[1]!.index, 1);
    assert.equal(results[1]!.status?.code, 3); // INVALID_ARGUMENT
    assert.equal(results[1]!.response, undefined);
  });

  test("analyzeStream answers three documents keyed by id", async () => {
    const docs = new Map([
      ["fr", "Le modèle de DeepSeek est ouvert. Les chercheurs peuvent l'étudier librement."],
      ["en", "Anthropic does not publish its weights. Claude is only available through an API."],
      ["de", "Die offenen Modelle werden in Europa immer beliebter. Viele Firmen nutzen sie."],
    ]);
    const requests = [...docs].map(([id, text]) => ({ document: { id, text } }));
    const answers = new Map<string, AnalyzeResponse>();
    for await (const answer of live.client().analyzeStream(requests, ["summarizer", "entities"])) {
      assert.equal(answer.status?.code, 0, answer.status?.message);
      assert.ok(answer.response);
      assert.ok(!answers.has(answer.documentId), `${answer.documentId} answered twice`);
      answers.set(answer.documentId, answer.response);
    }
    assert.deepEqual([...answers.keys()].sort(), ["de", "en", "fr"]);
    for (const [id, response] of answers) {
      assert.equal(response.documentId, id);
      assert.equal(response.language?.code, id);
      assert.deepEqual(
        response.results.map((r) => r.analyzer),
        ["summarizer", "entities"],
      );
    }
  });

  test("analyzeStream keys string documents by their index and takes async input", async () => {
    async function* texts() {
      yield "Premier document, en français.";
      yield "Second document, written in English.";
    }
    const ids: string[] = [];
    for await (const answer of live.client().analyzeStream(texts(), ["summarizer"])) {
      assert.equal(answer.status?.code, 0, answer.status?.message);
      ids.push(answer.documentId);
    }
    assert.deepEqual(ids.sort(), ["0", "1"]);
  });

  test("listAnalyzers lists summarizer, entities and stance, loaded", async () => {
    const analyzers = await live.client().listAnalyzers();
    const byName = new Map(analyzers.map((a) => [a.name, a]));
    for (const name of ["summarizer", "entities", "stance"]) {
      const info = byName.get(name);
      assert.ok(info, `${name} not listed`);
      assert.equal(info.loadStatus?.code, 0, info.loadStatus?.message);
      assert.match(info.version, /^\d+\.\d+\.\d+/);
    }
    assert.equal(byName.get("summarizer")!.resultType, "textlens.v1.Summary");
  });

  test("serverInfo gives the limits as numbers", async () => {
    const info = await live.client().serverInfo();
    assert.equal(info.maxDocumentBytes, MAX_DOCUMENT_BYTES);
    assert.equal(typeof info.maxDocumentBytes, "number");
    assert.equal(info.maxContentBytes, MAX_CONTENT_BYTES);
    assert.ok(info.maxBatchSize > 0);
    assert.ok(info.analyzersLoaded >= 3);
    assert.ok(info.version.length > 0);
  });
});

/** Slices a string by UTF-8 byte offsets, the unit spans default to. */
function sliceUtf8(text: string, begin: number, end: number): string {
  return Buffer.from(text, "utf8").subarray(begin, end).toString("utf8");
}
