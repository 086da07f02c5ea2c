#!/usr/bin/env bash
# Makes sure the machine has what fraudlake needs, installing what is missing with apt-get (Debian/Ubuntu, as
# root) and saying so on stderr.
#   scripts/ensure-tools.sh               to build and run: a Java 17+ JDK and Maven 3.8+
#   scripts/ensure-tools.sh --tests       also what the test suite drives: Debian's headless Chromium and its
#                                         driver (console browser tests) and Jupyter's nbconvert, nbclient and
#                                         kernel client (the Java notebooks, also scripts/notebooks.sh)
set -euo pipefail

need=()
if ! command -v javac >/dev/null 2>&1 || ! javac -version 2>&1 | grep -qE 'javac (1[7-9]|2[0-9])'; then
  need+=(openjdk-17-jdk-headless)
fi
command -v mvn >/dev/null 2>&1 || need+=(maven)

if [ "${1:-}" = "--tests" ] || [ "${1:-}" = "--notebooks" ]; then
  if [ "${1:-}" = "--tests" ]; then
    [ -x /usr/bin/chromium ] || need+=(chromium)
    [ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
  fi
  # Called as /usr/bin/jupyter whatever python3 comes first on PATH.
  if ! [ -x /usr/bin/jupyter-nbconvert ] || ! /usr/bin/python3 -c 'import nbclient, jupyter_client, ipykernel' 2>/dev/null; then
    need+=(jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel)
  fi
fi

if [ ${#need[@]} -gt 0 ]; then
  echo "fraudlake: installing ${need[*]} with apt-get" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "fraudlake: need root to install ${need[*]}; install them and run again" >&2
    exit 1
  fi
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi
