#!/usr/bin/env bash
# Accuracy gate: coherence flags on the tampered ground-truth articles of the
# article-extraction benchmark (seed 0, every article), against the floors and the
# false-flag ceiling pinned in benchmarks/coherence.py (about 10 s).
set -euo pipefail
python benchmarks/coherence.py --check
