#!/usr/bin/env bash
# The step of the pushback GitHub Action (action.yml); also runs by hand or
# in another CI with the same INPUT_* variables.
#
# 1. Installs pushback: builds ./cmd/pushback from the action's own checkout
#    ($GITHUB_ACTION_PATH, so the version is the ref the workflow pins), or
#    uses $PUSHBACK_BIN when set.
# 2. Runs `pushback check --paths ...` or `pushback eval ...` once, writing
#    GitHub annotations to stdout (the runner turns them into messages on the
#    pull request's lines), a Markdown summary appended to
#    $GITHUB_STEP_SUMMARY, the terminal report to the log, and the SARIF and
#    JSON reports when asked.
# 3. Sets the exit-code output and exits with pushback's status (1 becomes 0
#    with INPUT_FAIL=false).
set -euo pipefail
set -f # paths and globs go to pushback as written: it expands them itself

root="${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}"
tmp="$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/pushback.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

fail() { echo "::error title=pushback action::$1"; exit 2; }

bin="${PUSHBACK_BIN:-}"
if [[ -z "$bin" ]]; then
  command -v go >/dev/null || fail "Go is not installed: the action builds pushback with it (actions/setup-go)"
  version=""
  if [[ "${PUSHBACK_ACTION_REF:-}" =~ ^v[0-9] ]]; then
    version="-X github.com/pushback/pushback/internal/cli.Version=${PUSHBACK_ACTION_REF#v}"
  fi
  (cd "$root" && go build -trimpath -ldflags "$version" -o "$tmp/pushback" ./cmd/pushback) || fail "could not build pushback from $root"
  bin="$tmp/pushback"
fi
echo "$("$bin" version) (${bin})" >&2

words() { # splits a list on spaces and new lines, keeping "quoted words" whole
  [[ -z "${1//[[:space:]]/}" ]] && return 0
  printf '%s' "$1" | xargs -n1 printf '%s\n'
}

cmd="${INPUT_COMMAND:-check}"
args=("$cmd")
case "$cmd" in
  check)
    paths=()
    while IFS= read -r p; do paths+=("$p"); done < <(words "${INPUT_PATHS:-.}")
    [[ ${#paths[@]} -gt 0 ]] || fail "input paths is empty: name the files, directories or globs to check"
    args+=(--paths "${paths[@]}")
    [[ -n "${INPUT_MIN_SCORE:-}" ]] && args+=(--min-score "$INPUT_MIN_SCORE")
    [[ -n "${INPUT_SARIF:-}" ]] && args+=(--format "sarif=$INPUT_SARIF")
    args+=(--format "text=$tmp/report.txt")
    ;;
  eval)
    [[ -n "${INPUT_CASES:-}" ]] && args+=(--cases "$INPUT_CASES")
    while IFS= read -r f; do args+=(--checker-cases "$f"); done < <(words "${INPUT_CHECKER_CASES:-}")
    [[ -n "${INPUT_SARIF:-}" ]] && fail "input sarif is for check; eval reports as JSON, JUnit or Markdown"
    args+=(--format "table=$tmp/report.txt")
    ;;
  *) fail "input command must be check or eval, not '$cmd'" ;;
esac
args+=(--format github --format "markdown=$tmp/summary.md")
[[ -n "${INPUT_JSON:-}" ]] && args+=(--format "json=$INPUT_JSON")
while IFS= read -r a; do args+=("$a"); done < <(words "${INPUT_ARGS:-}")

echo "pushback ${args[*]}" >&2
set +e
"$bin" "${args[@]}"
code=$?
set -e

[[ -f "$tmp/report.txt" ]] && cat "$tmp/report.txt" >&2
if [[ -f "$tmp/summary.md" && -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  cat "$tmp/summary.md" >> "$GITHUB_STEP_SUMMARY"
fi
if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  echo "exit-code=$code" >> "$GITHUB_OUTPUT"
fi
if [[ $code -eq 1 && "${INPUT_FAIL:-true}" == "false" ]]; then
  echo "pushback: failures reported, not failing the step (fail: false)" >&2
  exit 0
fi
exit "$code"
