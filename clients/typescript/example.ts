// Usage: TEXTLENS_ADDRESS=host:port node dist/example.js FILE
import { readFileSync } from "node:fs";
import { EntityType, StanceLabel, TextlensClient } from "@textlens/client";

async function main(file: string | undefined): Promise<void> {
  if (!file) throw new Error("usage: node dist/example.js FILE");
  const client = new TextlensClient(process.env.TEXTLENS_ADDRESS ?? "127.0.0.1:50051");
  try {
    const response = await client.analyze(readFileSync(file, "utf8"), ["summarizer", "entities", "stance"]);
    console.log(`language: ${response.language?.code}`);
    for (const { summary, entities, stance } of response.results) {
      if (summary) {
        console.log("summary:");
        for (const sentence of summary.sentences) console.log(`  - ${sentence.text}`);
      }
      if (entities) {
        console.log("entities:");
        for (const e of entities.entities) console.log(`  - ${e.canonicalName} (${EntityType[e.type]})`);
      }
      if (stance) console.log(`stance: ${StanceLabel[stance.label]}`);
    }
  } finally {
    client.close();
  }
}

main(process.argv[2]).catch((error: Error) => {
  console.error(`error: ${error.message}`);
  process.exitCode = 1;
});
