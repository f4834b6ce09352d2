#!/usr/bin/env bash
# Validates with a real JSON Schema validator (ajv-cli, pinned in
# package-lock.json beside this script):
#   - every entry file of kb/ against schema/entry.schema.json,
#   - the JSON API that `kbgen build kb --only json` writes against
#     schema/api-index.schema.json and schema/api-entry.schema.json,
# and checks that deliberately bad files FAIL, so the test cannot pass because
# the schemas accept anything.
#
# Usage: tests/schema/run.sh PATH/TO/kbgen
# Needs node and npm (the CI machine has both): without them this test fails.
set -euo pipefail

kbgen=${1:?usage: tests/schema/run.sh PATH/TO/kbgen}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
schemas=$root/schema

fail() {
  echo "schema_validation: FAIL: $*" >&2
  exit 1
}

command -v npm >/dev/null 2>&1 ||
  fail "npm is not installed (needed for the pinned ajv-cli in tests/schema/); install Node.js and npm"
command -v node >/dev/null 2>&1 || fail "node is not installed; install Node.js and npm"
[ -x "$kbgen" ] || fail "no kbgen binary at '$kbgen'"

cd "$here"
export CI=true npm_config_yes=false npm_config_audit=false npm_config_fund=false \
  npm_config_update_notifier=false npm_config_progress=false
# npm writes node_modules/.package-lock.json on every install: it is older
# than package-lock.json exactly when the lock changed since.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "schema_validation: installing the pinned validator (npm ci)"
  npm ci --loglevel=error </dev/null || fail "npm ci failed in tests/schema/"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kbgen-schema.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Paths given to it must be absolute: it runs where node_modules is.
ajv() {
  (cd "$here" && npx --no ajv "$@" --spec=draft2020 -c ajv-formats </dev/null)
}

# with_schema SCHEMA COMMAND ARGS... : ajv COMMAND -s SCHEMA ARGS, plus the
# schema SCHEMA refers to (entry.schema.json) unless it is that one itself.
with_schema() {
  local schema=$1 command=$2
  shift 2
  if [ "$(basename "$schema")" = entry.schema.json ]; then
    ajv "$command" -s "$schema" "$@"
  else
    ajv "$command" -s "$schema" -r "$schemas/entry.schema.json" "$@"
  fi
}

# validate SCHEMA FILE... : every file must be reported valid.
validate() {
  local schema=$1
  shift
  [ "$#" -gt 0 ] || fail "no files to validate against $(basename "$schema")"
  local args=() f
  for f in "$@"; do args+=(-d "$f"); done
  if ! with_schema "$schema" validate "${args[@]}" >"$tmp/ajv.log" 2>&1; then
    cat "$tmp/ajv.log" >&2
    fail "files do not match $(basename "$schema")"
  fi
  local valid
  valid=$(grep -c ' valid$' "$tmp/ajv.log" || true)
  [ "$valid" -eq "$#" ] || { cat "$tmp/ajv.log" >&2; fail "$# files given, $valid reported valid"; }
  echo "schema_validation: $# file(s) match $(basename "$schema")"
}

# must_fail SCHEMA FILE WHY : the file must NOT validate.
must_fail() {
  if with_schema "$1" validate -d "$2" >"$tmp/ajv.log" 2>&1; then
    cat "$tmp/ajv.log" >&2
    fail "$(basename "$2") passed $(basename "$1") but must not ($3)"
  fi
  grep -q ' invalid$' "$tmp/ajv.log" || { cat "$tmp/ajv.log" >&2; fail "ajv did not report $(basename "$2") invalid"; }
  echo "schema_validation: rejected as expected: $3"
}

# The schemas themselves compile under draft 2020-12 in strict mode.
for s in entry api-index api-entry; do
  with_schema "$schemas/$s.schema.json" compile >"$tmp/ajv.log" 2>&1 ||
    { cat "$tmp/ajv.log" >&2; fail "schema/$s.schema.json does not compile"; }
  if grep -q 'strict mode' "$tmp/ajv.log"; then cat "$tmp/ajv.log" >&2; fail "schema/$s.schema.json has strict-mode warnings"; fi
done

# 1. Every entry file of kb/ (SPEC §1: kbgen.json and *.schema.json are not entries).
mapfile -t entry_files < <(find "$root/kb" -name '*.json' ! -name '*.schema.json' ! -path "$root/kb/kbgen.json" | LC_ALL=C sort)
[ "${#entry_files[@]}" -ge 2 ] || fail "found only ${#entry_files[@]} entry files in kb/"
validate "$schemas/entry.schema.json" "${entry_files[@]}"

# 2. The JSON API of the sample KB.
TZ=UTC "$kbgen" build "$root/kb" -o "$tmp/site" --only json >"$tmp/build.log" 2>&1 ||
  { cat "$tmp/build.log" >&2; fail "kbgen build of kb/ failed"; }
