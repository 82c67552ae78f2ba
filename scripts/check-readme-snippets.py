#!/usr/bin/env python3
"""Checks that every code block of the README and docs/*.md marked with a
snippet comment is the file it names, byte for byte, so the documented
examples are the ones the client test suites run.

A marked block looks like:

    <!-- snippet: clients/python/example.py -->
    ```python
    ...the file's content...
    ```
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
MARKED_BLOCK = re.compile(
    r"<!-- snippet: (?P<path>[^ ]+) -->\n```[a-z]*\n(?P<body>.*?)```", re.S)


def main() -> int:
    pages = [ROOT / "README.md"] + sorted((ROOT / "docs").glob("*.md"))
    blocks = [(page, block) for page in pages
              for block in MARKED_BLOCK.finditer(page.read_text(encoding="utf-8"))]
    failures = 0
    for page, block in blocks:
        path = ROOT / block["path"]
        where = page.relative_to(ROOT)
        if not path.is_file():
            print(f"{where}: snippet names {block['path']}, which does not exist")
            failures += 1
        elif path.read_text(encoding="utf-8") != block["body"]:
            print(f"{where}: snippet differs from {block['path']}; paste the file again")
            failures += 1
    print(f"documentation snippets: {len(blocks) - failures} of {len(blocks)} match their files")
    return 1 if failures or not blocks else 0


if __name__ == "__main__":
    sys.exit(main())
