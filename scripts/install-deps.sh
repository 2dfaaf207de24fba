#!/usr/bin/env bash
# Install what zhclaim needs to build and test, if it is missing (Debian 12).
set -euo pipefail

# Build: the compiler, ICU, PCRE2, SQLite, libcrypto; report formats:
# poppler-glib (PDF), libxml2 (HTML, DOCX XML), libzip (DOCX). Tests: cmocka,
# cppcheck, clang (libFuzzer, ThreadSanitizer), fixture makers (pandoc,
# pango-view with a CJK font, qpdf, poppler-utils), Debian's Python with
# Dask and pandas, Chromium for the review page, sqlite3 and opencc (bench).
packages=(build-essential cmake pkg-config libicu-dev libpcre2-dev libcmocka-dev
          libsqlite3-dev libssl-dev python3 cppcheck
          libpoppler-glib-dev libxml2-dev libzip-dev
          clang poppler-utils pandoc pango1.0-tools fonts-wqy-microhei qpdf
          python3-distributed python3-pandas chromium sqlite3 opencc)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root to install: ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
