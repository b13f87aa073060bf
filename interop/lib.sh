# Check helpers shared by the client sections; sourced by run.sh.
# Every check runs one client command, logs its output to $WORK/logs/<n>.log and prints one line.
# A refusal (a negative control) passes only when the client exits non-zero AND its output says
# why in the expected words: a client that fails for another reason (no server, bad flag) is not
# a refusal of what was tested.

CHECKS=0
PASSED=0
FAILED=0
FAILED_NAMES=()
declare -A SECTION_COUNT=()
SECTION=""

section() { SECTION="$1"; SECTION_COUNT[$SECTION]=0; echo "--- $SECTION"; }

record() { # <PASS|FAIL> <name> <log>
  CHECKS=$((CHECKS + 1))
  SECTION_COUNT[$SECTION]=$((SECTION_COUNT[$SECTION] + 1))
  if [[ $1 == PASS ]]; then
    PASSED=$((PASSED + 1))
    echo "PASS $SECTION: $2"
  else
    FAILED=$((FAILED + 1))
    FAILED_NAMES+=("$SECTION: $2")
    echo "FAIL $SECTION: $2 (log: $3)"
    sed 's/^/    | /' "$3" | tail -n 15
  fi
}

next_log() { echo "$WORK/logs/$((CHECKS + 1)).log"; }

# check <name> <command...>: passes when the command exits 0.
check() {
  local name=$1 log
  shift
  log=$(next_log)
  if "$@" >"$log" 2>&1; then record PASS "$name" "$log"; else record FAIL "$name" "$log"; fi
}

# check_out <name> <extended regex> <command...>: passes when the command exits 0 and its
# output matches the pattern.
check_out() {
  local name=$1 pattern=$2 log
  shift 2
  log=$(next_log)
  if "$@" >"$log" 2>&1 && grep -Eq -- "$pattern" "$log"; then
    record PASS "$name" "$log"
  else
    record FAIL "$name" "$log"
  fi
}

# refuse <name> <extended regex> <command...>: passes when the command exits non-zero and its
# output matches the pattern (the reason the client gave).
refuse() {
  local name=$1 pattern=$2 log
  shift 2
  log=$(next_log)
  if "$@" >"$log" 2>&1; then
    echo "(exited 0: the client accepted what it must refuse)" >>"$log"
    record FAIL "refuses $name" "$log"
  elif grep -Eiq -- "$pattern" "$log"; then
    record PASS "refuses $name" "$log"
  else
    echo "(exited non-zero, but not with /$pattern/)" >>"$log"
    record FAIL "refuses $name" "$log"
  fi
}
