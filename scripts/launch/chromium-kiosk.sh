#!/bin/sh
# Starts Chromium full screen on one Foleni page and keeps it there: restarted if it ever closes or
# crashes, screen blanking off, timers never throttled. Used by display.sh and kiosk.sh; not run directly.
#
#   chromium-kiosk.sh <kind> <page-url> [extra Chromium flags...]
#
# Environment:
#   FOLENI_BROWSER      the browser to run (default: the first of chromium, chromium-browser, google-chrome)
#   FOLENI_PROFILE_DIR  where this screen keeps its profile; the pairing token lives there, so keep it
#                       (default: ~/.local/share/foleni/<kind>-profile)
#   FOLENI_ONCE=1       run the browser once instead of restarting it (for trying things out)
#   FOLENI_DRY_RUN=1    print the command instead of running it
set -eu

kind=$1
url=$2
shift 2

browser=${FOLENI_BROWSER:-}
if [ -z "$browser" ]; then
  for candidate in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$candidate" >/dev/null 2>&1; then
      browser=$candidate
      break
    fi
  done
fi
if [ -z "$browser" ]; then
  echo "foleni: no Chromium found. Install it (Debian/Ubuntu: sudo apt install chromium) or set FOLENI_BROWSER." >&2
  exit 1
fi

profile=${FOLENI_PROFILE_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/foleni/$kind-profile}
mkdir -p "$profile"

# A crash or a power cut must not greet the hall with a "restore pages?" bubble.
for prefs in "$profile/Default/Preferences" "$profile/Local State"; do
  if [ -f "$prefs" ]; then
    sed -i 's/"exited_cleanly":false/"exited_cleanly":true/; s/"exit_type":"Crashed"/"exit_type":"Normal"/' "$prefs" 2>/dev/null || true
  fi
done

# No screen saver, no blanking, no power saving on a screen people watch all day.
if [ -n "${DISPLAY:-}" ] && command -v xset >/dev/null 2>&1 && [ -z "${FOLENI_DRY_RUN:-}" ]; then
  xset s off -dpms s noblank 2>/dev/null || true
fi

# Service workers (the screens' offline copy) need a secure origin. http://localhost is one already (the
# outreach laptop showing its own screens): no flag. A centre server on the LAN is plain http, so Chromium is
# told to treat that one server as secure. (Where an admin can write /etc/chromium/policies/managed/, the
# OverrideSecurityRestrictionsOnInsecureOrigin policy does the same without a flag.)
origin=$(printf '%s' "$url" | sed -E 's#^(https?://[^/]+).*#\1#')
case "$origin" in
  http://localhost | http://localhost:* | http://127.* | 'http://[::1]' | 'http://[::1]:'* | https://*) ;;
  *) set -- --unsafely-treat-insecure-origin-as-secure="$origin" "$@" ;;
esac

# Chromium marks some flags "unsupported" (this origin flag, and --enable-speech-dispatcher for the display's
# voices) with a warning bar across the top of the page that nobody at a kiosk or TV can close. Kiosk mode
# hides it in recent Chromium; --test-type hides it in every version, and changes nothing else a screen uses.
set -- \
  --kiosk \
  --test-type \
  --user-data-dir="$profile" \
  --no-first-run \
  --no-default-browser-check \
  --noerrdialogs \
  --disable-infobars \
  --disable-session-crashed-bubble \
  --disable-features=Translate \
  --password-store=basic \
  --check-for-update-interval=31536000 \
  --disable-background-timer-throttling \
  --disable-backgrounding-occluded-windows \
  --disable-renderer-backgrounding \
  --overscroll-history-navigation=0 \
  --disable-pinch \
  "$@" \
  "$url"

if [ -n "${FOLENI_DRY_RUN:-}" ]; then
  printf '%s' "$browser"
  printf ' %s' "$@"
  printf '\n'
  exit 0
fi

while :; do
  status=0
  "$browser" "$@" || status=$?
  if [ -n "${FOLENI_ONCE:-}" ]; then
    exit "$status"
  fi
  echo "foleni: the $kind browser stopped (exit $status); starting it again in 5 seconds. Ctrl+C to stop." >&2
  sleep 5
done
