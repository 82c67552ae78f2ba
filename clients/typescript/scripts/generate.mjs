// Generates the TypeScript messages and the grpc-js client of textlens.v1
// from ../../proto into src/gen with ts-proto. Idempotent: src/gen is
// replaced on every run.
import { execFileSync } from "node:child_process";
import { readdirSync, rmSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const protoRoot = path.resolve(pkgDir, "../../proto");
const outDir = path.join(pkgDir, "src/gen");
const plugin = path.join(pkgDir, "node_modules/.bin/protoc-gen-ts_proto");
const protoc = process.env.PROTOC ?? "protoc";

const options = [
  "outputServices=grpc-js",
  "env=node",
  "esModuleInterop=true",
  // uint64 fields (limits, byte offsets, timings) all fit in a double.
  "forceLong=number",
  "exportCommonSymbols=false",
  "useExactTypes=false",
];

const files = readdirSync(path.join(protoRoot, "textlens/v1"))
  .filter((f) => f.endsWith(".proto"))
  .sort()
  .map((f) => `textlens/v1/${f}`);

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
execFileSync(
  protoc,
  [
    `--plugin=protoc-gen-ts_proto=${plugin}`,
    `--ts_proto_out=${outDir}`,
    `--ts_proto_opt=${options.join(",")}`,
    `-I${protoRoot}`,
    ...files,
  ],
  { cwd: protoRoot, stdio: "inherit" },
);
console.log(`generated ${files.length} files of textlens.v1 into ${path.relative(pkgDir, outDir)}/`);
