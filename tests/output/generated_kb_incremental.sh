#!/usr/bin/env bash
# Incremental and parallel builds of a generated KB (bench/gen_kb.py, 400
# entries with planted duplicates) give byte for byte what a clean
# single-threaded build gives: after the first build, after a no-op, and
# after edits that change, add and remove entries.
#
#   tests/output/generated_kb_incremental.sh PATH/TO/kbgen
set -euo pipefail

fail() {
  echo "generated_kb_incremental: FAIL: $*" >&2
  exit 1
}

[[ $# -eq 1 ]] || { echo "usage: $0 PATH/TO/kbgen" >&2; exit 2; }
kbgen=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
command -v python3 >/dev/null || fail "python3 is not installed (the test setup installs it)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 "$root/bench/gen_kb.py" --entries 400 --seed 7 --planted "$tmp/planted.json" "$tmp/kb" >/dev/null 2>&1 ||
  fail "bench/gen_kb.py could not generate the KB"

build() {  # build OUT [options...]
  local out=$1
  shift
  "$kbgen" build "$tmp/kb" -o "$out" --today 2026-11-24 "$@" 2>"$tmp/build.err" ||
    { tail -n 5 "$tmp/build.err" >&2; fail "kbgen build $* failed"; }
}

same_as_clean() {  # what
  rm -rf "$tmp/clean"
  build "$tmp/clean" --full -j 1
  diff -r -x .kbgen-manifest "$tmp/clean" "$tmp/out" >"$tmp/diff" ||
    { head -n 20 "$tmp/diff" >&2; fail "$1: the output differs from a clean -j 1 build"; }
}

# Identity of every output file: inode and modification time.
identities() { (cd "$tmp/out" && find . -type f -printf '%p %i %T@\n' | sort); }

build "$tmp/out" -j 4
same_as_clean "first build, 4 jobs"

identities >"$tmp/ids.before"
build "$tmp/out" -j 3
grep -q "is up to date" "$tmp/build.err" || fail "a rebuild without changes was not up to date"
identities >"$tmp/ids.after"
cmp -s "$tmp/ids.before" "$tmp/ids.after" || fail "a rebuild without changes touched output files"

# Change one entry's text, remove one file, add a copy of another under a new code.
python3 - "$tmp/kb" <<'PY'
import json, pathlib, sys
files = sorted(p for p in pathlib.Path(sys.argv[1]).rglob("*.json") if p.name != "kbgen.json")
def first(data):
    return data[0] if isinstance(data, list) else data
edited = json.loads(files[10].read_text(encoding="utf-8"))
first(edited)["summary"] += " Edited by the incremental test."
files[10].write_text(json.dumps(edited, indent=2), encoding="utf-8")
removed = first(json.loads(files[20].read_text(encoding="utf-8")))["code"]
files[20].unlink()
# Entries that named the removed one as related would now be in error.
for path in files:
    if not path.exists():
        continue
    data = json.loads(path.read_text(encoding="utf-8"))
    entries = data if isinstance(data, list) else [data]
    changed = False
    for entry in entries:
        kept = [r for r in entry.get("related", []) if (r if isinstance(r, str) else r.get("code")) != removed]
        if len(kept) != len(entry.get("related", [])):
            entry["related"] = kept
            changed = True
    if changed:
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
added = first(json.loads(files[30].read_text(encoding="utf-8")))
added["code"] = "NEW-000001"
added["aliases"] = []
added["related"] = []
(files[30].parent / "new-entry.json").write_text(json.dumps(added, indent=2), encoding="utf-8")
PY
identities >"$tmp/ids.before"
build "$tmp/out" -j 2
grep -q "unchanged" "$tmp/build.err" || fail "the edited build did not keep any file unchanged"
same_as_clean "after edits, 2 jobs"
[[ -f $tmp/out/codes/NEW-000001/index.html ]] || fail "the added entry has no page"
identities >"$tmp/ids.after"
# Files rewritten: new identity, or new path.
rewritten=$(comm -13 "$tmp/ids.before" "$tmp/ids.after" | wc -l)
total=$(wc -l <"$tmp/ids.after")
((rewritten > 0 && rewritten < total / 2)) || fail "$rewritten of $total files rewritten after editing three entries"

echo "generated_kb_incremental: ok ($rewritten of $total files rewritten after the edits)"
