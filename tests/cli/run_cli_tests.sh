#!/usr/bin/env bash
# CLI tests for policylab: exit codes (DESIGN.md: 0 every expectation holds, 1 one fails,
# 2 invalid input), bad input that must be rejected quickly and without a crash, --explain,
# and share links that decode back to the scenario.
#
# usage: run_cli_tests.sh PATH_TO_POLICYLAB SOURCE_DIR
# Exits non-zero on any failure; the last line is "N passed, N failed".
set -u

BIN=${1:?usage: run_cli_tests.sh PATH_TO_POLICYLAB SOURCE_DIR}
SRC=${2:?usage: run_cli_tests.sh PATH_TO_POLICYLAB SOURCE_DIR}
TIME_LIMIT=5  # seconds for every bad input

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

passed=0
failed=0

pass() {
  passed=$((passed + 1))
  echo "PASS $1"
}
fail() {
  failed=$((failed + 1))
  echo "FAIL $1"
  if [[ -n "${2:-}" ]]; then echo "     $2"; fi
}

# run NAME WANT_RC ARGS... : runs policylab with a time limit; stdout/stderr go to
# $TMP/out and $TMP/err. Checks the exit code exactly (a signal or a timeout is a failure).
run() {
  local name=$1 want=$2
  shift 2
  timeout --kill-after=2 "$TIME_LIMIT" "$BIN" "$@" >"$TMP/out" 2>"$TMP/err"
  local rc=$?
  check_rc "$name" "$want" "$rc"
}

# run_stdin NAME WANT_RC FILE ARGS... : like run, with FILE on standard input.
run_stdin() {
  local name=$1 want=$2 input=$3
  shift 3
  timeout --kill-after=2 "$TIME_LIMIT" "$BIN" "$@" <"$input" >"$TMP/out" 2>"$TMP/err"
  local rc=$?
  check_rc "$name" "$want" "$rc"
}

check_rc() {
  local name=$1 want=$2 rc=$3
  if [[ $rc -eq $want ]]; then
    pass "$name"
    return 0
  fi
  local why="exit code $rc, want $want"
  if [[ $rc -eq 124 || $rc -eq 137 ]]; then
    why="timed out after ${TIME_LIMIT}s (exit $rc)"
  elif [[ $rc -gt 128 ]]; then
    why="killed by signal $((rc - 128)) (exit $rc)"
  fi
  fail "$name" "$why; stderr: $(head -c 300 "$TMP/err")"
  return 1
}

# expect_output NAME TEXT : the last run's stdout contains TEXT.
expect_output() {
  if grep -qF -- "$2" "$TMP/out"; then
    pass "$1"
  else
    fail "$1" "stdout lacks \`$2\`: $(head -c 300 "$TMP/out")"
  fi
}

if [[ ! -x "$BIN" ]]; then
  fail "binary exists" "$BIN is not executable"
  echo "$passed passed, $failed failed"
  exit 1
fi

# ---- Scenario files --------------------------------------------------------------------------

cat >"$TMP/pass.json" <<'EOF'
{
  "scenario": 1,
  "title": "alice may invoke f, not delete it; s3 may invoke f",
  "now": "2026-01-01T00:00:00Z",
  "caller": {
    "principal": "arn:aws:iam::111122223333:user/alice",
    "identityPolicies": [
      {"name": "invoke", "document": {"Version": "2012-10-17", "Statement": [
        {"Sid": "Invoke", "Effect": "Allow", "Action": "lambda:InvokeFunction",
         "Resource": "arn:aws:lambda:us-east-1:111122223333:function:f"},
        {"Sid": "NoDelete", "Effect": "Deny", "Action": "lambda:DeleteFunction", "Resource": "*"}]}}
    ]
  },
  "resourcePolicies": [
    {"document": {"Version": "2012-10-17", "Id": "default", "Statement": [
      {"Sid": "s3", "Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"},
       "Action": "lambda:InvokeFunction",
       "Resource": "arn:aws:lambda:us-east-1:111122223333:function:f",
       "Condition": {"StringEquals": {"AWS:SourceAccount": "111122223333"},
                     "ArnLike": {"AWS:SourceArn": "arn:aws:s3:::bkt"}}}]}}
  ],
  "requests": [
    {"action": "lambda:InvokeFunction",
     "resource": "arn:aws:lambda:us-east-1:111122223333:function:f", "expect": "allowed",
     "expectDecidedBy": [{"policy": "identity:invoke", "statement": 0}]},
    {"action": "lambda:DeleteFunction",
     "resource": "arn:aws:lambda:us-east-1:111122223333:function:f", "expect": "explicitDeny"},
    {"action": "lambda:GetFunction",
     "resource": "arn:aws:lambda:us-east-1:111122223333:function:f", "expect": "implicitDeny"},
    {"action": "lambda:InvokeFunction",
     "resource": "arn:aws:lambda:us-east-1:111122223333:function:f",
     "principal": "s3.amazonaws.com",
     "context": {"aws:SourceArn": "arn:aws:s3:::bkt", "aws:SourceAccount": "111122223333"},
     "expect": "allowed"}
  ]
}
EOF

