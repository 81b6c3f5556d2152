#!/bin/sh
# Installs the OrgCert USB Key assistant for this user (no root needed):
#   - the program (with its own Java runtime) into ~/.local/share/orgcert-assistant
#   - the configuration ~/.config/orgcert-assistant/config, from config.example, unless there is one already
#   - start at login: ~/.config/autostart/orgcert-assistant.desktop, and a systemd user unit
#     ~/.config/systemd/user/orgcert-assistant.service, enabled and started when systemd --user runs
#
#   ./install.sh [--service URL] [--token-file PATH --device-key PATH] [--no-start]
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
CONFIG=${XDG_CONFIG_HOME:-$HOME/.config}
DEST="$DATA/orgcert-assistant"
CONFIG_FILE="$CONFIG/orgcert-assistant/config"
AUTOSTART="$CONFIG/autostart/orgcert-assistant.desktop"
UNIT="$CONFIG/systemd/user/orgcert-assistant.service"

service=""; token_file=""; device_key=""; start=true
while [ $# -gt 0 ]; do
    case "$1" in
        --service) service="$2"; shift 2 ;;
        --token-file) token_file="$2"; shift 2 ;;
        --device-key) device_key="$2"; shift 2 ;;
        --no-start) start=false; shift ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

# the program: a fresh copy replaces the old one whole
mkdir -p "$DATA"
rm -rf "$DEST.new"
cp -a "$HERE/app" "$DEST.new"
cp "$HERE/start-assistant" "$HERE/uninstall.sh" "$HERE/config.example" "$DEST.new/"
if command -v systemctl >/dev/null 2>&1 && systemctl --user is-active --quiet orgcert-assistant.service 2>/dev/null
then
    systemctl --user stop orgcert-assistant.service || true
fi
rm -rf "$DEST"
mv "$DEST.new" "$DEST"

# the configuration: kept when there is one (it names this user's token)
mkdir -p "$(dirname "$CONFIG_FILE")"
if [ ! -f "$CONFIG_FILE" ]; then
    sed -e "${service:+s|^service = .*|service = $service|}" \
        -e "${token_file:+s|^token-file = .*|token-file = $token_file|}" \
        -e "${device_key:+s|^device-key = .*|device-key = $device_key|}" \
        "$HERE/config.example" > "$CONFIG_FILE"
    chmod 600 "$CONFIG_FILE"
    configured=new
else
    configured=kept
fi

# start at login: the desktop's autostart entry ...
mkdir -p "$(dirname "$AUTOSTART")"
sed "s|@START@|$DEST/start-assistant|" "$HERE/orgcert-assistant.desktop.in" > "$AUTOSTART"

# ... and a systemd user unit (also for sessions without a desktop); start-assistant defers to it when enabled
mkdir -p "$(dirname "$UNIT")"
cat > "$UNIT" <<SERVICE
[Unit]
Description=OrgCert USB Key assistant (http://127.0.0.1:17017)

[Service]
Type=simple
ExecStart=$DEST/bin/orgcert-assistant
Restart=on-failure
RestartSec=10
NoNewPrivileges=yes

[Install]
WantedBy=default.target
SERVICE

systemd=false
if command -v systemctl >/dev/null 2>&1 && systemctl --user show-environment >/dev/null 2>&1; then
    systemd=true
    systemctl --user daemon-reload
    systemctl --user enable orgcert-assistant.service >/dev/null 2>&1
fi

echo "OrgCert USB Key assistant installed in $DEST (USB Key 助手已安装)."
if [ "$configured" = new ]; then
    echo "Configuration: $CONFIG_FILE - check service, token-file and device-key (请核对配置文件)."
else
    echo "Configuration kept: $CONFIG_FILE"
fi
if $systemd; then
    echo "Starts at login: systemd user unit orgcert-assistant.service (enabled) and $AUTOSTART."
else
    echo "Starts at login: $AUTOSTART (systemd --user is not running here; the unit $UNIT is written, not enabled)."
fi
if $start; then
    if $systemd; then
        systemctl --user restart orgcert-assistant.service
    else
        nohup "$DEST/start-assistant" >/dev/null 2>&1 &
    fi
    echo "Started. The assistant's page: http://127.0.0.1:17017/ (助手页面)"
fi
