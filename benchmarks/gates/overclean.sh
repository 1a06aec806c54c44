#!/usr/bin/env bash
# Accuracy gate: see benchmarks/overclean.py (floors pinned there).
set -euo pipefail
python benchmarks/overclean.py 
