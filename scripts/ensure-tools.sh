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
