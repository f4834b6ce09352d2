#!/usr/bin/env bash
# runbook.pdf (docs/outputs.md, "Printable runbook"): `kbgen build --pdf`
# prints the runbook with headless Chromium. Builds the sample KB with --pdf
# and reads the PDF back with poppler's pdftotext and pdfinfo; then checks
# that --pdf without Chromium fails cleanly and leaves OUT as it was.
#
#   tests/render/runbook_pdf.sh PATH/TO/kbgen
#
# Chromium, pdftotext and pdfinfo are installed by the test setup, so a
# missing one is a failure, not a skip.
set -euo pipefail

fail() {
  echo "runbook_pdf: FAIL: $*" >&2
  exit 1
}

[[ $# -eq 1 ]] || { echo "usage: $0 PATH/TO/kbgen" >&2; exit 2; }
kbgen=$(realpath "$1")
[[ -x $kbgen ]] || fail "$1 is not an executable"
root=$(cd "$(dirname "$0")/../.." && pwd)
kb="$root/kb"

if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then
  fail "chromium is not installed (no chromium or chromium-browser in PATH); the test setup should install it (Debian: apt-get install chromium)"
fi
for tool in pdftotext pdfinfo python3; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (pdftotext, pdfinfo: apt-get install poppler-utils)"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The codes of the sample KB, read from its entry files.
python3 - "$kb" >"$tmp/codes" <<'PY'
import json, pathlib, sys
codes = set()
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.json")):
    if path.name == "kbgen.json" or path.name.endswith(".schema.json"):
        continue
    data = json.loads(path.read_text(encoding="utf-8"))
    for entry in data if isinstance(data, list) else [data]:
        codes.add(entry["code"])
print("\n".join(sorted(codes)))
PY
entries=$(wc -l <"$tmp/codes")
[[ $entries -eq 7 ]] || fail "expected 7 entries in $kb, found $entries"

# 1. --pdf writes runbook.pdf beside runbook.html.
out="$tmp/out"
if ! "$kbgen" build "$kb" -o "$out" --only runbook --pdf --today 2026-11-24 2>"$tmp/build.err"; then
  cat "$tmp/build.err" >&2
  fail "kbgen build --pdf failed"
fi
pdf="$out/runbook.pdf"
[[ -s $pdf ]] || fail "no runbook.pdf in $out"
[[ $(head -c 5 "$pdf") == "%PDF-" ]] || fail "runbook.pdf does not start with %PDF-"
[[ -s $out/runbook.html ]] || fail "no runbook.html beside runbook.pdf"

# Every code of the KB is in the PDF's text.
pdftotext -layout "$pdf" "$tmp/runbook.txt" || fail "pdftotext cannot read runbook.pdf"
while read -r code; do
  grep -qF "$code" "$tmp/runbook.txt" || fail "runbook.pdf's text does not contain $code"
done <"$tmp/codes"

# At least a page per entry (each entry starts on a new page in print).
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
[[ -n $pages ]] || fail "pdfinfo reports no page count"
((pages >= entries)) || fail "runbook.pdf has $pages pages, fewer than the $entries entries"

# 2. Nothing changed: the PDF is up to date and Chromium is not needed.
env PATH=/nonexistent "$kbgen" build "$kb" -o "$out" --only runbook --pdf --today 2026-11-24 \
  2>"$tmp/uptodate.err" || { cat "$tmp/uptodate.err" >&2; fail "an up-to-date --pdf build failed"; }
grep -q "is up to date" "$tmp/uptodate.err" || { cat "$tmp/uptodate.err" >&2; fail "an unchanged --pdf build was not up to date"; }

# 3. Without Chromium in PATH, a --pdf build that must print (--full: every
# file is made anew) exits 2, says Chromium is needed, and OUT keeps exactly
# what the previous build wrote.
cp -a "$out" "$tmp/before"
status=0
env PATH=/nonexistent "$kbgen" build "$kb" -o "$out" --only runbook --pdf --full --today 2026-11-24 \
  >"$tmp/nochromium.out" 2>"$tmp/nochromium.err" || status=$?
[[ $status -eq 2 ]] || { cat "$tmp/nochromium.err" >&2; fail "--pdf without chromium exited $status, expected 2"; }
grep -qi "chromium" "$tmp/nochromium.err" || { cat "$tmp/nochromium.err" >&2; fail "--pdf without chromium does not say chromium is needed"; }
diff -r "$tmp/before" "$out" >"$tmp/diff" || { cat "$tmp/diff" >&2; fail "--pdf without chromium changed $out"; }
if ls -A "$tmp" | grep -q "kbgen-staging"; then
  fail "--pdf without chromium left a staging folder: $(ls -A "$tmp" | grep kbgen-staging)"
fi

# 4. An edited entry is printed anew, from the staged runbook, with its
# style sheet (one entry a page: the page count stays).
cp -r "$kb" "$tmp/kb"
sed -i 's/"title": "BlockedByConditionalAccess"/"title": "EditedForThePdfTest"/' "$tmp/kb/conditional-access/AADSTS53003.json"
"$kbgen" build "$tmp/kb" -o "$out" --only runbook --pdf --today 2026-11-24 2>"$tmp/edited.err" ||
  { cat "$tmp/edited.err" >&2; fail "rebuilding the edited KB with --pdf failed"; }
pdftotext -layout "$pdf" "$tmp/edited.txt" || fail "pdftotext cannot read the rebuilt runbook.pdf"
grep -qF "EditedForThePdfTest" "$tmp/edited.txt" || fail "the rebuilt runbook.pdf lacks the edited title"
edited_pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
[[ $edited_pages -eq $pages ]] || fail "the rebuilt runbook.pdf has $edited_pages pages, not $pages (style sheet lost?)"

echo "runbook_pdf: ok ($entries entries, $pages pages)"
