#!/usr/bin/env bash
# The netreach impact check on a pull request, with plain git: compares the whole manifest tree at
# the merge-base with the whole tree in the working copy (`--base-ref` + `--head`), so added,
# changed AND deleted files count, and prints the pull-request comment (Markdown).
#
#   examples/ci/impact.sh [BASE_REF] [MANIFEST_DIR]...
#     BASE_REF      the branch the PR targets (default: origin/main)
#     MANIFEST_DIR  where the repository keeps its Kubernetes manifests (default: k8s); run from
#                   inside the repository under review
#   NETREACH      how to run netreach (default: this netreach checkout's own bin/netreach, never a
#                 registry download)
#   IMPACT_ARGS   extra flags, e.g. "--allow-loss", "--fail-on gained" or "-o github"
#
# Exit status is netreach's: 0 nothing lost, 1 flows lost (or gained with --fail-on gained), 2 bad input.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
base_ref=${1:-origin/main}
shift || true
dirs=("$@")
[ ${#dirs[@]} -gt 0 ] || dirs=(k8s)
netreach=${NETREACH:-node $here/../../bin/netreach}
merge_base=$(git merge-base "$base_ref" HEAD)

heads=()
for d in "${dirs[@]}"; do heads+=(--head "$d"); done

# shellcheck disable=SC2086 # $netreach and $IMPACT_ARGS are word lists on purpose
exec $netreach impact --base-ref "$merge_base" "${heads[@]}" -o markdown ${IMPACT_ARGS:-}
