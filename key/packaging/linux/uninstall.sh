#!/bin/sh
# Removes the OrgCert USB Key assistant of this user: stops it, removes the systemd user unit, the autostart entry
# and ~/.local/share/orgcert-assistant. The configuration stays unless --purge is given.
set -eu
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
CONFIG=${XDG_CONFIG_HOME:-$HOME/.config}
if command -v systemctl >/dev/null 2>&1 && systemctl --user show-environment >/dev/null 2>&1; then
    systemctl --user disable --now orgcert-assistant.service >/dev/null 2>&1 || true
fi
rm -f "$CONFIG/systemd/user/orgcert-assistant.service" "$CONFIG/autostart/orgcert-assistant.desktop"
if command -v systemctl >/dev/null 2>&1 && systemctl --user show-environment >/dev/null 2>&1; then
    systemctl --user daemon-reload || true
fi
pkill -u "$(id -u)" -f "$DATA/orgcert-assistant/bin/orgcert-assistant" 2>/dev/null || true
rm -rf "$DATA/orgcert-assistant"
if [ "${1:-}" = "--purge" ]; then
    rm -rf "$CONFIG/orgcert-assistant"
    echo "OrgCert USB Key assistant and its configuration removed."
else
    echo "OrgCert USB Key assistant removed; the configuration $CONFIG/orgcert-assistant/config stays (--purge removes it)."
fi
