#!/usr/bin/env python3
"""Checks that every README code block marked with a snippet comment is the
file it names, byte for byte, so the documented examples are the ones the
client test suites run.

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
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = list(MARKED_BLOCK.finditer(readme))
    failures = 0
    for block in blocks:
        path = ROOT / block["path"]
        if not path.is_file():
            print(f"README snippet names {block['path']}, which does not exist")
            failures += 1
        elif path.read_text(encoding="utf-8") != block["body"]:
            print(f"README snippet differs from {block['path']}; paste the file again")
            failures += 1
    print(f"README snippets: {len(blocks) - failures} of {len(blocks)} match their files")
    return 1 if failures or not blocks else 0


if __name__ == "__main__":
    sys.exit(main())
