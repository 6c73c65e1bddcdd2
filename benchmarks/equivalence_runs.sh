#!/bin/bash
# Run the same inputs through one checkout of storymine, for benchmarks.compare_tables (issue #17).
#
#   benchmarks/equivalence_runs.sh CODE_ROOT OUT_DIR [sample|10k|both]
#
# CODE_ROOT is a checkout (e.g. a detached worktree of an older commit, with .venv linked in); OUT_DIR
# receives, per corpus, the output after the first run (sample_first, k10_first) and after the second
# run (sample: an unchanged rerun; 10k: the same plus 1 % new documents, the incremental path). The
# 10k corpus is built once from $DATASETS (default ../shared/datasets beside this checkout;
# benchmarks.pipeline_corpus, seed 13) into
# $CORPUS (default /tmp/storymine_equivalence/corpus_10000). Both checkouts must use the same key:
# set STORYMINE_PSEUDONYM_KEY (a fixed test key is used when unset). Runs are direct (no Prefect).
# Then: python -m benchmarks.compare_tables OUT_A/sample_first OUT_B/sample_first, and so on.
set -euo pipefail
CODE=$(cd "$1" && pwd); OUT=$2; WHICH=${3:-both}
CORPUS=${CORPUS:-/tmp/storymine_equivalence/corpus_10000}
DATASETS=${DATASETS:-$(dirname "$0")/../../shared/datasets}
export PYTHONPATH=$CODE/src:$CODE
export STORYMINE_PSEUDONYM_KEY=${STORYMINE_PSEUDONYM_KEY:-storymine-equivalence-test-key}
export TOKENIZERS_PARALLELISM=false
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd); DATASETS=$(cd "$DATASETS" 2>/dev/null && pwd || echo "$DATASETS")
CONFIG=$OUT/direct.toml
printf '[operations]\norchestrator = "direct"\n' > "$CONFIG"
SM="nice -n 10 $CODE/.venv/bin/storymine"
cd "$CODE"
if [ "$WHICH" != 10k ]; then
  rm -rf "$OUT/sample" "$OUT/sample_first"
  $SM run data/sample --out "$OUT/sample" -q -c "$CONFIG"
  cp -r "$OUT/sample" "$OUT/sample_first"
  $SM run data/sample --out "$OUT/sample" -q -c "$CONFIG"
fi
if [ "$WHICH" != sample ]; then
  if [ ! -d "$CORPUS/base" ]; then
    "$CODE/.venv/bin/python" -c "import sys; from pathlib import Path; from benchmarks.pipeline_corpus import build_corpus
build_corpus(Path(sys.argv[1]), 10000, 0.01, Path(sys.argv[2])) or sys.exit('no shared datasets')" "$DATASETS" "$CORPUS"
  fi
  rm -rf "$OUT/k10" "$OUT/k10_first"
  $SM run "$CORPUS/base" --out "$OUT/k10" -q -c "$CONFIG"
  cp -r "$OUT/k10" "$OUT/k10_first"
  $SM run "$CORPUS/base" "$CORPUS/new" --out "$OUT/k10" -q -c "$CONFIG"
fi
