#!/usr/bin/env bash
# Accuracy gate: see benchmarks/repair.py (floors pinned there).
set -euo pipefail
python benchmarks/repair.py --check
