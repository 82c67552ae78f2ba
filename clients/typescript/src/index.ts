/**
 * The textlens client: {@link TextlensClient} and the `textlens.v1`
 * messages it sends and receives, generated from the project's protos.
 *
 * @packageDocumentation
 */
export * from "./client";
export * from "./gen/textlens/v1/analysis";
export * from "./gen/textlens/v1/document";
export * from "./gen/textlens/v1/entities";
export * from "./gen/textlens/v1/service";
export * from "./gen/textlens/v1/stance";
export * from "./gen/textlens/v1/summary";
export { Any } from "./gen/google/protobuf/any";
export { status as GrpcStatus } from "@grpc/grpc-js";
