#!/bin/sh
# fleetdrop-agent.sh: the machine side of Fleetdrop for machines without Node (POSIX sh, curl).
#
# Installs this machine's current file at FLEETDROP_OUT when it changed, as `fleetdrop fetch` does:
# If-None-Match from the installed file's sha256; download beside the target; sha256 checked before
# the atomic rename; then the optional hook FLEETDROP_EXEC (run by sh -c, with FLEETDROP_FILE,
# FLEETDROP_SHA256 and FLEETDROP_UPLOAD_ID) and a report to POST /reports: `installed` (hook exit 0
# or no hook) or `failed` (its exit code and the last 2 KB of its output). A report that cannot be
# sent is kept in "$FLEETDROP_OUT.fleetdrop-agent-reports" and sent first by the next run.
#
# Env: FLEETDROP_URL, FLEETDROP_MACHINE_ID, FLEETDROP_MACHINE_TOKEN, FLEETDROP_OUT, FLEETDROP_EXEC.
# Prints `updated` or `unchanged`; exits 0, or 1 on any failure (the old file is then untouched)
# and when the hook failed.
set -u
umask 077 # the temporary header file holds the token

say() { printf 'fleetdrop-agent: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

[ -n "${FLEETDROP_URL:-}" ] || die "set FLEETDROP_URL"
[ -n "${FLEETDROP_MACHINE_ID:-}" ] || die "set FLEETDROP_MACHINE_ID"
[ -n "${FLEETDROP_MACHINE_TOKEN:-}" ] || die "set FLEETDROP_MACHINE_TOKEN"
[ -n "${FLEETDROP_OUT:-}" ] || die "set FLEETDROP_OUT to the target file's path"
command -v curl >/dev/null 2>&1 || die "curl is missing"
curl_version=$(curl --version | sed -n '1s/^curl \([^ ]*\).*/curl \1/p')
api=${FLEETDROP_URL%/}
out=$FLEETDROP_OUT
case $out in */) die "FLEETDROP_OUT must name a file, not a directory" ;; esac
[ -d "$out" ] && die "FLEETDROP_OUT must name a file, not a directory"
dir=$(dirname -- "$out")
[ -d "$dir" ] || die "FLEETDROP_OUT's directory does not exist: $dir"
pending="$out.fleetdrop-agent-reports"

# sha256 of a file: sha256sum (coreutils, busybox), else shasum -a 256 (macOS, BSD), else openssl.
sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -c1-64
  elif command -v shasum >/dev/null 2>&1; then shasum -a 256 "$1" | cut -c1-64
  elif command -v openssl >/dev/null 2>&1; then openssl dgst -sha256 "$1" | sed 's/^.*= *//'
  else die "no sha256 tool (sha256sum, shasum or openssl)"
  fi
}

# Everything temporary lives in one directory beside the target (same file system: rename is atomic).
work=$(mktemp -d "$dir/.fleetdrop-agent.XXXXXX") || die "cannot create a temporary directory in $dir"
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# The token goes in a header file, not curl's arguments, which other users can read in ps.
printf 'Authorization: Bearer %s\n' "$FLEETDROP_MACHINE_TOKEN" >"$work/auth"

# api_call METHOD PATH [BODY-FILE] [EXTRA-HEADER]: prints the HTTP status (000 when unreachable);
# the response headers land in $work/headers. Arguments are built with set -- so that paths and
# header values with spaces stay one argument each.
api_call() {
  method=$1 path=$2 body=${3:-} extra=${4:-}
  set -- -sS -o /dev/null -D "$work/headers" -w '%{http_code}' -X "$method" -H @"$work/auth" \
    -A "fleetdrop-agent.sh ($curl_version)" --connect-timeout 20 --max-time 60
  [ -n "$body" ] && set -- "$@" --data-binary @"$body" -H 'Content-Type: application/json'
  [ -n "$extra" ] && set -- "$@" -H "$extra"
  curl "$@" "$api$path" 2>"$work/curl-error" || true
}

# header NAME (lower case): the value of that response header, names compared case-insensitively.
header() {
  tr -d '\r' <"$work/headers" | awk -v name="$1" '
    { i = index($0, ":"); if (i > 0 && tolower(substr($0, 1, i - 1)) == name) { v = substr($0, i + 1); sub(/^ +/, "", v); r = v } }
    END { print r }'
}

# JSON string body (without quotes) of a file's bytes: backslash, quote and control characters
# escaped, lines joined with \n. Leading UTF-8 continuation bytes (a character cut by tail -c) are
# dropped, NUL bytes too. Byte-wise (LC_ALL=C), so other UTF-8 passes through unchanged.
json_escape_file() {
  ends_with_newline=0
  [ -s "$1" ] && [ -z "$(tail -c 1 "$1")" ] && ends_with_newline=1
  tr -d '\000' <"$1" | LC_ALL=C awk -v nl="$ends_with_newline" '
    BEGIN {
      for (i = 1; i < 32; i++) esc[sprintf("%c", i)] = sprintf("\\u%04x", i)
      esc["\t"] = "\\t"; esc["\r"] = "\\r"; esc["\""] = "\\\""; esc["\\"] = "\\\\"
      for (i = 128; i < 192; i++) cont[sprintf("%c", i)] = 1
    }
    {
      if (NR > 1) printf "%s", "\\n"
      n = length($0); i = 1
      if (NR == 1) while (i <= n && (substr($0, i, 1) in cont)) i++
      for (; i <= n; i++) { c = substr($0, i, 1); if (c in esc) printf "%s", esc[c]; else printf "%s", c }
    }
    END { if (nl) printf "%s", "\\n" }'
}

