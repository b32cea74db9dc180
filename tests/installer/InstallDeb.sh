#!/usr/bin/env bash
# Builds the .deb with cpack from a build tree, installs it into this machine, runs the
# installed programs as IT and a worker would, then removes and purges it and checks what
# stays (the server's data) and what goes (everything else). Leaves the machine as it
# found it, also on failure. Usage: InstallDeb.sh BUILD_DIR [CPACK]
set -euo pipefail

build=$(cd "$1" && pwd)
cpack=${2:-cpack}
package=pivot-casebook
data=/var/lib/casebook
step() { echo "== $*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
# installed, config-files, ...; empty when dpkg has never heard of the package.
state() { dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null | grep -v '^not-installed$' || true; }

root=()
if [ "$(id -u)" -ne 0 ]; then
  sudo -n true 2>/dev/null || fail "installing the .deb needs root or passwordless sudo, and neither is available here"
  root=(sudo -n)
fi
as_root() { "${root[@]}" "$@"; }

# One run at a time on the whole machine, whichever build tree it comes from (ctest's
# RESOURCE_LOCK only covers one ctest run): a flock on dpkg's database directory, which
# dpkg itself never flocks (it uses lock files inside), so nothing is left behind.
exec 9</var/lib/dpkg
flock -w 600 9 || fail "another installer test has held the lock on /var/lib/dpkg for 10 minutes"

# Never touch a real installation: what was here before must be here after.
[ -z "$(state)" ] \
  || fail "$package is on this machine ($(state)); the test will not replace it (dpkg -P $package first)"
if getent passwd casebook >/dev/null || getent group casebook >/dev/null; then
  fail "a casebook user or group already exists (a real server?); the test will not touch them"
fi
# The server's data: every file's checksum, to show that purge leaves it as it was.
snapshot() { as_root find "$data" -type f -exec sha256sum {} + | sort; }
data_existed=no
if [ -e "$data" ]; then
  data_existed=yes
  kept=$(snapshot)
fi

work=$(mktemp -d /tmp/pivot-casebook-deb.XXXXXX)
chmod 0755 "$work" # the casebook user reads nothing here, but runuser's cwd must be enterable
serve= # the server's pid while it runs
cleanup() {
  local rc=$?
  set +e
  if [ -n "$serve" ]; then
    as_root kill -TERM "$serve" 2>/dev/null
    wait "$serve" 2>/dev/null
  fi
  if [ -n "$(state)" ]; then
    echo "cleanup: purging $package"
    as_root dpkg -P "$package" >/dev/null
  fi
  getent passwd casebook >/dev/null && as_root deluser --system --quiet casebook >/dev/null 2>&1
  getent group casebook >/dev/null && as_root delgroup --system --quiet casebook >/dev/null 2>&1
  # Only a directory this test's install made (postinst) and filled; never one found here.
  [ "$data_existed" = no ] && [ -d "$data" ] && as_root rm -rf "$data"
  rm -rf "$work"
  [ "$rc" -eq 0 ] && echo "PASS: the .deb installs, runs, removes and purges cleanly" || echo "FAIL (exit $rc)"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "cpack: building the .deb from $build"
"$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$work/package" >"$work/cpack.log" 2>&1 \
  || { cat "$work/cpack.log"; fail "cpack failed"; }
deb=$(ls "$work"/package/${package}_*.deb)
[ -f "$deb" ] || fail "no ${package}_*.deb in $work/package"
echo "$(basename "$deb"), $(du -h "$deb" | cut -f1)"
info=$(dpkg-deb -I "$deb")
echo "$info" | grep -E '^ (Package|Version|Architecture|Section|Priority|Maintainer|Depends):'
echo "$info" | grep -q '^ Depends:.*libsqlcipher' || fail "Depends does not name SQLCipher's library (shlibdeps?)"
echo "$info" | grep -q '^ Depends:.*adduser' || fail "Depends does not name adduser"

step "dpkg -i"
as_root dpkg -i "$deb" || fail "dpkg -i failed (a missing dependency? scripts/bootstrap installs them)"
for program in casebook casebook-cli casebook-server; do
  [ -x /usr/bin/$program ] || fail "/usr/bin/$program is not installed"
  [ -f /usr/share/man/man1/$program.1.gz ] || fail "no man page for $program"
done
unit=/usr/lib/systemd/system/casebook-server.service
desktop=/usr/share/applications/casebook.desktop
for file in "$unit" "$desktop" /usr/share/icons/hicolor/scalable/apps/casebook.svg \
            /usr/share/icons/hicolor/256x256/apps/casebook.png /usr/share/doc/$package/INSTALL.md; do
  [ -f "$file" ] || fail "$file is not installed"
done
getent passwd casebook >/dev/null || fail "postinst did not create the casebook user"
if [ "$data_existed" = no ]; then
  [ "$(stat -c '%U %a' "$data")" = "casebook 700" ] || fail "$data is not casebook's, mode 0700: $(stat -c '%U %a' "$data")"
fi
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$desktop" || fail "desktop-file-validate refused $desktop"
else
  echo "note: desktop-file-validate not installed; the .desktop file was not validated"
fi
if command -v systemctl >/dev/null; then
  enabled=$(systemctl is-enabled casebook-server.service 2>&1 || true)
  echo "systemctl is-enabled casebook-server: $enabled"
  [ "$enabled" = disabled ] || fail "the unit should be installed disabled, is: $enabled"
else
  echo "SKIP: no systemctl on this machine (a chroot?); not checking that the unit is disabled"
fi
if [ -d /run/systemd/system ]; then
  systemctl is-active --quiet casebook-server.service && fail "the package started the server"
fi

step "the installed programs"
/usr/bin/casebook-cli --version | grep -qx "casebook-cli [0-9.]*" || fail "casebook-cli --version"
/usr/bin/casebook-server --version | grep -qx "casebook-server [0-9.]*" || fail "casebook-server --version"
QT_QPA_PLATFORM=offscreen /usr/bin/casebook --version | grep -q "[0-9]\.[0-9]" || fail "casebook --version"
/usr/bin/casebook-cli --version

# A worker's round trip on a store in a temporary folder (cheap key derivation, as the
# CLI tests do; the passphrase from the environment).
export HOME=$work/home CASEBOOK_PASSPHRASE="installer test passphrase 42" CASEBOOK_USER=tester
store=$work/home/team.store
mkdir -p "$HOME"
cli() { /usr/bin/casebook-cli --store "$store" "$@"; }
cli init --kdf-memory-mib 19 --kdf-ops 2
cli case add --referring-agency "Lancashire Police" --reason "Hoarding; fire risk" \
  --given-name Siân --family-name Jones --postcode "PR7 1DP" --need hoarding
cli case list | tee "$work/list.txt"
grep -q "Jones" "$work/list.txt" || fail "case list does not show the case just added"
year=$(date +%Y)
cli report --from "$year-01-01" --to "$year-12-31" | tee "$work/report.txt"
grep -qi "referral" "$work/report.txt" || fail "the report does not count referrals"
unset CASEBOOK_PASSPHRASE

# The server as its service runs it: its own user, the packaged data directory; init,
# serve, and a graceful stop on SIGTERM.
server_as_its_user() {
  step "casebook-server init and serve as the casebook user"
  cd "$work"
  as_root runuser -u casebook -- /usr/bin/casebook-server init --data "$data" --hostname casebook.test
  [ "$(stat -c '%U %a' "$data/server.key")" = "casebook 600" ] || fail "server.key is not casebook's, mode 0600"
  # setpriv execs the server itself (runuser would wait as its parent), and no function
  # runs it (that would be a subshell), so $! is the server (or sudo, which passes signals on).
  "${root[@]}" setpriv --reuid=casebook --regid=casebook --init-groups \
    /usr/bin/casebook-server serve --data "$data" --listen 127.0.0.1:0 >"$work/serve.log" 2>&1 &
  serve=$!
  for _ in $(seq 1 100); do
    grep -q "^Listening on" "$work/serve.log" && break
    sleep 0.1
  done
  grep -q "^Listening on https://127.0.0.1:" "$work/serve.log" || { cat "$work/serve.log"; fail "serve did not start"; }
  as_root kill -TERM "$serve"
  wait "$serve" || { cat "$work/serve.log"; fail "serve did not stop cleanly on SIGTERM"; }
  serve=
  grep -q "^Stopped" "$work/serve.log" || fail "serve did not report a graceful stop"
  cat "$work/serve.log"
  kept=$(snapshot)
  echo "$kept" | grep -q "/server.db$" || fail "no server.db after init"
}
# Data found here is never written to; only the directory the package made is used.
if [ "$data_existed" = no ]; then
  server_as_its_user
else
  echo "SKIP: $data was here before the test; init and serve not run in it"
fi

step "dpkg -r"
as_root dpkg -r "$package"
for file in /usr/bin/casebook /usr/bin/casebook-cli /usr/bin/casebook-server "$unit" "$desktop"; do
  if [ -e "$file" ]; then fail "$file is still there after dpkg -r"; fi
done
getent passwd casebook >/dev/null || fail "dpkg -r removed the casebook user (only purge should)"

step "dpkg -P"
as_root dpkg -P "$package"
[ -z "$(state)" ] || fail "dpkg still has $package ($(state)) after purge"
getent passwd casebook >/dev/null && fail "purge left the casebook user"
[ "$(snapshot)" = "$kept" ] || fail "purge changed the server's data in $data"
echo "$data kept after purge: $(as_root ls "$data" | tr '\n' ' ')"
