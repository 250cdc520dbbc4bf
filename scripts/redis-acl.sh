#!/usr/bin/env bash
# Write the users of a local Redis into DIR/users.acl (readable by its owner alone), and
# print the password of the app's user, "codesign", made once and kept in DIR/password.
# Nobody may use Redis without a password, and the app's user may not wipe or reconfigure
# it (FLUSHALL, FLUSHDB, CONFIG, DEBUG) nor list every key (KEYS). With ADMIN_PASSWORD set,
# an "admin" user may do everything (the tests use it to clear Redis between tests).
set -euo pipefail
dir=$1
umask 077
mkdir -p "$dir"
if [ ! -s "$dir/password" ]; then
  head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$dir/password"
fi
password=$(cat "$dir/password")
{
  echo "user default off resetpass -@all"
  echo "user codesign on >$password ~* &* +@all -flushall -flushdb -config -debug -keys"
  if [ -n "${ADMIN_PASSWORD:-}" ]; then
    echo "user admin on >$ADMIN_PASSWORD ~* &* +@all"
  fi
} > "$dir/users.acl"
echo "$password"
