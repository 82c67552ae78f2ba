/**
 * A promise-based client for `textlens.v1.AnalysisService`.
 *
 * @packageDocumentation
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { setImmediate } from "node:timers/promises";
import * as grpc from "@grpc/grpc-js";

import {
  AnalyzeRequest,
  AnalyzerSpec,
  type AnalyzeResponse,
  type AnalyzeStreamResponse,
  type BatchAnalyzeResponse,
} from "./gen/textlens/v1/analysis";
import {
  AnalysisServiceClient,
  type AnalyzerInfo,
  type ListAnalyzersResponse,
  type ServerInfo,
} from "./gen/textlens/v1/service";

/** The default address of a local `textlensd` (`make run`). */
export const DEFAULT_ADDRESS = "127.0.0.1:50051";

/**
 * Where the package keeps its copy of the project's shared gRPC service
 * config (timeouts, retries on UNAVAILABLE with backoff).
 */
export const SERVICE_CONFIG_PATH = path.resolve(__dirname, "..", "service-config.json");

/** An {@link AnalyzeRequest} in which every field may be left out. */
export type AnalyzeRequestInit = Parameters<typeof AnalyzeRequest.fromPartial>[0];

/** An {@link AnalyzerSpec} in which every field but the name may be left out. */
export type AnalyzerSpecInit = Parameters<typeof AnalyzerSpec.fromPartial>[0] & { name: string };

/**
 * A document to analyze: its text, or a whole request (document, analyzers,
 * offset unit...).
 */
export type AnalyzeInput = string | AnalyzeRequestInit;

/** An analyzer to run: its name, with its defaults, or a spec with options. */
export type AnalyzerInput = string | AnalyzerSpecInit;

/** Options of a {@link TextlensClient}. */
export interface TextlensClientOptions {
  /** Channel credentials; insecure (plaintext) when left out. */
  credentials?: grpc.ChannelCredentials;
  /**
   * Deadline of every call, in milliseconds. When left out, the service
   * config's timeouts apply (`clients/service-config.json`).
   */
  timeoutMs?: number;
  /**
   * More channel options. They are merged over the client's own: the shipped
   * service config (`grpc.service_config`) and `grpc.enable_retries`.
   */
  channelOptions?: grpc.ChannelOptions;
}

/** Options of one call, over the client's. */
export interface CallOptions {
  /** Deadline of this call, in milliseconds; overrides the client's. */
  timeoutMs?: number;
  /** Metadata (headers) sent with the call. */
  metadata?: grpc.Metadata;
  /** Cancels the call when aborted; the promise then rejects with CANCELLED. */
  signal?: AbortSignal;
}

/**
 * The error a call rejects with: the gRPC status the server (or the channel)
 * gave.
 */
export class TextlensError extends Error {
  /** The gRPC status code, e.g. `grpc.status.INVALID_ARGUMENT` (3). */
  readonly code: grpc.status;
  /** The status message, as the server wrote it. */
  readonly details: string;
  /** The trailing metadata of the call. */
  readonly metadata: grpc.Metadata;

  constructor(
    code: grpc.status,
    details: string,
    metadata: grpc.Metadata = new grpc.Metadata(),
    options?: ErrorOptions,
  ) {
    super(`${grpc.status[code] ?? code}: ${details}`, options);
    this.name = "TextlensError";
    this.code = code;
    this.details = details;
    this.metadata = metadata;
  }

  /** Converts what grpc-js rejected with into a {@link TextlensError}. */
  static from(error: unknown): TextlensError {
    if (error instanceof TextlensError) return error;
    if (isServiceError(error)) {
      return new TextlensError(error.code, error.details, error.metadata, { cause: error });
    }
    const message = error instanceof Error ? error.message : String(error);
    return new TextlensError(grpc.status.UNKNOWN, message, undefined, { cause: error });
  }
}

/**
 * Reads the service config that ships with the package: the project's
 * canonical `clients/service-config.json`, copied at build time.
 */
export function loadServiceConfig(): object {
  return JSON.parse(readFileSync(SERVICE_CONFIG_PATH, "utf8")) as object;
}

