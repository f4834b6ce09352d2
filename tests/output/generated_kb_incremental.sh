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

today=2026-11-24
build() {  # build OUT [options...]
  local out=$1
  shift
  "$kbgen" build "$tmp/kb" -o "$out" --today "$today" "$@" 2>"$tmp/build.err" ||
    { tail -n 5 "$tmp/build.err" >&2; fail "kbgen build $* failed"; }
}

same_as_clean() {  # what [options...]
  local what=$1
  shift
  rm -rf "$tmp/clean"
  build "$tmp/clean" --full -j 1 "$@"
  diff -r -x .kbgen-manifest "$tmp/clean" "$tmp/out" >"$tmp/diff" ||
    { head -n 20 "$tmp/diff" >&2; fail "$what: the output differs from a clean -j 1 build"; }
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

# Entries whose render key is unchanged are not rendered again, their
# pieces copied from the last build's files (render/reuse.h). Each edit
# below changes what other entries' outputs show, or damages what is
# reused; after each, an incremental build must equal a clean one and
# rewrite only files whose content changed, and a build that renders the
# skippable entries anyway (KBGEN_VERIFY_SKIP=1, into its own folder) must
# find each the same as what would have been reused.
build "$tmp/vout"
entries=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["count"])' "$tmp/out/api/index.json")

edit() {  # python code run with kb (the folder), entries (path -> list of entry objects), save(path)
  python3 - "$tmp/kb" "$1" <<'PY'
import json, pathlib, sys
kb = pathlib.Path(sys.argv[1])
files = sorted(p for p in kb.rglob("*.json") if p.name != "kbgen.json")
data = {p: json.loads(p.read_text(encoding="utf-8")) for p in files}
entries = {p: (d if isinstance(d, list) else [d]) for p, d in data.items()}
def save(p):
    p.write_text(json.dumps(data[p], indent=2), encoding="utf-8")
def find(code):
    for p, es in entries.items():
        for e in es:
            if e["code"] == code:
                return p, e
    raise SystemExit("no entry " + code)
exec(sys.argv[2])
PY
}

step() {  # what [options...]: builds after an edit and checks the result
  local what=$1
  shift
  rm -rf "$tmp/prev"
  cp -a "$tmp/out" "$tmp/prev"
  identities | grep -v kbgen-manifest >"$tmp/ids.before"
  build "$tmp/out" --stats "$@"
  reused=$(sed -n 's/^kbgen: \([0-9]*\) of [0-9]* entries reused.*/\1/p' "$tmp/build.err")
  [[ -n $reused ]] || fail "$what: --stats did not say how many entries were reused"
  echo "generated_kb_incremental: $what: $reused of $entries entries reused"
  identities | grep -v kbgen-manifest >"$tmp/ids.after"
  KBGEN_VERIFY_SKIP=1 build "$tmp/vout" "$@"
  same_as_clean "$what" "$@"
  diff -r -x .kbgen-manifest "$tmp/clean" "$tmp/vout" >"$tmp/diff" ||
    { head -n 20 "$tmp/diff" >&2; fail "$what: the verifying build differs from a clean -j 1 build"; }
  while read -r path _; do
    if [[ -f $tmp/prev/$path ]] && cmp -s "$tmp/prev/$path" "$tmp/out/$path"; then
      fail "$what: $path was rewritten with the same content"
    fi
  done < <(comm -13 "$tmp/ids.before" "$tmp/ids.after")
}

touch "$tmp/kb/kbgen.json"
step "an input touched, nothing changed"
((reused == entries)) || fail "touching kbgen.json reused $reused of $entries entries"
cmp -s "$tmp/ids.before" "$tmp/ids.after" || fail "touching kbgen.json rewrote output files"

edit 'p = files[40]; entries[p][0]["summary"] += " Edited again."; save(p)'
step "a summary edited"
((reused == entries - 1)) || fail "editing one summary reused $reused of $entries entries, not all but one"

