#!/usr/bin/env bash
# Checks the Ed25519 signatures of a Mutual ledger with jq and openssl only (no Mutual binary).
#
#   Ops/verify-with-openssl.sh LEDGER_DIR [SEQ...]
#
# For each seq (default: every line) it prints "seq N: OK" or "seq N: FAILED <why>", and exits 1
# if any failed (2 for a usage error). What it checks, per line:
#   - the author's public key: the genesis stewardKey or an actor.enrolled publicKey (enrolled at
#     an earlier seq) whose key id ("ed25519:" + first 8 bytes of SHA-256 of the raw key, in hex)
#     equals event.author;
#   - the signature: openssl pkeyutl -verify -rawin over "mutual/event/v1\n" + the event's bytes,
#     cut byte-exactly out of the stored line (the line is canonical JSON, so they are its JCS bytes);
#   - the hash chain: "prev" equals SHA-256 of the previous line's bytes (64 zeros for seq 0).
# It does NOT check revocations, roles, event id uniqueness, canonical form or vocabulary rules:
# use `mutual verify` for those. See docs/VERIFY-INDEPENDENTLY.md.
set -euo pipefail
export LC_ALL=C

usage() { echo "usage: $0 LEDGER_DIR [SEQ...]" >&2; exit 2; }
[ $# -ge 1 ] || usage
log="$1/events.jsonl"
shift
[ -f "$log" ] || { echo "$0: no events.jsonl in $log's folder; give a ledger folder" >&2; exit 2; }
for tool in jq openssl sed; do
  command -v "$tool" >/dev/null || { echo "$0: $tool is required (apt-get install $tool)" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The SPKI DER prefix of an Ed25519 public key, hex 302a300506032b6570032100, is 12 bytes, so its
# base64 (16 characters, no padding) can simply be put in front of the base64 of the raw key.
spki_prefix_b64=MCowBQYDK2VwAyEA

key_id() { # raw key base64 -> key id
  local digest
  digest=$(printf '%s' "$1" | openssl base64 -d -A | openssl dgst -sha256 -r)
  printf 'ed25519:%s' "${digest:0:16}"
}

line_hash() { # line bytes -> lowercase hex SHA-256
  local digest
  digest=$(printf '%s' "$1" | openssl dgst -sha256 -r)
  printf '%s' "${digest:0:64}"
}

# Every key the log introduces: "seq<TAB>base64" from genesis and actor.enrolled events.
declare -A key_of key_seq
while IFS=$'\t' read -r seq b64; do
  [ -n "$b64" ] || continue
  id=$(key_id "$b64")
  if [ -z "${key_of[$id]:-}" ]; then key_of[$id]=$b64; key_seq[$id]=$seq; fi
done < <(jq -r 'select(.event.type == "ledger.genesis" or .event.type == "actor.enrolled")
                | [.seq, (.event.body.stewardKey // .event.body.publicKey)] | @tsv' "$log" 2>/dev/null || true)

total=$(sed -n '$=' "$log")
total=${total:-0}
if [ $# -eq 0 ]; then
  set -- $(seq 0 $((total - 1)))
fi

failed=0
fail() { echo "seq $1: FAILED $2"; failed=1; }

for want in "$@"; do
  case "$want" in ''|*[!0-9]*) echo "$0: seq \"$want\" is not a number" >&2; exit 2 ;; esac
  if [ "$want" -ge "$total" ]; then fail "$want" "no such line (the log has $total lines)"; continue; fi
  line=$(sed -n "$((want + 1))p" "$log")

  fields=$(printf '%s' "$line" | jq -r '[.seq, .prev, .sig, .event.author] | @tsv' 2>/dev/null) \
    || { fail "$want" "line is not JSON"; continue; }
  IFS=$'\t' read -r seq prev sig author <<<"$fields"
  [ "$seq" = "$want" ] || { fail "$want" "line $((want + 1)) says seq $seq"; continue; }

  # The event's exact bytes: the line is {"event":EVENT,"prev":"<64 hex>","seq":N,"sig":"<base64>","v":1}
  # (members sorted). The tail after EVENT is matched anchored at the end of the line; it holds no
  # quote inside a value, so it can only match at the real boundary, whatever the body contains.
  tail_re=',"prev":"[0-9a-f]{64}","seq":(0|[1-9][0-9]*),"sig":"[A-Za-z0-9+/]+={0,2}","v":1}$'
  if ! printf '%s\n' "$line" | grep -Eq "^\\{\"event\":\\{.*\\}$tail_re"; then
    fail "$want" "line does not have the v1 layout {\"event\":...,\"prev\",\"seq\",\"sig\",\"v\":1}"
    continue
  fi
  event=$(printf '%s\n' "$line" | sed -E "s#^\\{\"event\":(.*)$tail_re#\\1#") \
    || { fail "$want" "cannot cut the event out of the line"; continue; }
  { printf 'mutual/event/v1\n'; printf '%s' "$event"; } >"$work/signed.bin"
  printf '%s' "$sig" | openssl base64 -d -A >"$work/sig.bin" 2>/dev/null || true
  if [ "$(wc -c <"$work/sig.bin")" -ne 64 ]; then fail "$want" "sig is not base64 of 64 bytes"; continue; fi

  b64=${key_of[$author]:-}
  if [ -z "$b64" ]; then fail "$want" "author $author is not a key named by genesis or actor.enrolled"; continue; fi
  if [ "$want" -gt 0 ] && [ "${key_seq[$author]}" -ge "$want" ]; then
    fail "$want" "author $author is enrolled only at seq ${key_seq[$author]}"; continue
  fi
  printf -- '-----BEGIN PUBLIC KEY-----\n%s%s\n-----END PUBLIC KEY-----\n' "$spki_prefix_b64" "$b64" >"$work/pub.pem"

  if ! openssl pkeyutl -verify -pubin -inkey "$work/pub.pem" -rawin -in "$work/signed.bin" \
       -sigfile "$work/sig.bin" >/dev/null 2>&1; then
    fail "$want" "signature does not verify for key $author"; continue
  fi

  # Bonus: the hash chain into this line.
  if [ "$want" -eq 0 ]; then expected=$(printf '%064d' 0); else expected=$(line_hash "$(sed -n "${want}p" "$log")"); fi
  if [ "$prev" != "$expected" ]; then fail "$want" "prev does not match the SHA-256 of line $((want - 1))"; continue; fi

  echo "seq $want: OK"
done
exit "$failed"
