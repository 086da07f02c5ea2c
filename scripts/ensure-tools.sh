#!/usr/bin/env bash
# Makes sure the machine has what fraudlake needs to build and run: a Java 17+ JDK and Maven 3.8+, and for the
# console's browser tests Debian's headless Chromium with its driver (/usr/bin/chromium, /usr/bin/chromedriver).
# Installs them with apt-get when missing (Debian/Ubuntu, as root); prints what it did on stderr.
set -euo pipefail

need=()
if ! command -v javac >/dev/null 2>&1 || ! javac -version 2>&1 | grep -qE 'javac (1[7-9]|2[0-9])'; then
  need+=(openjdk-17-jdk-headless)
fi
command -v mvn >/dev/null 2>&1 || need+=(maven)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)

if [ ${#need[@]} -gt 0 ]; then
  echo "fraudlake: installing ${need[*]} with apt-get" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "fraudlake: need root to install ${need[*]}; install them and run again" >&2
    exit 1
  fi
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

# Jupyter for the Java notebooks (scripts/notebooks.sh, NotebooksTest): Debian's nbconvert and kernel client,
# called as /usr/bin/jupyter whatever python3 comes first on PATH.
if ! [ -x /usr/bin/jupyter-nbconvert ] || ! /usr/bin/python3 -c 'import nbclient, jupyter_client, ipykernel' 2>/dev/null; then
  jupyter_pkgs=(jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel)
  echo "fraudlake: installing ${jupyter_pkgs[*]} with apt-get" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "fraudlake: need root to install ${jupyter_pkgs[*]}; install them and run again" >&2
    exit 1
  fi
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${jupyter_pkgs[@]}" >&2
fi