[ -f "$tmp/site/api/index.json" ] || fail "kbgen build wrote no api/index.json"
validate "$schemas/api-index.schema.json" "$tmp/site/api/index.json"
mapfile -t api_files < <(find "$tmp/site/api/codes" -name '*.json' | LC_ALL=C sort)
count=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).count)' "$tmp/site/api/index.json")
[ "${#api_files[@]}" -eq "$count" ] || fail "index.json counts $count entries but api/codes/ holds ${#api_files[@]} files"
validate "$schemas/api-entry.schema.json" "${api_files[@]}"

# 3. Bad files must fail: the schemas are not vacuous.
bad=$tmp/bad
mkdir -p "$bad"
good_entry='"code": "E1", "title": "T", "summary": "S", "fix": ["Do it."]'
printf '{%s, "fixes": ["typo"]}\n' "$good_entry" >"$bad/unknown-field.json"
printf '{%s}\n' '"code": "-bad code", "title": "T", "summary": "S", "fix": ["x"]' >"$bad/bad-code.json"
printf '{%s, "tags": ["Not A Slug"]}\n' "$good_entry" >"$bad/bad-tag.json"
printf '{%s, "references": [{"title": "r", "url": "ftp://example.com/"}]}\n' "$good_entry" >"$bad/bad-url.json"
printf '{%s, "reviewed": "2024-02-30"}\n' "$good_entry" >"$bad/bad-date.json"
printf '{%s}\n' '"code": "E1", "title": "T", "summary": "S", "fix": [{"text": "x", "substeps": ["y"]}]' >"$bad/bad-step.json"
printf '[{%s}, {"title": "no code"}]\n' "$good_entry" >"$bad/array-missing-code.json"
printf '{%s}\n' '"code": "E1", "title": "T", "summary": "S", "fix": []' >"$bad/empty-fix.json"
printf '{%s, "causes": [{"title": "only a title"}]}\n' "$good_entry" >"$bad/bad-cause.json"
for f in unknown-field bad-code bad-tag bad-url bad-date bad-step array-missing-code empty-fix bad-cause; do
  must_fail "$schemas/entry.schema.json" "$bad/$f.json" "entry file: $f"
  # kbgen agrees that the file is bad (exit 1: the KB has errors).
  mkdir -p "$tmp/kb-$f" && cp "$bad/$f.json" "$tmp/kb-$f/"
  status=0
  "$kbgen" check "$tmp/kb-$f" >/dev/null 2>&1 || status=$?
  [ "$status" -eq 1 ] || fail "kbgen check exits $status, not 1, on $f.json"
done

# A complete entry must have title, summary and fix ($defs/entry), while an
# entry part (a second file for the same code) needs only the code.
cat >"$bad/complete-entry.schema.json" <<'EOF'
{"$schema": "https://json-schema.org/draft/2020-12/schema",
 "$ref": "https://kbgen.dev/schema/entry.schema.json#/$defs/entry"}
EOF
printf '{"code": "E1", "prevention": ["Keep it from coming back."]}\n' >"$bad/part.json"
validate "$schemas/entry.schema.json" "$bad/part.json"
must_fail "$bad/complete-entry.schema.json" "$bad/part.json" "entry part checked as a complete entry"
printf '{%s}\n' "$good_entry" >"$bad/complete.json"
validate "$bad/complete-entry.schema.json" "$bad/complete.json"
mkdir -p "$tmp/kb-good" && cp "$bad/complete.json" "$bad/part.json" "$tmp/kb-good/"
"$kbgen" check "$tmp/kb-good" >"$tmp/check.log" 2>&1 ||
  { cat "$tmp/check.log" >&2; fail "kbgen check rejects the entry and entry part the schema accepts"; }

# The API's rule for absent fields: left out, never null or empty.
node -e '
  const fs = require("fs");
  const [index, entry, out] = process.argv.slice(1);
  const i = JSON.parse(fs.readFileSync(index, "utf8"));
  i.entries[0].product = null;
  fs.writeFileSync(out + "/index-null.json", JSON.stringify(i));
  const e = JSON.parse(fs.readFileSync(entry, "utf8"));
  e.tags = [];
  fs.writeFileSync(out + "/entry-empty-tags.json", JSON.stringify(e));
  const e2 = JSON.parse(fs.readFileSync(entry, "utf8"));
  delete e2.sources;
  fs.writeFileSync(out + "/entry-no-sources.json", JSON.stringify(e2));
' "$tmp/site/api/index.json" "${api_files[0]}" "$bad"
must_fail "$schemas/api-index.schema.json" "$bad/index-null.json" "api index: null product"
must_fail "$schemas/api-entry.schema.json" "$bad/entry-empty-tags.json" "api entry: empty tags list"
must_fail "$schemas/api-entry.schema.json" "$bad/entry-no-sources.json" "api entry: no sources"

echo "schema_validation: all schema checks passed"
