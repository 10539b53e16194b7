#!/usr/bin/env bash
# docs/config.md's settings and tasks tables are the ones the rows write (netlab-headless --print-docs):
# a setting or a task added, renamed or given another range changes the docs, or this test fails.
set -euo pipefail
netlab="$1"
doc="$(dirname "$0")/../../docs/config.md"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$netlab" --print-docs > "$tmp/printed.md"
# The two generated blocks of the doc, without their marker lines, one after the other with a blank line.
{ sed -n '/^<!-- settings: generated/,/^<!-- end of settings -->/p' "$doc" | sed '1d;$d'
  echo
  sed -n '/^<!-- tasks: generated/,/^<!-- end of tasks -->/p' "$doc" | sed '1d;$d'; } > "$tmp/doc.md"
if ! diff -u "$tmp/doc.md" "$tmp/printed.md"; then
  echo "FAIL: docs/config.md's tables differ from the rows: paste netlab-headless --print-docs between its markers"
  exit 1
fi
echo "ok - docs/config.md's settings ($(grep -c '^| `' "$tmp/doc.md") rows with the tasks) are the rows' own"
