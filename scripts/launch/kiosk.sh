#!/bin/sh
# Starts a ticket kiosk: Chromium in kiosk mode on /kiosk, for a touch screen (touch events on, no pinch
# zoom, no swipe back), with sound allowed without a tap for any sound the kiosk plays.
#
#   scripts/launch/kiosk.sh http://<centre-server>:8080
#   scripts/launch/kiosk.sh 'http://<centre-server>:8080/kiosk?pair=<token>'   # the first time, to pair
#
# Tickets are printed by the server, so the browser never shows a print dialog. The pairing token is kept
# in this kiosk's Chromium profile. See chromium-kiosk.sh for the environment variables it understands.
# Extra arguments go to Chromium.
set -eu
here=$(cd "$(dirname "$0")" && pwd)

case "${1:-}" in
  '' | -h | --help)
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
esac

server=$1
shift
case "$server" in
  */kiosk*) url=$server ;;
  *) url="${server%/}/kiosk/" ;;
esac

exec "$here/chromium-kiosk.sh" kiosk "$url" \
  --autoplay-policy=no-user-gesture-required \
  --touch-events=enabled \
  "$@"
