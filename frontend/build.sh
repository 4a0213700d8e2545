#!/usr/bin/env bash
# Rebuilds Reconnect's committed front-end assets from the pinned npm packages:
#   reconnect/static/css/reconnect.css        brand.scss compiled over govuk-frontend
#   reconnect/static/vendor/*.js              govuk-frontend and htmx, exactly as published
#   tests/browser/vendor/axe.min.js           axe-core for the accessibility tests
# Only someone changing the look needs Node; `make run` and `make test` use the committed
# output. Run from anywhere: `bash frontend/build.sh`.
set -euo pipefail
cd "$(dirname "$0")"
root=..

# `npm ci` installs exactly package-lock.json; install scripts are not needed (sass is pure JS).
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --ignore-scripts --no-audit --no-fund
fi

version_of() { node -p "require('./node_modules/$1/package.json').version"; }
htmx_version=$(version_of htmx.org)

echo "Compiling brand.scss (govuk-frontend $(version_of govuk-frontend))"
mkdir -p "$root/reconnect/static/css"
npx --no-install sass --no-source-map --style=compressed --load-path=node_modules \
  --quiet-deps brand.scss "$root/reconnect/static/css/reconnect.css"

echo "Vendoring govuk-frontend, htmx $htmx_version and axe-core $(version_of axe-core)"
vendor="$root/reconnect/static/vendor"
rm -f "$vendor"/govuk-frontend*.js "$vendor"/htmx-*.js
mkdir -p "$vendor" "$root/tests/browser/vendor"
# The source-map comments point at files we do not ship; collectstatic's manifest storage
# would refuse the missing .map, so the comment goes and the code stays byte-for-byte.
strip_map() { sed -e 's|//# sourceMappingURL=[^ ]*$||' "$1" >"$2"; }
strip_map node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js "$vendor/govuk-frontend.min.js"
strip_map node_modules/htmx.org/dist/htmx.min.js "$vendor/htmx-$htmx_version.min.js"
cp node_modules/axe-core/axe.min.js "$root/tests/browser/vendor/axe.min.js"

echo "Done. Commit reconnect/static/ and tests/browser/vendor/ if they changed."
