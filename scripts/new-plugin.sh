#!/usr/bin/env bash
# Makes a new analyzer from scripts/plugin-template/: one folder,
# plugins/NAME/, with its logic, its result message (NAME.proto), its plugin
# module and its tests. Nothing else is edited: the build finds the folder,
# textlensd loads the plugin, `make test` runs its tests.
#
#   scripts/new-plugin.sh NAME [ROOT]
#
# NAME: lowercase letters, digits and '_', starting with a letter (the
# analyzer's name in requests). ROOT: the source tree to add it to (default:
# this one). Exits 2 on a bad name or an existing folder.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
name="${1:-}"
root="${2:-$(dirname "$here")}"
if [[ ! "$name" =~ ^[a-z][a-z0-9_]*$ ]]; then
  echo "new-plugin.sh: NAME must be lowercase letters, digits and '_', starting with a letter (got '$name')" >&2
  exit 2
fi
dest="$root/plugins/$name"
if [[ -e "$dest" ]]; then
  echo "new-plugin.sh: $dest already exists" >&2
  exit 2
fi
# word_stats -> WordStats, WORD_STATS
camel="$(echo "$name" | sed -E 's/(^|_)([a-z0-9])/\U\2/g')"
upper="$(echo "$name" | tr '[:lower:]' '[:upper:]')"

mkdir -p "$dest"
(cd "$here/plugin-template" && find . -type f) | while read -r file; do
  target="$dest/${file//__name__/$name}"
  mkdir -p "$(dirname "$target")"
  sed -e "s/__NAME__/$upper/g" -e "s/__Name__/$camel/g" -e "s/__name__/$name/g" \
    "$here/plugin-template/$file" > "$target"
done
echo "new-plugin.sh: made $dest (analyzer '$name', result textlens.plugins.$name.v1.${camel}Result)"
