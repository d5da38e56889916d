#!/usr/bin/env bash
# Checks docs/fail2ban/filter.d/gatehouse.conf against real Gatehouse log
# output: failed_login_log_demo writes failed-login lines through the real
# logger (one per case in auth/accounts/failed_login_log_demo.cc), and
# fail2ban-regex must find exactly the client addresses, never the one a
# crafted username tries to smuggle in (6.6.6.6).
#
# Usage: fail2ban_filter.test.sh <build dir>
# Exit: 0 pass, 1 fail, 77 skip (only when fail2ban-regex is not installed).
set -euo pipefail

build_dir=${1:?usage: $0 <build dir>}
root=$(cd "$(dirname "$0")/../.." && pwd)
filter="$root/docs/fail2ban/filter.d/gatehouse.conf"
demo="$build_dir/auth/accounts/failed_login_log_demo"

if ! command -v fail2ban-regex >/dev/null 2>&1; then
  echo "SKIP: fail2ban-regex not installed (apt-get install fail2ban)"
  exit 77
fi
[[ -x "$demo" ]] || { echo "FAIL: $demo not built"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Lines go to stderr, as the server's do.
"$demo" 2>"$work/gatehouse.log" >/dev/null
expected=$'203.0.113.7\n2001:db8::42\n198.51.100.9\n198.51.100.10'
status=0

check() {  # <name> <log file> [fail2ban-regex options...]
  local name=$1 log=$2
  shift 2
  local got
  if ! got=$(fail2ban-regex "$@" -o ip "$log" "$filter" 2>"$work/stderr"); then
    echo "FAIL ($name): fail2ban-regex exited non-zero"; cat "$work/stderr"; status=1; return
  fi
  if [[ "$got" != "$expected" ]]; then
    echo "FAIL ($name): matched addresses differ"
    diff <(echo "$expected") <(echo "$got") || true
    status=1
  fi
  if grep -q '6\.6\.6\.6' <<<"$got"; then
    echo "FAIL ($name): the address injected through a username matched"; status=1
  fi
  [[ $status -ne 0 ]] || echo "ok ($name): $(wc -l <<<"$got") matches, hosts are the client IPs"
}

# The demo output really contains the injection attempts and a non-IP.
grep -q 'user="alice\\" ip=6.6.6.6"' "$work/gatehouse.log" || { echo "FAIL: injection line missing"; exit 1; }
grep -q ' ip=- ' "$work/gatehouse.log" || { echo "FAIL: unparsable-ip line missing"; exit 1; }
[[ $(wc -l <"$work/gatehouse.log") -eq 6 ]] || { echo "FAIL: expected 6 log lines"; cat "$work/gatehouse.log"; exit 1; }

# Log file backend: the lines exactly as written.
check "log file" "$work/gatehouse.log"

# systemd backend: fail2ban matches "<host> <identifier>[<pid>]: <message>"
# and takes the time from the journal, not from the line.
sed 's/^/myhost gatehouse[4242]: /' "$work/gatehouse.log" >"$work/journal.log"
check "journal form" "$work/journal.log" -d '{NONE}'

exit $status
