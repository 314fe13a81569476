#!/bin/sh
# Renders every PNG in assets/ from its one SVG source: the app icon sizes from skein.svg, the tray states from tray.svg.
# Needs rsvg-convert (Debian/Ubuntu: apt-get install librsvg2-bin; macOS: brew install librsvg). Run it after editing an SVG.
set -eu
cd "$(dirname "$0")"
command -v rsvg-convert >/dev/null 2>&1 || {
  echo "render-icons.sh needs rsvg-convert: apt-get install librsvg2-bin (Debian, Ubuntu) or brew install librsvg (macOS)" >&2
  exit 1
}

# electron-builder takes the Linux sizes from icons/, and makes the .icns (macOS) and .ico (Windows) from the largest.
mkdir -p icons tray
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" -o "icons/${size}x${size}.png" skein.svg
done

css=$(mktemp)
trap 'rm -f "$css"' EXIT

# $1 state, $2 glyph colour, $3 badge colour, $4 output name without .png
render() {
  if [ "$1" = idle ]; then
    printf '.glyph { stroke: %s; } .glyph-cut, .badge { display: none; }\n' "$2" >"$css"
  else
    printf '.glyph { stroke: %s; } .glyph-whole, .badge { display: none; }\n.badge-%s { display: inline; fill: %s; }\n.badge-%s.ring { fill: none; stroke: %s; }\n' \
      "$2" "$1" "$3" "$1" "$3" >"$css"
  fi
  rsvg-convert -s "$css" -w 16 -h 16 -o "tray/$4.png" tray.svg
  rsvg-convert -s "$css" -w 32 -h 32 -o "tray/$4@2x.png" tray.svg
}

for state in idle connected reconnecting error; do
  case "$state" in
    idle) light=#1f2328 dark=#e6edf3 ;;
    connected) light=#1a7f37 dark=#3fb950 ;;
    reconnecting) light=#9a6700 dark=#d29922 ;;
    error) light=#cf222e dark=#f85149 ;;
  esac
  # light: a dark glyph for light panels; dark: a light glyph for dark panels.
  render "$state" '#1f2328' "$light" "tray-$state-light"
  render "$state" '#e6edf3' "$dark" "tray-$state-dark"
  # macOS template images: black and alpha only, the system colours them; the badge's shape tells the state.
  render "$state" '#000000' '#000000' "tray-${state}Template"
done
echo "rendered $(ls icons tray | grep -c png) PNGs into assets/icons and assets/tray"
