#!/usr/bin/env bash
# Type-checks sst.config.ts and infra/*.ts against SST's real component types, offline.
# `sst install` normally downloads Pulumi and Bun from GitHub; with SST_SKIP_DEPENDENCY_CHECK and
# SST_NO_BUN it builds .sst/platform (config.d.ts and the provider SDKs) from the npm registry
# alone, once (~300 MB). Later runs reuse it until the installed sst version changes.
set -euo pipefail
cd "$(dirname "$0")/.."

wanted=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' node_modules/sst/package.json | head -n 1)
if [ ! -f .sst/platform/config.d.ts ] || [ "$(cat .sst/platform/version 2>/dev/null)" != "$wanted" ]; then
  echo "infra-check: building .sst/platform for sst $wanted (first run only)"
  SST_SKIP_DEPENDENCY_CHECK=1 SST_NO_BUN=1 SST_TELEMETRY_DISABLED=1 npx --no -- sst install --stage dev
fi

npx --no -- tsc --noEmit --project infra/tsconfig.json
echo "infra-check: sst.config.ts and infra/ type-check against sst $wanted"
