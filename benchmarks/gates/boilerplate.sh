#!/usr/bin/env bash
# Accuracy gate: HTML extraction and plain-text boilerplate removal on the
# 181-page article-extraction benchmark, against benchmarks/boilerplate_floors.json.
set -euo pipefail
python benchmarks/boilerplate.py --check