json_string() { printf '%s' "$1" >"$work/string"; json_escape_file "$work/string"; }

# Sends every kept report, oldest first; keeps those that could not be sent (network, 5xx, 401) and
# drops those the API refuses for good (400, 404, 409). The file is replaced atomically.
flush_reports() {
  [ -f "$pending" ] || return 0
  : >"$work/keep"
  while IFS= read -r line || [ -n "$line" ]; do
    [ -n "$line" ] || continue
    printf '%s' "$line" >"$work/report.json"
    status=$(api_call POST /reports "$work/report.json")
    case $status in
      2??) ;;
      400 | 404 | 409) say "the API refused a report ($status); dropped: $line" ;;
      *) say "could not send a report (HTTP $status $(cat "$work/curl-error")); kept for the next run"
         printf '%s\n' "$line" >>"$work/keep" ;;
    esac
  done <"$pending"
  if [ -s "$work/keep" ]; then mv -f "$work/keep" "$pending"; else rm -f "$pending"; fi
}

# queue_report JSON: written to the pending file (atomically) before it is sent, so never lost.
queue_report() {
  { [ -f "$pending" ] && cat "$pending"; printf '%s\n' "$1"; } >"$work/queued"
  mv -f "$work/queued" "$pending"
  flush_reports
}

flush_reports

have=
[ -f "$out" ] && have=$(sha256_of "$out")
# ask_download [SHA256]: GET /download without following the redirect; sets status, location,
# expected and upload_id.
ask_download() {
  status=$(api_call GET "/download?machine_id=$FLEETDROP_MACHINE_ID" "" "${1:+If-None-Match: \"$1\"}")
  location=$(header location); expected=$(header x-content-sha256); upload_id=$(header x-fleetdrop-upload-id)
}
ask_download "$have"
case $status in
  304) echo unchanged; exit 0 ;;
  302) ;;
  000) die "cannot reach $api: $(cat "$work/curl-error")" ;;
  *) die "the API answered $status to /download" ;;
esac

tmp="$work/file.part"
# fetch_object: the presigned GET (no token: it goes to S3); sets s3_status.
fetch_object() {
  s3_status=$(curl -sS -o "$tmp" -w '%{http_code}' --connect-timeout 20 "$location" 2>"$work/curl-error") || s3_status=000
}
fetch_object
if [ "$s3_status" = 404 ]; then
  # The file was replaced between the redirect and the GET: ask for the current one, once.
  ask_download
  [ "$status" = 302 ] || die "the API answered $status to /download"
  fetch_object
fi
[ "$s3_status" = 200 ] || die "the download failed (HTTP $s3_status $(cat "$work/curl-error"))"
case $expected in
  [0-9a-f]*) [ ${#expected} -eq 64 ] || die "the API's X-Content-SHA256 is not a sha256" ;;
  *) die "the API's answer lacks X-Content-SHA256" ;;
esac
got=$(sha256_of "$tmp")
[ "$got" = "$expected" ] || die "sha256 mismatch: expected $expected, got $got. Kept the old file."

# Keep the old file's permissions (an executable bit) where stat -c exists (GNU, busybox).
mode=$(stat -c %a "$out" 2>/dev/null) && chmod "$mode" "$tmp"
[ -n "${mode:-}" ] || chmod 644 "$tmp"
sync
mv -f "$tmp" "$out" || die "cannot replace $out"
sync
echo updated

[ -n "$upload_id" ] || { say "the API did not name the upload (X-Fleetdrop-Upload-Id); nothing reported"; exit 0; }
id_json=$(json_string "$FLEETDROP_MACHINE_ID")
report="{\"machineId\":\"$id_json\",\"uploadId\":\"$(json_string "$upload_id")\""
hook_code=0
if [ -n "${FLEETDROP_EXEC:-}" ]; then
  FLEETDROP_FILE=$out FLEETDROP_SHA256=$got FLEETDROP_UPLOAD_ID=$upload_id \
    sh -c "$FLEETDROP_EXEC" >"$work/hook-output" 2>&1 </dev/null || hook_code=$?
  cat "$work/hook-output" >&2
fi
if [ "$hook_code" -eq 0 ]; then
  queue_report "$report,\"status\":\"installed\"}"
else
  tail -c 2048 "$work/hook-output" >"$work/hook-tail"
  say "the hook exited $hook_code; reporting failed"
  queue_report "$report,\"status\":\"failed\",\"exitCode\":$hook_code,\"message\":\"$(json_escape_file "$work/hook-tail")\"}"
  exit 1
fi
