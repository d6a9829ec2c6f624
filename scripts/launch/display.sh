#!/bin/sh
# Starts a waiting-room TV: Chromium in kiosk mode on /display, with sound allowed without a tap
# (--autoplay-policy=no-user-gesture-required) so calls are chimed and spoken from the first one, and the
# voices of the machine itself (--enable-speech-dispatcher; Debian: apt install speech-dispatcher espeak-ng).
#
#   scripts/launch/display.sh http://<centre-server>:8080
#   scripts/launch/display.sh 'http://<centre-server>:8080/display?pair=<token>'   # the first time, to pair
#
# The pairing link comes from the admin settings (or the server's start-up message for the demo display);
# it is stored in this screen's Chromium profile, so later starts need only the server's address.
# See chromium-kiosk.sh for the environment variables it understands. Extra arguments go to Chromium.
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
  */display*) url=$server ;;
  *) url="${server%/}/display" ;;
esac

# Without speech-dispatcher Chromium has no voice on Linux and the hall hears the chime alone: say so.
if [ -z "${FOLENI_DRY_RUN:-}" ] && ! command -v spd-say >/dev/null 2>&1; then
  echo "foleni: no local voice (speech-dispatcher is missing): calls will only chime. Debian/Ubuntu: sudo apt install speech-dispatcher espeak-ng" >&2
fi

# Chromium on Linux speaks only through speech-dispatcher, and only with this flag: its voices (espeak-ng's
# English and Kiswahili) are local, which is all the display uses.
exec "$here/chromium-kiosk.sh" display "$url" \
  --autoplay-policy=no-user-gesture-required \
  --enable-speech-dispatcher \
  "$@"