# An entry others name as related: their pages show its title.
target=$(python3 -c '
import json, pathlib, sys
for p in sorted(pathlib.Path(sys.argv[1]).glob("*.json")):
    related = json.loads(p.read_text())["related"]
    if related:
        print(related[0]["code"])
        break' "$tmp/out/api/codes")
[[ -n $target ]] || fail "no entry names another as related"
edit "p, e = find('$target'); e['title'] = 'Retitled by the incremental test'; save(p)"
step "the title of a related entry changed"
grep -rl "Retitled by the incremental test" "$tmp/out/codes" | grep -v "/$target/" >/dev/null ||
  fail "no other page shows the new title of $target"

# A name that appears in another entry's text becomes an alias: a mention link.
edit 'p = files[50]; entries[p][0]["summary"] += " See ZZPLANTED for more."; save(p)'
step "a word planted"
mentioner=$(python3 -c 'import json,pathlib,sys; d=json.loads(pathlib.Path(sys.argv[1]).read_text()); print((d if isinstance(d, list) else [d])[0]["code"])' \
  "$(cd "$tmp/kb" && find . -name '*.json' ! -name kbgen.json | sed 's|^\./||' | LC_ALL=C sort | sed -n 51p | sed "s|^|$tmp/kb/|")")
edit 'p = files[60]; entries[p][0].setdefault("aliases", []).append("ZZPLANTED"); save(p)'
step "a new alias"
grep -q 'ZZPLANTED</a>' "$tmp/out/codes/$mentioner/index.html" || fail "the new alias is not linked on $mentioner's page"

edit '
renamed = entries[files[0]][0]["product"]
for p, es in entries.items():
    for e in es:
        if e.get("product") == renamed:
            e["product"] = "Aardvark renamed"
            save(p)
p = files[70]; entries[p][0]["category"] = "A brand new category"; save(p)'
step "a product and a category renamed"

edit '
p = files[80]; entries[p][0]["tags"] = entries[p][0].get("tags", []) + ["zz-new-tag"]; save(p)
p = files[90]; entries[p][0]["tags"] = []; save(p)'
step "tags changed"

edit '
import json
c = json.loads((kb / "kbgen.json").read_text()); c["title"] = "Retitled KB"; (kb / "kbgen.json").write_text(json.dumps(c))'
step "the site title changed"

edit 'p = files[100]; entries[p][0]["reviewed"] = "2017-01-01"; save(p)'
step "a review date"
today=2027-06-01
step "--today makes an entry overdue"
((reused < entries)) || fail "an entry that became overdue was reused"
today=2026-11-24
step "--today back"

step "a filtered runbook" --runbook-filter tag:zz-new-tag
edit 'p = files[110]; entries[p][0]["tags"] = entries[p][0].get("tags", []) + ["zz-new-tag"]; save(p)'
step "an entry joins the filtered runbook" --runbook-filter tag:zz-new-tag
step "the whole runbook again"

# Output files edited or deleted by hand, and a damaged manifest.
for out in "$tmp/out" "$tmp/vout"; do
  pages=("$out"/codes/*/index.html)
  echo "<!-- edited -->" >>"${pages[0]}"
  wiki=("$out"/markdown/*.md)
  rm -f "${wiki[4]}"
done
step "an entry's page edited, another's Markdown page deleted"
((reused == entries - 2)) || fail "$reused of $entries entries reused after two of their files were damaged"
for out in "$tmp/out" "$tmp/vout"; do echo " " >>"$out/runbook.md"; done
step "the runbook edited: none of its articles can be copied"
# A damaged entry record (its summary changed, its checksum not): no
# record of that manifest is trusted.
touch "$tmp/kb/kbgen.json"
for out in "$tmp/out" "$tmp/vout"; do
  python3 - "$out/.kbgen-manifest" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
k = next(k for k, line in enumerate(lines) if line.startswith("entry "))
fields = lines[k].split(" ")
fields[-3] += "X"
lines[k] = " ".join(fields)
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(lines))
PY
done
step "a damaged entry record"
((reused == 0)) || fail "$reused entries reused from a manifest with a damaged entry record"

echo "generated_kb_incremental: ok ($rewritten of $total files rewritten after the edits)"