# The same scenario with one expectation that does not hold.
python3 - "$TMP/pass.json" "$TMP/fail.json" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
doc["requests"][2]["expect"] = "allowed"
json.dump(doc, open(sys.argv[2], "w"), indent=1)
EOF

# Non-ASCII text survives the link round trip.
python3 - "$TMP/pass.json" "$TMP/unicode.json" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
doc["title"] = "Zugriff für Ωmega — 関数"
json.dump(doc, open(sys.argv[2], "w"), ensure_ascii=False, indent=2)
EOF

# ---- Help and exit codes ---------------------------------------------------------------------

run "--help exits 0" 0 --help
expect_output "--help prints usage" "usage:"
run "no arguments exits 2" 2
run "unknown command exits 2" 2 frobnicate
run "eval without a file exits 2" 2 eval
run "eval with an unknown flag exits 2" 2 eval "$TMP/pass.json" --frobnicate
run "version exits 0" 0 version
expect_output "version names the engine" "policylab"

run "eval of a passing scenario exits 0" 0 eval "$TMP/pass.json"
if python3 - "$TMP/out" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["summary"] == {"requests": 4, "passed": 4, "failed": 0}, r["summary"]
assert [x["decision"] for x in r["results"]] == ["allowed", "explicitDeny", "implicitDeny", "allowed"]
assert all(x["pass"] for x in r["results"])
EOF
then pass "eval prints the result document"; else fail "eval prints the result document"; fi

run "eval --compact exits 0" 0 eval "$TMP/pass.json" --compact
if [[ $(wc -l <"$TMP/out") -eq 1 ]] && python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/out"; then
  pass "--compact prints one line of JSON"
else
  fail "--compact prints one line of JSON"
fi

run "eval of a failing expectation exits 1" 1 eval "$TMP/fail.json"
if python3 - "$TMP/out" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["summary"]["failed"] == 1, r["summary"]
assert r["results"][2]["pass"] is False
EOF
then pass "failing expectation is reported"; else fail "failing expectation is reported"; fi

run_stdin "eval - reads a passing scenario from stdin" 0 "$TMP/pass.json" eval -
run_stdin "eval - reads a failing scenario from stdin" 1 "$TMP/fail.json" eval -

# ---- --explain -------------------------------------------------------------------------------

run "eval --explain exits 0" 0 eval "$TMP/pass.json" --explain
expect_output "--explain says ALLOWED" "ALLOWED"
expect_output "--explain says DENIED" "DENIED"
expect_output "--explain names the deciding statement" "identity:invoke"
expect_output "--explain ends with the summary" "4 passed, 0 failed"
if python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/out" 2>/dev/null; then
  fail "--explain prints text, not JSON"
else
  pass "--explain prints text, not JSON"
fi
run "eval --explain of a failing expectation exits 1" 1 eval "$TMP/fail.json" --explain
expect_output "--explain marks the failure" "FAIL"

# ---- Invalid input: exit 2, quickly, no crash ------------------------------------------------

printf '{"scenario": 1, "caller": ' >"$TMP/truncated.json"
printf '' >"$TMP/empty.json"
printf '   \n\t\n' >"$TMP/blank.json"
printf '{"scenario": 1, "scenario": 1, "caller": {}, "requests": []}' >"$TMP/duplicate.json"
printf '\xff\xfe{"scenario": 1}' >"$TMP/binary.json"
printf '{"scenario": 1, "caller": {"principal": "arn:aws:iam::111122223333:user/a"}, "requests": [], "bogus": 1}' >"$TMP/unknown-key.json"
python3 -c 'import sys; sys.stdout.write("[" * 100000 + "]" * 100000)' >"$TMP/deep-array.json"
python3 -c 'import sys; sys.stdout.write("{\"a\":" * 100000 + "1" + "}" * 100000)' >"$TMP/deep-object.json"
python3 -c 'import sys; sys.stdout.write("[" * 100000)' >"$TMP/deep-unclosed.json"
python3 - "$TMP/big-string.json" <<'EOF'
import json, sys
doc = {"scenario": 1, "title": "x" * (10 * 1024 * 1024),
       "caller": {"principal": "arn:aws:iam::111122223333:user/a"}, "requests": []}
