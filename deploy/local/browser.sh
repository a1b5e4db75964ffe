#!/usr/bin/env bash
# Installs Debian's Chromium for the web console's browser tests (tests/Web.Tests drive it with
# Playwright's .NET package, ExecutablePath=/usr/bin/chromium; Playwright never downloads a browser).
# Does nothing when it is already installed. Needs root or sudo, like servers.sh's apt-get installs.
set -euo pipefail
browser="${PLATFORM_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$browser" ]; then exit 0; fi
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "[browser] installing Debian's chromium (for the web console's end-to-end tests)"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
"$browser" --version
