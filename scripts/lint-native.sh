#!/usr/bin/env bash
# Lint the native helpers: every Perl file compiles (perl -c, warnings on), every shell script parses.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
while IFS= read -r f; do
  perl -cw "$f" 2>&1 | grep -v ' syntax OK$' && status=1
  perl -cw "$f" >/dev/null 2>&1 || { echo "lint: $f does not compile" >&2; status=1; }
done < <(git ls-files '*.pl')
while IFS= read -r f; do
  bash -n "$f" || status=1
done < <(git ls-files '*.sh')
exit $status
