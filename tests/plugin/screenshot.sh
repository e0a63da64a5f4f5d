#!/bin/sh
# Takes docs/wireshark-tree.png: the Wireshark GUI (Qt) with the plugin, headless under Xvfb, showing
# the TLS capture of make_captures.py decrypted with its key log, frame 14 (an Execute request) with
# the MAPI over HTTP tree expanded and RopLogon selected, so that the bytes pane shows the
# "Decompressed ROP buffer" data source.
#
#   tests/plugin/screenshot.sh BUILD_DIR [OUTPUT.png]
#
# Needs (Debian): wireshark-qt xvfb xauth x11-apps xdotool imagemagick fonts-dejavu-core. Wireshark
# ignores personal plugins when run as root, so as root the GUI runs as nobody. The clicks are at
# fixed screen positions for a 1600x1100 screen and the default font: check the picture.
set -eu
build=${1:?usage: screenshot.sh BUILD_DIR [OUTPUT.png]}
here=$(cd "$(dirname "$0")" && pwd)
out=${2:-$here/../../docs/wireshark-tree.png}
work=$(mktemp -d /tmp/mapihttp-shot-XXXXXX)
display=:97
xvfb_pid= ws_pid=
cleanup() {
    [ -n "$ws_pid" ] && kill "$ws_pid" 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

mkdir -p "$work/plugins/4.0/epan" "$work/home/.config/wireshark" "$work/extcap"
cp "$build/dissector/wireshark/plugins/4.0/epan/mapihttp.so" "$work/plugins/4.0/epan/"
python3 "$here/make_captures.py" "$work/caps" >/dev/null
cat > "$work/home/.config/wireshark/recent_common" <<EOF
gui.geometry_main_x: 0
gui.geometry_main_y: 0
gui.geometry_main_width: 1600
gui.geometry_main_height: 1100
gui.geometry_main_maximized: FALSE
privs.warn_if_elevated: FALSE
EOF
cat > "$work/home/.config/wireshark/recent" <<EOF
gui.geometry_main_upper_pane: 230
gui.geometry_main_lower_pane: 1050
EOF
printf 'gui.layout_type: 2\ngui.update.enabled: FALSE\n' > "$work/home/.config/wireshark/preferences"
chmod 700 "$work/home"
as_user=""
if [ "$(id -u)" -eq 0 ]; then
    chown -R nobody:nogroup "$work"
    as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi

Xvfb $display -screen 0 1600x1100x24 -ac -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
sleep 2
$as_user env HOME="$work/home" XDG_RUNTIME_DIR="$work/home" DISPLAY=$display \
    WIRESHARK_PLUGIN_DIR="$work/plugins" WIRESHARK_EXTCAP_DIR="$work/extcap" \
    wireshark -r "$work/caps/tls.pcap" -o "tls.keylog_file:$work/caps/tls.keys" -g 14 >/dev/null 2>&1 &
ws_pid=$!
sleep 10
export DISPLAY=$display
xdotool mousemove 143 435 click 1   # "MAPI over HTTP, Execute request"
sleep 0.5
xdotool key shift+Right             # expand its subtrees
sleep 1
xdotool mousemove 200 877 click 1   # "RopLogon (0xFE)": the bytes pane switches to the decompressed buffer
sleep 1
import -window root -strip "$out"
echo "wrote $out"
