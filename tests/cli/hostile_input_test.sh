#!/usr/bin/env bash
# The command line, tried hostile (docs/config.md, "Every way in"): the link of issue #29 that once
# overflowed the stack, and its minimised forms; bad flags and values; files that are no config, too
# large, a directory or a device that never ends; weights files of every version but the one written.
# Each is refused with a message naming the problem and exit status 2, or opens what it says: never a
# crash, a hang or a silent ignore.
set -euo pipefail
netlab="$1"
corpus="$(cd "$(dirname "$0")/../fuzz/corpus/config_link" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# expect_refusal PATTERN ARGS...: exit status 2 (not a crash: 128+ signals) and PATTERN on stderr.
expect_refusal() {
  local pattern="$1" status=0
  shift
  timeout 60 "$netlab" "$@" > "$tmp/out.txt" 2> "$tmp/err.txt" || status=$?
  [ "$status" -eq 2 ] || fail "netlab $* exited $status, not 2: $(head -c 300 "$tmp/err.txt")"
  grep -q -- "$pattern" "$tmp/err.txt" || fail "netlab $*: no message matching '$pattern': $(head -c 300 "$tmp/err.txt")"
  echo "ok - refused: netlab $(printf '%s ' "$@" | head -c 80) -> $(head -n 1 "$tmp/err.txt" | head -c 120)"
}

# Issue #29: the link the fuzzer found, exactly as reported, opens TF Playground's defaults with the goal.
link='https://playground.tensorflow.org/#activation=tanh&goal_text=playground.tensorflow.org'
timeout 60 "$netlab" --print-link --config "$link" > "$tmp/link.txt" || fail "the link of issue #29 exited $?"
grep -q 'goal_text=playground.tensorflow.org' "$tmp/link.txt" || fail "the link's goal text was lost: $(cat "$tmp/link.txt")"
echo "ok - the link of issue #29 opens with its goal"
# Its minimised form, and the fuzzer's own input: a message, not a crash.
expect_refusal "goal__hide" --print-link --config "$corpus/issue29_minimised"
expect_refusal "not of the form key=value" --print-link --config "$corpus/issue29_fuzzer_found"

# Flags: unknown, without their value, with values that are no whole number or out of range, twice.
expect_refusal "unknown option '--stpes'" --headless --stpes 10
expect_refusal "--steps needs a value" --headless --steps
expect_refusal "--steps takes a whole number from 0" --headless --steps ten
expect_refusal "--steps takes a whole number from 0" --headless --steps -5
expect_refusal "--steps takes a whole number from 0" --headless --steps 99999999999999999999
expect_refusal "--report-every takes a whole number from 1" --headless --report-every 0
expect_refusal "--config given twice" --config a.cfg --config b.cfg
expect_refusal "two configs given" a.cfg b.cfg

# Files: not a config, a directory, a device without end, a file over the config limit, a missing one.
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' > "$tmp/picture.cfg"
expect_refusal "not of the form key=value" --headless --steps 1 "$tmp/picture.cfg"
expect_refusal "cannot read" --headless --steps 1 "$tmp"
expect_refusal "larger than" --headless --steps 1 /dev/zero
head -c 200000 /dev/zero | tr '\0' 'a' > "$tmp/huge.cfg"
expect_refusal "larger than" --headless --steps 1 "$tmp/huge.cfg"
expect_refusal "neither a file nor a share link" --headless --steps 1 "$tmp/missing.cfg"

# Weights: every version but 1 and 2 is refused by number, as is a cut file.
printf 'dataset=xor\nlayers=4:tanh\nseed=1\n' > "$tmp/xor.cfg"
"$netlab" --headless --steps 5 --report-every 5 --save-weights "$tmp/w.nlw" "$tmp/xor.cfg" > /dev/null
for version in 0 3 255; do
  { head -c 8 "$tmp/w.nlw"; printf "\\x$(printf %02x "$version")\\x00\\x00\\x00"; tail -c +13 "$tmp/w.nlw"; } > "$tmp/v$version.nlw"
  expect_refusal "format version $version" --headless --steps 1 --weights "$tmp/v$version.nlw"
done
head -c 30 "$tmp/w.nlw" > "$tmp/cut.nlw"
expect_refusal "cut off" --weights "$tmp/cut.nlw" --predict "$tmp/xor.cfg"
expect_refusal "needs a model" --export-onnx "$tmp/m.onnx"

# A flag a task cannot honour is refused with the flag and the task named, never accepted and ignored.
expect_refusal "--save-weights means nothing for the perceptron task" --headless --steps 1 --save-weights "$tmp/p.nlw" \
  "task=perceptron&dataset=separable&layers="
expect_refusal "--predict means nothing for the rbm task" --headless --steps 1 --predict "$tmp/xor.cfg" \
  "task=rbm&dataset=digits&layers=16:sigmoid"
expect_refusal "--epochs means nothing for the gan task" --headless --epochs 2 "task=gan&dataset=ring&layers=16:relu"
expect_refusal "--data means nothing for the gan task" --headless --steps 2 --data "$tmp/xor.cfg" \
  "task=gan&dataset=ring&layers=16:relu"
expect_refusal "--history-csv needs a model" --history-csv "$tmp/h.csv" "$tmp/xor.cfg"
expect_refusal "give --steps or --epochs, not both" --headless --steps 2 --epochs 2 "$tmp/xor.cfg"
echo "all hostile command lines refused or opened as they say"
