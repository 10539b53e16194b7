#!/usr/bin/env bash
# The native binary's headless mode: trains from a config file, reports, is reproducible, and refuses
# a bad config with a message and a non-zero exit instead of crashing.
set -euo pipefail
netlab="$1"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
printf 'dataset=circle\nlayers=8:tanh,4:tanh\nseed=3\n' > "$tmp/circle.cfg"
"$netlab" --headless --steps 2000 --report-every 500 "$tmp/circle.cfg" > "$tmp/a.txt"
"$netlab" --headless --steps 2000 --report-every 500 "$tmp/circle.cfg" > "$tmp/b.txt"
cat "$tmp/a.txt"
[ "$(wc -l < "$tmp/a.txt")" -eq 5 ] || { echo "FAIL: expected 5 report lines"; exit 1; }
cmp "$tmp/a.txt" "$tmp/b.txt" || { echo "FAIL: two runs of the same config differ"; exit 1; }
accuracy=$(tail -n 1 "$tmp/a.txt" | sed -n 's/.*test_accuracy=\([0-9.]*\).*/\1/p')
awk -v a="$accuracy" 'BEGIN { exit !(a >= 0.95) }' || { echo "FAIL: test accuracy $accuracy < 0.95"; exit 1; }
first=$(head -n 1 "$tmp/a.txt" | sed -n 's/.*test_loss=\([0-9.]*\).*/\1/p')
last=$(tail -n 1 "$tmp/a.txt" | sed -n 's/.*test_loss=\([0-9.]*\).*/\1/p')
awk -v f="$first" -v l="$last" 'BEGIN { exit !(l < f / 3) }' || { echo "FAIL: test loss $first -> $last"; exit 1; }

printf 'layers=100000:relu\n' > "$tmp/bad.cfg"
if "$netlab" --headless --steps 10 "$tmp/bad.cfg" > "$tmp/bad.txt" 2>&1; then
  echo "FAIL: a bad config was accepted"; exit 1
fi
grep -q "layers" "$tmp/bad.txt" || { echo "FAIL: no message naming the bad setting"; cat "$tmp/bad.txt"; exit 1; }

# A share link works wherever a config file does, and the same link trains the same way.
link=$("$netlab" --print-link "$tmp/circle.cfg")
"$netlab" --headless --steps 2000 --report-every 500 --config "https://example.org/netlab/$link" > "$tmp/link.txt"
cmp "$tmp/a.txt" "$tmp/link.txt" || { echo "FAIL: the share link trains differently from its config file"; exit 1; }

# Saved weights restore the model exactly: loading them gives the losses reported at step 1000.
"$netlab" --headless --steps 1000 --report-every 1000 --save-weights "$tmp/w.nlw" "$tmp/circle.cfg" > /dev/null
"$netlab" --headless --steps 0 --weights "$tmp/w.nlw" > "$tmp/resumed.txt"
mid=$(sed -n 3p "$tmp/a.txt" | sed 's/^step=[0-9]* epoch=[0-9.]* //')
[ "$(sed 's/^step=[0-9]* epoch=[0-9.]* //' "$tmp/resumed.txt")" = "$mid" ] ||
  { echo "FAIL: loaded weights do not reproduce the losses at step 1000"; cat "$tmp/resumed.txt"; exit 1; }
head -c 200 "$tmp/w.nlw" > "$tmp/cut.nlw"
if "$netlab" --headless --steps 1 --weights "$tmp/cut.nlw" > "$tmp/cut.txt" 2>&1; then
  echo "FAIL: a truncated weights file was accepted"; exit 1
fi
grep -q "cut off" "$tmp/cut.txt" || { echo "FAIL: no clear message for a cut-off weights file"; cat "$tmp/cut.txt"; exit 1; }
if "$netlab" --headless --steps 1 --config '#z1.AAAA%%' > "$tmp/garbled.txt" 2>&1; then
  echo "FAIL: a garbled link was accepted"; exit 1
fi

# The README's table of example links opens what each file holds: every row's link and its file print the
# same link (the page's view aside, which a file leaves to the task).
root="$(cd "$(dirname "$0")/../.." && pwd)"
rows=0
for cfg in "$root"/examples/configs/*.cfg; do
  name="examples/configs/$(basename "$cfg")"
  shown=$(grep -F "| \`$name\` |" "$root/README.md" | sed -n 's/.*(http:\/\/127\.0\.0\.1:8080\/\([^)]*\)).*/\1/p')
  [ -n "$shown" ] || { echo "FAIL: README.md's examples table has no link for $name"; exit 1; }
  strip() { sed 's/^#check=[^&]*&//; s/&view=[a-z_]*//'; }
  from_file=$("$netlab" --print-link "$cfg" | strip)
  from_readme=$("$netlab" --print-link "${shown:-#}" | strip)
  [ "$from_file" = "$from_readme" ] ||
    { echo "FAIL: README.md's link for $name opens another config:"; echo "  file:   $from_file"; echo "  README: $from_readme"; exit 1; }
  rows=$((rows + 1))
done
echo "ok - README.md's $rows example links open their files' configs"
echo "headless CLI: ok"
