// Copies the project's canonical gRPC service config into the build output,
// where the client loads it from (dist/service-config.json).
import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.resolve(pkgDir, "../service-config.json");
const target = path.join(pkgDir, "dist/service-config.json");
mkdirSync(path.dirname(target), { recursive: true });
copyFileSync(source, target);
console.log(`copied ${path.relative(pkgDir, source)} to ${path.relative(pkgDir, target)}`);