json.dump(doc, open(sys.argv[1], "w"))
EOF
# A 1 MB string: under the document limit, over the string limit.
python3 - "$TMP/long-string.json" <<'EOF2'
import json, sys
doc = {"scenario": 1, "title": "y" * (1024 * 1024),
       "caller": {"principal": "arn:aws:iam::111122223333:user/a"}, "requests": []}
json.dump(doc, open(sys.argv[1], "w"))
EOF2
# A 10 MB string inside an otherwise small policy value (an ARN pattern).
python3 - "$TMP/big-pattern.json" <<'EOF'
import json, sys
doc = {"scenario": 1,
       "caller": {"principal": "arn:aws:iam::111122223333:user/a",
                  "identityPolicies": [{"name": "p", "document": {"Version": "2012-10-17",
                      "Statement": [{"Effect": "Allow", "Action": "lambda:*",
                                     "Resource": "arn:aws:lambda:*:*:function:" + "*a" * (5 * 1024 * 1024)}]}}]},
       "requests": [{"action": "lambda:InvokeFunction",
                     "resource": "arn:aws:lambda:us-east-1:111122223333:function:f"}]}
json.dump(doc, open(sys.argv[1], "w"))
EOF

for f in truncated empty blank duplicate binary unknown-key deep-array deep-object deep-unclosed \
  big-string big-pattern long-string; do
  run "invalid input exits 2: $f" 2 eval "$TMP/$f.json"
  run_stdin "invalid input on stdin exits 2: $f" 2 "$TMP/$f.json" eval -
done
run "a missing file exits 2" 2 eval "$TMP/does-not-exist.json"
run "a directory exits 2" 2 eval "$TMP"
run "link of a missing file exits 2" 2 link "$TMP/does-not-exist.json"
run "link of invalid JSON exits 2" 2 link "$TMP/truncated.json"
run "link of a 100,000-level array exits 2" 2 link "$TMP/deep-array.json"

# The JSON result of invalid input is still a result document with an error diagnostic.
run "invalid JSON still prints a result document" 2 eval "$TMP/truncated.json"
if python3 - "$TMP/out" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
assert any(d["severity"] == "error" for d in r["diagnostics"]), r
assert r["results"] == []
EOF
then pass "invalid input gives error diagnostics and no results"; else fail "invalid input gives error diagnostics and no results"; fi

corpus="$SRC/tests/corpus/invalid"
shopt -s nullglob
corpus_files=("$corpus"/*)
shopt -u nullglob
if [[ ${#corpus_files[@]} -eq 0 ]]; then
  echo "SKIP tests/corpus/invalid: absent or empty"
else
  for f in "${corpus_files[@]}"; do
    [[ -f "$f" ]] || continue
    run "corpus invalid exits 2: ${f#"$SRC"/}" 2 eval "$f"
  done
fi

# ---- Share links -----------------------------------------------------------------------------

# check_link NAME FILE BASE: the link starts with BASE, carries #s=1&d=, and its payload
# (base64url without padding of zlib deflate) decodes to the same JSON value as FILE.
check_link() {
  local name=$1 file=$2 base=$3
  if ! grep -q '#s=1&d=' "$TMP/out"; then
    fail "$name" "no #s=1&d= in $(head -c 200 "$TMP/out")"
    return
  fi
  if python3 - "$TMP/out" "$file" "$base" <<'EOF'
import base64, json, sys, zlib
link = open(sys.argv[1]).read().strip()
assert "\n" not in link, "one line expected"
assert link.startswith(sys.argv[3]), link[:80]
payload = link.split("#s=1&d=", 1)[1]
assert "=" not in payload, "base64url without padding"
assert set(payload) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
raw = zlib.decompress(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
decoded = json.loads(raw.decode("utf-8"))
original = json.load(open(sys.argv[2], encoding="utf-8"))
assert decoded == original, "decoded value differs"
EOF
  then
    pass "$name"
  else
    fail "$name" "payload does not decode to the scenario"
  fi
}

run "link exits 0" 0 link "$TMP/pass.json"
check_link "link decodes to the scenario" "$TMP/pass.json" "http://localhost:8080/"
run "link --base exits 0" 0 link "$TMP/pass.json" --base https://example.org/lab/
check_link "link --base uses the base" "$TMP/pass.json" "https://example.org/lab/"
run "link --base= exits 0" 0 link "$TMP/pass.json" --base=https://example.org/x
check_link "link --base= uses the base" "$TMP/pass.json" "https://example.org/x"
run "link of non-ASCII text exits 0" 0 link "$TMP/unicode.json"
check_link "link keeps non-ASCII text" "$TMP/unicode.json" "http://localhost:8080/"
run_stdin "link - reads stdin" 0 "$TMP/pass.json" link -
check_link "link - decodes to the scenario" "$TMP/pass.json" "http://localhost:8080/"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