/**
 * A client of a textlens server.
 *
 * @example
 * ```ts
 * const client = new TextlensClient("127.0.0.1:50051");
 * const response = await client.analyze("Some text.", ["summarizer"]);
 * client.close();
 * ```
 */
export class TextlensClient {
  private readonly stub: AnalysisServiceClient;
  private readonly timeoutMs: number | undefined;

  /**
   * Opens a channel to a server. Connecting is lazy: an unreachable server
   * shows as UNAVAILABLE errors on the calls, after the service config's
   * retries.
   *
   * @param address - `host:port` of the server.
   * @param options - Credentials, default deadline and channel options.
   */
  constructor(address: string = DEFAULT_ADDRESS, options: TextlensClientOptions = {}) {
    this.timeoutMs = options.timeoutMs;
    this.stub = new AnalysisServiceClient(address, options.credentials ?? grpc.credentials.createInsecure(), {
      "grpc.service_config": JSON.stringify(loadServiceConfig()),
      "grpc.enable_retries": 1,
      ...options.channelOptions,
    });
  }

  /**
   * Analyzes one document.
   *
   * @param input - The document's text, or a whole request.
   * @param analyzers - The analyzers to run; replaces the request's. None
   *   means every loaded analyzer with its defaults.
   * @returns The analysis: language, normalized text, one result per analyzer.
   * @throws {@link TextlensError} INVALID_ARGUMENT (the message names the
   *   field), NOT_FOUND (unknown analyzer), RESOURCE_EXHAUSTED (over a limit).
   */
  analyze(
    input: AnalyzeInput,
    analyzers?: readonly AnalyzerInput[],
    options?: CallOptions,
  ): Promise<AnalyzeResponse> {
    const request = toRequest(input, analyzers);
    return this.unary<AnalyzeResponse>(
      (metadata, callOptions, done) => this.stub.analyze(request, metadata, callOptions, done),
      options,
    );
  }

  /**
   * Analyzes several documents in one call. Each document gets its own
   * status: `results[i]` answers `inputs[i]`, and a bad document does not
   * fail the others.
   *
   * @param inputs - The documents, at most `ServerInfo.maxBatchSize`.
   * @param analyzers - The analyzers to run on every document; replaces the
   *   requests' own.
   */
  batchAnalyze(
    inputs: readonly AnalyzeInput[],
    analyzers?: readonly AnalyzerInput[],
    options?: CallOptions,
  ): Promise<BatchAnalyzeResponse> {
    const request = { requests: inputs.map((input) => toRequest(input, analyzers)) };
    return this.unary<BatchAnalyzeResponse>(
      (metadata, callOptions, done) => this.stub.batchAnalyze(request, metadata, callOptions, done),
      options,
    );
  }

  /**
   * Analyzes a stream of documents over one bidirectional call. Answers
   * come as the server finishes them, in any order, keyed by
   * `Document.id`: a document given as a string gets its index as id.
   * Requests are sent as the server takes them, so `inputs` may be a lazy or
   * async iterable. Breaking out of the loop cancels the call.
   *
   * @param inputs - The documents.
   * @param analyzers - The analyzers to run on every document.
   * @throws {@link TextlensError} when the call as a whole fails; a bad
   *   document only gets a non-OK `status` in its answer.
   */
  async *analyzeStream(
    inputs: Iterable<AnalyzeInput> | AsyncIterable<AnalyzeInput>,
    analyzers?: readonly AnalyzerInput[],
    options: CallOptions = {},
  ): AsyncGenerator<AnalyzeStreamResponse, void, undefined> {
    if (options.signal?.aborted) {
      throw new TextlensError(grpc.status.CANCELLED, "aborted before the call started");
    }
    const call = this.stub.analyzeStream(options.metadata ?? new grpc.Metadata(), this.callOptions(options));
    const state: StreamState = { stopped: false, inputError: undefined };
    const stop = () => {
      state.stopped = true;
      call.cancel();
    };
    options.signal?.addEventListener("abort", stop, { once: true });
    // Requests are written alongside the reading below. If `inputs` throws,
    // the call is cancelled and the reader rethrows that error.
    void writeAll(call, inputs, analyzers, state).catch((error: unknown) => {
      state.inputError = { error };
      stop();
    });
    let finished = false;
    try {
      for await (const response of call as AsyncIterable<AnalyzeStreamResponse>) {
        yield response;
      }
      finished = true;
    } catch (error) {
      if (state.inputError) throw state.inputError.error;
      throw TextlensError.from(error);
    } finally {
      options.signal?.removeEventListener("abort", stop);
      if (!finished) stop();
      state.stopped = true;
    }
  }

