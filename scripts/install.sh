#!/bin/sh
# Installs Foleni from this unpacked archive, with no internet: everything it needs is inside, except Node.js
# 20 (install its .deb beforehand; see the README, "Deploying"). Run from the unpacked folder:
#
#   sudo ./install.sh                      # into /opt/foleni, user foleni, systemd service started at boot
#   ./install.sh --prefix DIR --no-systemd # only the files, into DIR (no root needed), started by hand
#
# With systemd it creates the system user `foleni` (data in /var/lib/foleni), puts it in the `lp` group for a
# USB ticket printer, installs scripts/systemd/foleni.service and starts it. Run again to upgrade: the data
# folder is kept, the service restarted.
set -eu

PREFIX=/opt/foleni
SYSTEMD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX=${2:?--prefix needs a folder}; shift 2 ;;
    --no-systemd) SYSTEMD=0; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

HERE=$(cd "$(dirname "$0")" && pwd)

if ! command -v node >/dev/null 2>&1; then
  echo "Node.js is not installed. Install Node.js 20 first (see the README, \"Deploying\"), then run this again." >&2
  exit 1
fi
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a === 20 && b >= 19 ? 0 : 1)'; then
  echo "Node.js $(node -v) is installed, but this package is built for Node.js 20 (20.19 or later). Install Node.js 20, then run this again." >&2
  exit 1
fi
if [ "$SYSTEMD" = 1 ] && [ "$(id -u)" != 0 ]; then
  echo "Run it as root (sudo ./install.sh), or with --prefix DIR --no-systemd to copy the files only." >&2
  exit 1
fi

echo "Installing Foleni into $PREFIX"
mkdir -p "$PREFIX"
if [ "$HERE" != "$(cd "$PREFIX" && pwd)" ]; then
  # An upgrade replaces the program, never the data (which lives in FOLENI_DATA_DIR, not here).
  rm -rf "$PREFIX/server/dist" "$PREFIX/node_modules" "$PREFIX/kiosk-ui" "$PREFIX/display-ui" "$PREFIX/counter-ui"
  cp -a "$HERE/." "$PREFIX/"
fi

# The database driver is a native module: check it loads on this machine before anything depends on it.
if ! (cd "$PREFIX/server" && node -e 'new (require("better-sqlite3"))(":memory:").close()'); then
  echo "The database driver does not load on this machine: this package is for Linux x64 with Node.js 20." >&2
  exit 1
fi

if [ "$SYSTEMD" = 0 ]; then
  echo "Installed. Start it with:  cd $PREFIX && FOLENI_DATA_DIR=/some/folder node server/dist/main.js"
  exit 0
fi

if ! id foleni >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/foleni --shell /usr/sbin/nologin foleni
fi
# The USB ticket printer's device file (/dev/usb/lp0) belongs to the lp group. Effective when the service
# (re)starts, which it does below.
if getent group lp >/dev/null 2>&1; then usermod -aG lp foleni; fi

sed "s#/opt/foleni#$PREFIX#g" "$PREFIX/scripts/systemd/foleni.service" > /etc/systemd/system/foleni.service
systemctl daemon-reload
systemctl enable foleni >/dev/null
systemctl restart foleni
echo "Foleni is installed and running (systemctl status foleni)."
echo "The first start prints the admin password once: journalctl -u foleni | grep 'Admin:'"
echo "Set options (FOLENI_BACKUP_DIR, FOLENI_ADMIN_PASSWORD, ...) with: sudo systemctl edit foleni"
