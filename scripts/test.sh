#!/usr/bin/env bash
# The whole test suite: installs what the tests drive (a JDK, Maven, headless Chromium, Jupyter) when missing,
# then runs every module's tests with Maven. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh --tests
exec mvn -B verify "$@"