  /** Lists the analyzers: the loaded ones and those that failed to load. */
  async listAnalyzers(options?: CallOptions): Promise<AnalyzerInfo[]> {
    const response = await this.unary<ListAnalyzersResponse>(
      (metadata, callOptions, done) => this.stub.listAnalyzers({}, metadata, callOptions, done),
      options,
    );
    return response.analyzers;
  }

  /** Describes the server: its version and limits. */
  serverInfo(options?: CallOptions): Promise<ServerInfo> {
    return this.unary<ServerInfo>(
      (metadata, callOptions, done) => this.stub.getServerInfo({}, metadata, callOptions, done),
      options,
    );
  }

  /** Closes the channel. Calls in flight fail with CANCELLED or UNAVAILABLE. */
  close(): void {
    this.stub.close();
  }

  private callOptions(options: CallOptions): Partial<grpc.CallOptions> {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    return timeoutMs === undefined ? {} : { deadline: Date.now() + timeoutMs };
  }

  private unary<T>(
    start: (
      metadata: grpc.Metadata,
      options: Partial<grpc.CallOptions>,
      done: (error: grpc.ServiceError | null, response: T) => void,
    ) => grpc.ClientUnaryCall,
    options: CallOptions = {},
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const { signal } = options;
      if (signal?.aborted) {
        reject(new TextlensError(grpc.status.CANCELLED, "aborted before the call started"));
        return;
      }
      const onAbort = () => call.cancel();
      const call = start(
        options.metadata ?? new grpc.Metadata(),
        this.callOptions(options),
        (error, response) => {
          signal?.removeEventListener("abort", onAbort);
          if (error) reject(TextlensError.from(error));
          else resolve(response);
        },
      );
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }
}

/** Builds a full request from a text or a partial request. */
function toRequest(input: AnalyzeInput, analyzers?: readonly AnalyzerInput[]): AnalyzeRequest {
  const request = AnalyzeRequest.fromPartial(
    typeof input === "string" ? { document: { text: input } } : input,
  );
  if (analyzers !== undefined) {
    request.analyzers = analyzers.map((a) =>
      AnalyzerSpec.fromPartial(typeof a === "string" ? { name: a } : a),
    );
  }
  return request;
}

/** What the reader and the writer of a stream call share. */
interface StreamState {
  /** Set when the call is over or cancelled: the writer stops. */
  stopped: boolean;
  /** What `inputs` threw, if it did. */
  inputError: { error: unknown } | undefined;
}

/** Writes every input to a stream call, waiting when its buffer is full, then half-closes it. */
async function writeAll(
  call: grpc.ClientDuplexStream<AnalyzeRequest, AnalyzeStreamResponse>,
  inputs: Iterable<AnalyzeInput> | AsyncIterable<AnalyzeInput>,
  analyzers: readonly AnalyzerInput[] | undefined,
  state: StreamState,
): Promise<void> {
  let index = 0;
  for await (const input of inputs) {
    if (state.stopped) return;
    const id = String(index++);
    const request = toRequest(
      typeof input === "string" ? { document: { text: input, id } } : input,
      analyzers,
    );
    if (call.write(request)) {
      // Let I/O run between writes: grpc-js buffers writes while it
      // connects, and an eager input would starve the reads.
      await setImmediate();
    } else {
      await waitForDrain(call);
    }
  }
  if (!state.stopped) call.end();
}

function waitForDrain(call: grpc.ClientDuplexStream<AnalyzeRequest, AnalyzeStreamResponse>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      call.off("drain", done);
      call.off("close", done);
      resolve();
    };
    call.on("drain", done);
    call.on("close", done);
  });
}

function isServiceError(error: unknown): error is grpc.ServiceError {
  return (
    error instanceof Error &&
    typeof (error as Partial<grpc.ServiceError>).code === "number" &&
    typeof (error as Partial<grpc.ServiceError>).details === "string"
  );
}
