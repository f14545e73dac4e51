#!/usr/bin/env bash
# Wrap "dist/Ollama Desk.app" (from `pyinstaller build.spec` on macOS) in a compressed .dmg
# whose window shows the app next to an Applications link: drag one onto the other.
#   installer/macos/make_dmg.sh [VERSION]   -> dist/ollama-desk-<version>-macos-<arch>.dmg
# Uses only tools that ship with macOS (ditto, hdiutil).
set -euo pipefail
cd "$(dirname "$0")/../.."
app="dist/Ollama Desk.app"
version="${1:-$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')}"
arch="$(uname -m)"   # arm64 or x86_64: PyInstaller builds for the architecture of its Python
dmg="dist/ollama-desk-${version}-macos-${arch}.dmg"
[ -d "$app" ] || { echo "no $app: run pyinstaller build.spec first" >&2; exit 1; }

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
# ditto keeps the bundle's symlinks, permissions and code signature intact
ditto "$app" "$staging/Ollama Desk.app"
ln -s /Applications "$staging/Applications"
rm -f "$dmg"
hdiutil create -volname "Ollama Desk" -srcfolder "$staging" -fs HFS+ -format UDZO \
  -imagekey zlib-level=9 -ov "$dmg"
hdiutil verify "$dmg"
echo "$dmg $(du -h "$dmg" | cut -f1)"
