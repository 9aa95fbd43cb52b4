#!/usr/bin/env bash
# Installs every tool the real-tool interop checks (tests/interop/run.sh) use.
# Debian packages (TeX, biber, pandoc, poppler), a Python venv at .venv with the
# Python checkers, and the citation-js packages into tests/interop/node_modules.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

export DEBIAN_FRONTEND=noninteractive
sudo_cmd=""
if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo"; fi
$sudo_cmd apt-get update -qq
$sudo_cmd apt-get install -y -qq --no-install-recommends \
    biber texlive-bibtex-extra texlive-latex-recommended texlive-latex-base \
    texlive-fonts-recommended lmodern pandoc poppler-utils \
    citation-style-language-styles citation-style-language-locales >/dev/null

if [ ! -x "$root/.venv/bin/python" ]; then
    python3 -m venv "$root/.venv"
fi
"$root/.venv/bin/pip" install -q --upgrade pip
"$root/.venv/bin/pip" install -q -r "$here/requirements.txt"

cd "$here"
if [ -f package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
else
    npm install --no-audit --no-fund --loglevel=error
fi
echo "interop tools installed"
