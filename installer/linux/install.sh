#!/bin/sh
# Ollama Desk, portable Linux build: install for the current user only (no root needed).
#   ./install.sh              copy into ~/.local and add Ollama Desk to the applications menu
#   ./install.sh --uninstall  remove what the line above installed (your chats and settings stay)
# You can also run ./ollama-desk directly from this folder without installing anything.
set -eu
refresh_caches() {
  # Only refresh an icon cache that exists: creating one in ~/.local would hide the icons of
  # apps installed later by tools that do not update it.
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
  if [ -f "$data/icons/hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
  fi
}
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
lib=$HOME/.local/lib/ollama-desk
bin=$HOME/.local/bin
if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$lib"
  rm -f "$bin/ollama-desk" "$data/applications/ollama-desk.desktop"
  rm -f "$data"/icons/hicolor/*/apps/ollama-desk.png "$data/icons/hicolor/scalable/apps/ollama-desk.svg"
  refresh_caches
  echo "Ollama Desk removed."
  exit 0
fi
mkdir -p "$lib" "$bin" "$data/applications"
cp "$here/ollama-desk" "$lib/ollama-desk"
chmod 755 "$lib/ollama-desk"
ln -sf "$lib/ollama-desk" "$bin/ollama-desk"
for png in "$here"/icons/hicolor/*/apps/ollama-desk.png; do
  size=$(basename "$(dirname "$(dirname "$png")")")
  mkdir -p "$data/icons/hicolor/$size/apps"
  cp "$png" "$data/icons/hicolor/$size/apps/"
done
mkdir -p "$data/icons/hicolor/scalable/apps"
cp "$here/icons/ollama-desk.svg" "$data/icons/hicolor/scalable/apps/ollama-desk.svg"
sed "s|^Exec=.*|Exec=$lib/ollama-desk|" "$here/ollama-desk.desktop" \
  > "$data/applications/ollama-desk.desktop"
refresh_caches
echo "Ollama Desk installed: find it in your applications menu, or run $bin/ollama-desk"
