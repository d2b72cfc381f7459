#!/usr/bin/env bash
# The netreach impact check on a pull request, with plain git: compares the manifests at the
# merge-base with the branch's changed files and prints the pull-request comment (Markdown).
#
#   examples/ci/impact.sh [BASE_REF] [MANIFEST_DIR]
#     BASE_REF      the branch the PR targets (default: origin/main)
#     MANIFEST_DIR  where the repository keeps its Kubernetes manifests (default: k8s)
#   NETREACH      how to run netreach (default: "npx --yes netreach"; in a netreach checkout:
#                 "node /path/to/netreach/bin/netreach")
#   IMPACT_ARGS   extra flags, e.g. "--allow-loss" or "--fail-on gained"
#
# Exit status is netreach's: 0 nothing lost, 1 flows lost (or gained with --fail-on gained), 2 bad input.
set -euo pipefail

base_ref=${1:-origin/main}
dir=${2:-k8s}
netreach=${NETREACH:-npx --yes netreach}
merge_base=$(git merge-base "$base_ref" HEAD)

work=$(mktemp -d)
cleanup() { git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

# The manifests as they are on the target branch.
git worktree add --detach "$work/base" "$merge_base" >/dev/null 2>&1

# The PR's added and modified manifest files are the proposal (renames count as delete + add).
proposed=()
while IFS= read -r file; do
  case "$file" in *.yaml | *.yml | *.json) proposed+=(--proposed "$file") ;; esac
done < <(git diff --no-renames --name-only --diff-filter=AM "$merge_base" HEAD -- "$dir")

# Policies in files the PR deletes are deletions (namespace/name read from the base version).
deletes=()
while IFS= read -r file; do
  while IFS= read -r ref; do [ -n "$ref" ] && deletes+=(--delete "$ref"); done < <(
    git show "$merge_base:$file" | awk '
      /^---/ { if (kind == "NetworkPolicy" && name != "") print (ns == "" ? "default" : ns) "/" name; kind = ""; name = ""; ns = ""; meta = 0 }
      /^kind:[ \t]*NetworkPolicy/ { kind = "NetworkPolicy" }
      /^metadata:/ { meta = 1; next }
      /^[^ \t#]/ { meta = 0 }
      meta && /^[ \t]+name:/ { sub(/^[ \t]+name:[ \t]*/, ""); gsub(/["'\'']/, ""); name = $0 }
      meta && /^[ \t]+namespace:/ { sub(/^[ \t]+namespace:[ \t]*/, ""); gsub(/["'\'']/, ""); ns = $0 }
      END { if (kind == "NetworkPolicy" && name != "") print (ns == "" ? "default" : ns) "/" name }')
done < <(git diff --no-renames --name-only --diff-filter=D "$merge_base" HEAD -- "$dir")

if [ ${#proposed[@]} -eq 0 ] && [ ${#deletes[@]} -eq 0 ]; then
  echo "**netreach impact** 🟢 no manifest under $dir changed"
  exit 0
fi

# shellcheck disable=SC2086 # $netreach and $IMPACT_ARGS are word lists on purpose
$netreach impact --base "$work/base/$dir" "${proposed[@]}" "${deletes[@]}" -o markdown ${IMPACT_ARGS:-}
