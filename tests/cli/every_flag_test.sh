#!/usr/bin/env bash
# Every flag for every task: the command line honours it (the file it names is written and reads back)
# or refuses it (exit 2, a message naming the flag and the task); nothing is accepted and ignored. Which
# flags a task claims comes from `netlab-headless --help` (printed from the task table); this test checks
# that each claim holds and that each flag not claimed is refused, for one example config of every task.
set -euo pipefail
netlab="$1"
configs="$(cd "$(dirname "$0")/../../examples/configs" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$netlab" --help 2> "$tmp/help.txt" > /dev/null || true
grep -q "^  playground " "$tmp/help.txt" || fail "--help lists no tasks: $(cat "$tmp/help.txt")"

# One example per task (the full Fashion-MNIST ones aside: their data is not part of the tree).
declare -A example
for cfg in "$configs"/*.cfg; do
  case "$(basename "$cfg")" in fashion-*) continue ;; esac
  task="$("$netlab" --print-link "$cfg" | grep -o 'task=[a-z0-9-]*' | cut -d= -f2 || true)"
  [ -n "$task" ] || task=playground
  [ -n "${example[$task]:-}" ] || example[$task]="$cfg"
done

# Rows of zeros as wide as the model's input, for --predict (the 2-D playground, 8x8 digits).
zeros() { python3 -c "import sys; print('\n'.join([','.join(['0'] * $1)] * 3))"; }

tasks=0
while read -r task flags; do
  [ -n "${example[$task]:-}" ] || fail "the $task task has no example config in examples/configs"
  cfg="${example[$task]}"
  claims=" $flags "
  tasks=$((tasks + 1))
  rm -f "$tmp"/*.nlw "$tmp"/*.onnx "$tmp"/*.csv
  run() { timeout 300 "$netlab" "$@" > "$tmp/out.txt" 2> "$tmp/err.txt"; }
  refused() {  # refused FLAG ARGS...: exit 2 naming the flag and the task
    local flag="$1" status=0
    shift
    run "$@" || status=$?
    [ "$status" -eq 2 ] || fail "$task: $flag is not claimed, yet it exited $status: $(head -c 300 "$tmp/err.txt")"
    grep -q -- "$flag means nothing for the $task task" "$tmp/err.txt" ||
      fail "$task: the refusal of $flag does not name it and the task: $(head -c 300 "$tmp/err.txt")"
  }
  # writes FLAG FILE STEPS: where the task claims FLAG, a run of STEPS steps writes FILE (status 0, and the
  # caller checks what it wrote); elsewhere FLAG is refused (status 1). Failures exit through fail: called
  # as an `if`'s condition, the function runs without errexit.
  writes() {
    local flag="$1" file="$2" steps="$3"
    if [[ "$claims" == *" $flag "* ]]; then
      run --headless --steps "$steps" "$flag" "$file" "$cfg" || fail "$task $flag: $(cat "$tmp/err.txt")"
    else
      refused "$flag" --headless --steps 1 "$flag" "$file" "$cfg"
      return 1
    fi
  }
  # --save-weights, then --weights: the file reads back into a fresh run, which saves the same bytes.
  if writes --save-weights "$tmp/a.nlw" 3; then
    [ -s "$tmp/a.nlw" ] || fail "$task: --save-weights wrote nothing"
    run --headless --steps 0 --weights "$tmp/a.nlw" --save-weights "$tmp/b.nlw" "$cfg" ||
      fail "$task --weights: $(cat "$tmp/err.txt")"
    cmp -s "$tmp/a.nlw" "$tmp/b.nlw" || fail "$task: the weights read back are not the weights saved"
  else
    [ ! -e "$tmp/a.nlw" ] || fail "$task: a refused --save-weights wrote a file"
    refused --weights --headless --steps 1 --weights "$tmp/none.nlw" "$cfg"
  fi
  if writes --export-onnx "$tmp/m.onnx" 3; then
    [ "$(stat -c %s "$tmp/m.onnx")" -gt 100 ] || fail "$task: --export-onnx wrote $(stat -c %s "$tmp/m.onnx") bytes"
  fi
  if [[ "$claims" == *" --predict "* ]]; then
    width=2
    [ "$task" = classify ] && width=64
    zeros $width > "$tmp/in.csv"
    run --headless --steps 3 --predict "$tmp/in.csv" "$cfg" || fail "$task --predict: $(cat "$tmp/err.txt")"
    # The report lines, then a line of outputs per input row.
    [ "$(tail -n 3 "$tmp/out.txt" | grep -c '^[-0-9.e, ]*$')" -eq 3 ] ||
      fail "$task: --predict printed no 3 rows of numbers: $(tail -n 4 "$tmp/out.txt")"
  else
    echo 0,0 > "$tmp/in.csv"
    refused --predict --headless --steps 1 --predict "$tmp/in.csv" "$cfg"
  fi
  if writes --dataset-csv "$tmp/d.csv" 1; then
    [ "$(wc -l < "$tmp/d.csv")" -gt 10 ] || fail "$task: --dataset-csv wrote $(wc -l < "$tmp/d.csv") lines"
  fi
  # --history-csv: every task, a row per report line (the run's own richer history where it keeps one).
  run --headless --steps 4 --report-every 2 --history-csv "$tmp/h.csv" "$cfg" ||
    fail "$task --history-csv: $(cat "$tmp/err.txt")"
  head -n 1 "$tmp/h.csv" | grep -q '^step,' || fail "$task: the history has no step column: $(head -n 1 "$tmp/h.csv")"
  [ "$(wc -l < "$tmp/h.csv")" -ge 3 ] || fail "$task: the history has $(wc -l < "$tmp/h.csv") lines"
  if [[ "$claims" != *" --data "* ]]; then
    refused --data --headless --steps 1 --data "$tmp/in.csv" "$cfg"
  fi
  # --epochs: honoured where the report lines count epochs, else refused.
  run --headless --steps 0 "$cfg" || fail "$task: $(cat "$tmp/err.txt")"
  if grep -q ' epoch=' "$tmp/out.txt"; then
    run --headless --epochs 1 --report-every 1000000 "$cfg" || fail "$task --epochs 1: $(cat "$tmp/err.txt")"
    tail -n 1 "$tmp/out.txt" | grep -Eq ' epoch=1(\.0+)?( |$)' || fail "$task: --epochs 1 ended at $(tail -n 1 "$tmp/out.txt")"
  else
    refused --epochs --headless --epochs 1 "$cfg"
  fi
  echo "ok - $task honours ${flags:+$flags }--history-csv and refuses the rest"
done < <(sed -n '/^  [a-z]/p' "$tmp/help.txt" | sed 's/(none)//')
[ "$tasks" -eq "${#example[@]}" ] || fail "--help lists $tasks tasks, the examples name ${#example[@]}"
echo "ok - $tasks tasks, every flag honoured or refused"
