# The setup and the checks the PyTorch export tests make (pytorch_{export,sequence,generative,boltzmann}_test.sh),
# sourced by them with netlab-headless as their first argument; each check prints ok/FAIL and sets fail=1 on
# a failure.
set -euo pipefail
netlab="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/../.."
python=/usr/bin/python3
tmp="$(mktemp -d)"
trap "rm -rf '$tmp'" EXIT  # the folder made here, whatever $tmp says later
if ! "$python" -c "import torch" 2>/dev/null; then
  echo "FAIL: Debian's python3-torch is missing (scripts/install-deps installs it)"
  exit 1
fi
fail=0

# Config file $2 copied to $tmp/config$1.cfg and exported to $tmp/export$1; $3 steps (a report every $4,
# else 10) of netlab --headless ($tmp/netlab$1.txt) and of train.py ($tmp/torch$1.txt).
run_config() {  # index config-file steps [report-every]
  local cfg="$tmp/config$1.cfg" out="$tmp/export$1" every="${4:-10}"
  cp "$2" "$cfg"
  "$netlab" --export-pytorch "$out" "$cfg"
  "$netlab" --headless --steps "$3" --report-every "$every" "$cfg" > "$tmp/netlab$1.txt" 2>/dev/null
  "$python" "$out/train.py" --steps "$3" --report-every "$every" > "$tmp/torch$1.txt"
}

# run_config's two reports compared by compare_reports.py within 1e-4, accuracies within `rows` rows.
compare_config() {  # index steps rows
  local what
  what="$(grep -v '^#' "$tmp/config$1.cfg" | tr '\n' ' ' | cut -c1-120)"
  if "$python" "$here/compare_reports.py" "$tmp/netlab$1.txt" "$tmp/torch$1.txt" 1e-4 "$3"; then
    echo "ok - train.py reproduces netlab --headless for $2 steps: $what"
  else
    echo "FAIL: train.py differs from netlab --headless: $what"; fail=1
  fi
}

# Config file i of "${configs[@]}" (tests/export/configs/, or an example) through run_config for 100 steps
# and compare_config; accuracies may differ by one row of the smaller set they are measured on (a logit
# tie in float), at most `accuracy_rows` rows.
check_config() {  # index config-file accuracy-rows
  local i="$1" out="$tmp/export$1"
  run_config "$i" "$2" 100
  local train test
  train=$(grep -c ',train$' "$out/data.csv"); test=$(grep -c ',test$' "$out/data.csv")
  train=$(( train < $3 ? train : $3 ))
  compare_config "$i" 100 $(( train < test ? train : test ))
  # The first line (parameters=, train=, test=, where the task prints one) is Netlab's too.
  if [ "$(head -1 "$tmp/netlab$i.txt")" != "$(head -1 "$tmp/torch$i.txt")" ] &&
     [[ "$(head -1 "$tmp/netlab$i.txt")" != step=* ]]; then
    echo "FAIL: '$(head -1 "$tmp/torch$i.txt")' against netlab's '$(head -1 "$tmp/netlab$i.txt")'"; fail=1
  fi
}

# check_config for each config file (its index among them), accuracies within `accuracy_rows` rows; the
# files are "${configs[@]}" afterwards.
check_configs() {  # accuracy-rows config-file...
  local rows="$1"
  shift
  configs=("$@")
  for i in "${!configs[@]}"; do check_config "$i" "${configs[$i]}" "$rows"; done
}

# A Fashion-MNIST config (dataset=fashion): no data.csv is written, train.py reads Debian's IDX files (the
# netlab run's 60,000 and 10,000 images), and `steps` steps (a report every 5) agree as check_config's do,
# accuracies within `accuracy_rows` rows.
check_fashion() {  # index config-file steps accuracy-rows
  if [ ! -f /usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz ]; then
    echo "FAIL: Debian's dataset-fashion-mnist is missing (scripts/install-deps installs it)"; fail=1; return
  fi
  run_config "$1" "$2" "$3" 5
  if [ -e "$tmp/export$1/data.csv" ] || ! grep -q FASHION_MNIST_DIR "$tmp/export$1/README.md"; then
    echo "FAIL: the Fashion-MNIST export wrote data.csv or its README does not name FASHION_MNIST_DIR"; fail=1
  fi
  compare_config "$1" "$3" "$4"
  if [ "$(head -1 "$tmp/netlab$1.txt")" != "$(head -1 "$tmp/torch$1.txt")" ] &&
     [[ "$(head -1 "$tmp/netlab$1.txt")" != step=* ]]; then
    echo "FAIL: '$(head -1 "$tmp/torch$1.txt")' against netlab's '$(head -1 "$tmp/netlab$1.txt")'"; fail=1
  fi
}

