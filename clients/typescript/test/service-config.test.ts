import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import * as grpc from "@grpc/grpc-js";

import {
  AnalysisServiceService,
  type AnalyzeRequest,
  type AnalyzeResponse,
  GrpcStatus,
  loadServiceConfig,
  SERVICE_CONFIG_PATH,
  ServerInfo,
  TextlensClient,
  TextlensError,
} from "../src/index";
import { PACKAGE_DIR } from "./server";

/** The project's canonical config, which every client ships. */
const CANONICAL = path.resolve(PACKAGE_DIR, "..", "service-config.json");

interface MethodConfig {
  name: Array<{ service: string; method?: string }>;
  timeout?: string;
  retryPolicy?: { maxAttempts: number; retryableStatusCodes: string[] };
}

describe("service config", () => {
  test("the package ships the canonical config, byte for byte", () => {
    assert.equal(SERVICE_CONFIG_PATH, path.join(PACKAGE_DIR, "dist", "service-config.json"));
    assert.equal(readFileSync(SERVICE_CONFIG_PATH, "utf8"), readFileSync(CANONICAL, "utf8"));
    assert.deepEqual(loadServiceConfig(), JSON.parse(readFileSync(CANONICAL, "utf8")));
  });

  test("every method of AnalysisService retries UNAVAILABLE", () => {
    const { methodConfig } = loadServiceConfig() as { methodConfig: MethodConfig[] };
    const methods = Object.values(AnalysisServiceService).map((m) => m.path.split("/")[2]!);
    assert.deepEqual(methods.sort(), [
      "Analyze",
      "AnalyzeStream",
      "BatchAnalyze",
      "GetServerInfo",
      "ListAnalyzers",
    ]);
    for (const method of methods) {
      // The most specific entry applies: the method's own, else the service's.
      const names = (c: MethodConfig) => c.name.filter((n) => n.service === "textlens.v1.AnalysisService");
      const config =
        methodConfig.find((c) => names(c).some((n) => n.method === method)) ??
        methodConfig.find((c) => names(c).some((n) => n.method === undefined));
      assert.ok(config, `no config for ${method}`);
      assert.ok(config.retryPolicy, `no retry policy for ${method}`);
      assert.ok(config.retryPolicy.maxAttempts > 1);
      assert.ok(config.retryPolicy.retryableStatusCodes.includes("UNAVAILABLE"), method);
    }
  });
});

describe("the client applies the service config", () => {
  const attempts = { getServerInfo: 0, analyze: 0 };
  let server: grpc.Server;
  let client: TextlensClient;

  before(async () => {
    // A stand-in server: GetServerInfo is UNAVAILABLE twice before it
    // answers; Analyze is always INVALID_ARGUMENT.
    server = new grpc.Server();
    server.addService(AnalysisServiceService, {
      getServerInfo(_call: unknown, callback: grpc.sendUnaryData<ServerInfo>) {
        if (++attempts.getServerInfo <= 2) {
          callback({ code: grpc.status.UNAVAILABLE, details: "starting up" });
        } else {
          callback(null, ServerInfo.fromPartial({ version: "stand-in", maxDocumentBytes: 123 }));
        }
      },
      analyze(
        _call: grpc.ServerUnaryCall<AnalyzeRequest, AnalyzeResponse>,
        callback: grpc.sendUnaryData<AnalyzeResponse>,
      ) {
        attempts.analyze++;
        callback({ code: grpc.status.INVALID_ARGUMENT, details: "document: bad" });
      },
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      ),
    );
    client = new TextlensClient(`127.0.0.1:${port}`);
  });

  after(async () => {
    client?.close();
    await new Promise<void>((resolve) => (server ? server.tryShutdown(() => resolve()) : resolve()));
  });

  test("UNAVAILABLE is retried until the server answers", async () => {
    const info = await client.serverInfo();
    assert.equal(info.version, "stand-in");
    assert.equal(info.maxDocumentBytes, 123);
    assert.equal(attempts.getServerInfo, 3);
  });

  test("other codes are not retried", async () => {
    await assert.rejects(client.analyze("text"), (error: unknown) => {
      assert.ok(error instanceof TextlensError);
      assert.equal(error.code, GrpcStatus.INVALID_ARGUMENT);
      assert.equal(error.details, "document: bad");
      return true;
    });
    assert.equal(attempts.analyze, 1);
  });
});