# --weights: `steps` steps of netlab on the config saved to $tmp/trained.nlw, and the folder exported with
# those weights to $tmp/trained.
export_trained() {  # config steps
  "$netlab" --headless --steps "$2" --save-weights "$tmp/trained.nlw" "$1" > /dev/null 2>&1
  "$netlab" --export-pytorch "$tmp/trained" --weights "$tmp/trained.nlw"
}

# export_trained, then `steps` more steps reported every `every` by netlab --headless --weights
# ($tmp/netlab_trained.txt) and by the exported train.py ($tmp/torch_trained.txt).
run_trained() {  # config saved-steps steps every
  export_trained "$1" "$2"
  "$netlab" --headless --weights "$tmp/trained.nlw" --steps "$3" --report-every "$4" > "$tmp/netlab_trained.txt" 2>/dev/null
  "$python" "$tmp/trained/train.py" --steps "$3" --report-every "$4" > "$tmp/torch_trained.txt"
}

# Two processes (DistributedDataParallel on gloo) print what one prints. Debian's torch 1.13 under Python
# 3.11 needs --redirects/--tee other than 0 (its Std flag parsing); rank 0's lines are then prefixed.
check_ddp() {  # export-folder one-process-report port what
  "$python" -m torch.distributed.run --redirects 1 --tee 1 --nproc_per_node=2 --master_port="$3" \
    "$1/train.py" --steps 100 --report-every 10 2>/dev/null | sed 's/^\[[^]]*\]://' > "$tmp/ddp.txt"
  if "$python" "$here/compare_reports.py" "$2" "$tmp/ddp.txt" 1e-5 1000000; then
    echo "ok - $4 in 2 processes (torch.distributed.run, gloo) prints the 1-process report lines"
  else
    echo "FAIL: 2 processes differ from 1"; fail=1
  fi
}

# The notebook is the script's code: it runs, and prints the script's first report line.
check_notebook() {  # export-folder first-report-line
  if (cd "$1" && "$python" -m jupyter nbconvert --to notebook --execute --output run.ipynb notebook.ipynb >/dev/null 2>&1); then
    if grep -qF "$2" "$1/run.ipynb"; then
      echo "ok - notebook.ipynb runs (nbconvert --execute) and prints the script's first report line"
    else
      echo "FAIL: the notebook ran without printing '$2'"; fail=1
    fi
  else
    echo "FAIL: notebook.ipynb did not run under jupyter nbconvert --execute"; fail=1
  fi
}

# --weights: the trained model's outputs in PyTorch (train.py --predict) are netlab --predict's.
check_predict() {  # config rows-from-data.csv-command what
  export_trained "$1" 300
  grep ',test$' "$tmp/trained/data.csv" | eval "$2" > "$tmp/rows.csv"
  "$netlab" --weights "$tmp/trained.nlw" --predict "$tmp/rows.csv" > "$tmp/netlab_predict.txt"
  "$python" "$tmp/trained/train.py" --predict "$tmp/rows.csv" > "$tmp/torch_predict.txt"
  if "$python" - "$tmp/netlab_predict.txt" "$tmp/torch_predict.txt" <<'PY'
import sys
a = [[float(v) for v in l.split(",")] for l in open(sys.argv[1]) if l.strip()]
b = [[float(v) for v in l.split(",")] for l in open(sys.argv[2]) if l.strip()]
worst = max(abs(x - y) for r, s in zip(a, b) for x, y in zip(r, s))
print(f"  {len(a)} rows, worst gap {worst:.2e}")
sys.exit(0 if len(a) == len(b) and len(a) > 0 and worst <= 1e-5 else 1)
PY
  then
    echo "ok - with --weights, train.py --predict gives netlab --predict's $3 within 1e-5"
  else
    echo "FAIL: train.py --predict differs from netlab --predict"; fail=1
  fi
}

# Refusals: exit 2 and a message naming what cannot be exported, and no folder written.
refused() {  # expected-text config-text [more arguments]
  printf '%s\n' "$2" > "$tmp/refused.cfg"
  set +e
  message="$("$netlab" --export-pytorch "$tmp/refused" "${@:3}" "$tmp/refused.cfg" 2>&1)"
  status=$?
  set -e
  if [ "$status" -eq 2 ] && [[ "$message" == *"$1"* ]] && [ ! -e "$tmp/refused/train.py" ]; then
    echo "ok - refused with exit 2: $message"
  else
    echo "FAIL: expected exit 2 naming '$1', got $status: $message"; fail=1
  fi
}
