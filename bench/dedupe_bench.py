#!/usr/bin/env python3
"""Benchmark of kbgen's deduplication stage against generated KBs with planted duplicates.

    bench/dedupe_bench.py --kbgen PATH [--sizes 10000,100000] [--workdir /tmp/kbgen-bench]
                          [--seed S] [--jobs J] [--json FILE]

For each size, generates WORKDIR/kb-N-sS with bench/gen_kb.py (reused when it and its
WORKDIR/kb-N-sS.planted.json already exist), runs

    kbgen check KB --format json --today 2026-11-01 --explain-merges

under /usr/bin/time -v, and compares the findings with the planted truth:

  exact duplicates        codes merged (summary line; --explain-merges names them) and
                          duplicate-item findings at the planted repeated items
  near-duplicate entries  a planted (original, copy) pair is found when a near-duplicate-entry
                          finding ("entry X is N% similar to Y") links the two codes; any
                          other pair is a false finding
  near-duplicate items    found when a near-duplicate-item finding points at the planted copy
                          (or its original); any other is a false finding

Exits 1 if, for any size, exact-duplicate recall (codes or items) is below 100%, near-duplicate
recall (entries or items) is below 95%, the false near-duplicate rate (entries or items) is
above 1% of findings, or kbgen reports anything else (the generated KBs are valid). Python
standard library only.
"""

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TODAY = "2026-11-01"

SUMMARY = re.compile(
    r"kbgen: (\d+) entr(?:y|ies) from (\d+) objects? in (\d+) files?; (\d+) codes? merged, "
    r"(\d+) repeated items? dropped, (\d+) near-duplicates; (\d+) errors?, (\d+) warnings?")
MERGED = re.compile(r"^(\S+) is merged from (\d+) objects:$")
OTHER_PLACE = re.compile(r"\(other place: (.+):(\d+):(\d+)\)$")
NEAR_ENTRY = re.compile(r"entry (\S+) is (\d+)% similar to (\S+);")

MIN_EXACT_RECALL = 1.0
MIN_NEAR_RECALL = 0.95
MAX_FALSE_RATE = 0.01


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def ensure_kb(workdir, size, seed, jobs):
    name = "kb-%d-s%d" % (size, seed)
    kb = os.path.join(workdir, name)
    planted = os.path.join(workdir, name + ".planted.json")
    if os.path.isdir(kb) and os.path.isfile(planted):
        log("using cached %s" % kb)
        return kb, planted
    if os.path.exists(kb):  # a generation that did not finish
        shutil.rmtree(kb)
    os.makedirs(workdir, exist_ok=True)
    log("generating %s ..." % kb)
    t0 = time.monotonic()
    subprocess.run([sys.executable, os.path.join(HERE, "gen_kb.py"), kb, "--entries", str(size),
                    "--seed", str(seed), "--jobs", str(jobs), "--planted", planted], check=True)
    log("generated in %.1f s" % (time.monotonic() - t0))
    return kb, planted


def have_gnu_time():
    return os.access("/usr/bin/time", os.X_OK)


def run_kbgen(kbgen, kb, workdir, name):
    """Runs kbgen check; returns (findings, stderr text, wall seconds, CPU seconds, peak RSS KiB,
    exit status)."""
    out_path = os.path.join(workdir, name + ".findings.json")
    err_path = os.path.join(workdir, name + ".stderr.txt")
    cmd = [kbgen, "check", kb, "--format", "json", "--today", TODAY, "--explain-merges"]
    time_path = os.path.join(workdir, name + ".time.txt")
    if have_gnu_time():
        cmd = ["/usr/bin/time", "-v", "-o", time_path] + cmd
    else:
        # resource.getrusage(RUSAGE_CHILDREN) in a fresh interpreter, so that only kbgen counts
        wrapper = ("import resource,subprocess,sys\n"
                   "rc = subprocess.call(sys.argv[1:])\n"
                   "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
                   "open(%r, 'w').write('User time (seconds): %%.2f\\nSystem time (seconds): %%.2f\\n"
                   "Maximum resident set size (kbytes): %%d\\n' %% (u.ru_utime, u.ru_stime, u.ru_maxrss))\n"
                   "sys.exit(rc)\n" % time_path)
        cmd = [sys.executable, "-c", wrapper] + cmd
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        t0 = time.monotonic()
        rc = subprocess.call(cmd, stdout=out, stderr=err)
        wall = time.monotonic() - t0
    with open(time_path) as f:
        timing = f.read()
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", timing)
    rss_kib = int(m.group(1)) if m else 0
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([0-9.]+)", timing))
    with open(err_path, encoding="utf-8", errors="replace") as f:
        stderr = f.read()
    with open(out_path, encoding="utf-8") as f:
        findings = json.load(f)
    return findings, stderr, wall, cpu, rss_kib, rc


def evaluate(kb, planted, findings, stderr):
    truth_all = planted
    rel = lambda p: os.path.relpath(p, kb)
    by_rule = {}
    for d in findings:
        d = dict(d)
        d["file"] = rel(d["file"])
        m = OTHER_PLACE.search(d["message"])
        d["other"] = (rel(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
        by_rule.setdefault(d["rule"], []).append(d)

    r = {"entries": truth_all["entries"], "objects": truth_all["objects"], "files": truth_all["files"],
         "mib": truth_all["bytes"] / 2**20}
    summary = None
    for line in stderr.splitlines():
        m = SUMMARY.search(line)
        if m:
            summary = [int(x) for x in m.groups()]
    r["summary"] = summary
    merged_listed = set()
    for line in stderr.splitlines():
        m = MERGED.match(line)
        if m:
            merged_listed.add(m.group(1))

    # Exact duplicates.
    exact = truth_all["exact_duplicates"]
    planted_codes = {x["code"] for x in exact}
    r["exact_planted"] = len(planted_codes)
    r["merged_reported"] = summary[3] if summary else None
    r["merged_found"] = len(planted_codes & merged_listed)
    r["merged_unplanted"] = sorted(merged_listed - planted_codes)
    dup_findings = {(d["file"], d["line"], d["column"]): d for d in by_rule.get("duplicate-item", [])}
    matched = set()
    items_total = items_found = 0
    for x in exact:
        for item in x["repeated_items"]:
            items_total += 1
            a, b = (tuple(p) for p in item["positions"])
            for here, there in ((a, b), (b, a)):
                d = dup_findings.get(here)
                if d and (d["other"] is None or d["other"] == there):
                    items_found += 1
                    matched.add(here)
                    break
    r["dup_items_planted"] = items_total
    r["dup_items_found"] = items_found
    r["dup_items_extra"] = len(dup_findings) - len(matched)
    r["dropped_reported"] = summary[4] if summary else None

    # Near-duplicate entries.
    pairs = {frozenset((x["original"], x["copy"])): x for x in truth_all["near_duplicate_entries"]}
    found_pairs = set()
    false_entries = []
    near = by_rule.get("near-duplicate-entry", [])
    for d in near:
        m = NEAR_ENTRY.search(d["message"])
        pair = frozenset((m.group(1), m.group(3))) if m else None
        if pair in pairs:
            found_pairs.add(pair)
        else:
            false_entries.append(d["message"].split(";")[0] if m else d["message"])
    r["near_planted"] = len(pairs)
    r["near_found"] = len(found_pairs)
    r["near_findings"] = len(near)
    r["near_false"] = len(false_entries)
    r["near_false_examples"] = false_entries[:10]
    r["near_missed"] = sorted(
        ({"original": x["original"], "copy": x["copy"], "jaccard": x["jaccard"]}
         for k, x in pairs.items() if k not in found_pairs), key=lambda x: x["copy"])
    sims = [x["jaccard"] for x in pairs.values()]
    r["near_jaccard_range"] = [min(sims), max(sims)] if sims else None

    # Near-duplicate items.
    item_findings = {(d["file"], d["line"], d["column"]): d for d in by_rule.get("near-duplicate-item", [])}
    matched = set()
    items = truth_all["near_duplicate_items"]
    found = 0
    missed_items = []
    for x in items:
        hit = None
        for p in (tuple(x["copy"]), tuple(x["original"])):
            if p in item_findings:
                hit = p
                break
        if hit:
            found += 1
            matched.add(hit)
        else:
            missed_items.append(x)
    r["item_planted"] = len(items)
    r["item_found"] = found
    r["item_findings"] = len(item_findings)
    r["item_false"] = len(item_findings) - len(matched)
    r["item_missed"] = missed_items[:10]
    r["item_false_examples"] = [item_findings[k]["file"] + ":%d:%d " % k[1:] + item_findings[k]["message"]
                                for k in sorted(set(item_findings) - matched)][:10]

    # Anything else is a generator (or kbgen) bug.
    other = {rule: len(ds) for rule, ds in by_rule.items()
             if rule not in ("duplicate-item", "near-duplicate-entry", "near-duplicate-item")}
    r["other_findings"] = other
    r["other_examples"] = [d["file"] + ":%d:%d %s[%s] %s" % (d["line"], d["column"], d["severity"], d["rule"], d["message"])
                           for rule, ds in sorted(by_rule.items()) if rule in other for d in ds[:3]]
    return r


def pct(a, b):
    return "n/a" if not b else "%.1f%%" % (100.0 * a / b)


def failures(r):
    out = []
    if r["exact_planted"] and r["merged_found"] < MIN_EXACT_RECALL * r["exact_planted"]:
        out.append("exact duplicates: %d of %d planted codes merged" % (r["merged_found"], r["exact_planted"]))
    if r["merged_reported"] is not None and r["merged_reported"] != r["exact_planted"]:
        out.append("summary line says %s codes merged, %d planted" % (r["merged_reported"], r["exact_planted"]))
    if r["dup_items_found"] < MIN_EXACT_RECALL * r["dup_items_planted"]:
        out.append("duplicate-item: %d of %d planted repeats reported" % (r["dup_items_found"], r["dup_items_planted"]))
    if r["near_planted"] and r["near_found"] < MIN_NEAR_RECALL * r["near_planted"]:
        out.append("near-duplicate entries: recall %s" % pct(r["near_found"], r["near_planted"]))
    if r["near_findings"] and r["near_false"] > MAX_FALSE_RATE * r["near_findings"]:
        out.append("near-duplicate entries: %d false of %d findings" % (r["near_false"], r["near_findings"]))
    if r["item_planted"] and r["item_found"] < MIN_NEAR_RECALL * r["item_planted"]:
        out.append("near-duplicate items: recall %s" % pct(r["item_found"], r["item_planted"]))
    if r["item_findings"] and r["item_false"] > MAX_FALSE_RATE * r["item_findings"]:
        out.append("near-duplicate items: %d false of %d findings" % (r["item_false"], r["item_findings"]))
    if r["other_findings"]:
        out.append("unexpected findings: %s" % r["other_findings"])
    if r["exit_status"] not in (0, 1):
        out.append("kbgen exited with status %d" % r["exit_status"])
    return out


def print_table(results):
    cols = [
        ("entries", lambda r: str(r["entries"])),
        ("objects", lambda r: str(r["objects"])),
        ("files", lambda r: str(r["files"])),
        ("KB MiB", lambda r: "%.0f" % r["mib"]),
        ("wall s", lambda r: "%.2f" % r["wall_s"]),
        ("CPU s", lambda r: "%.2f" % r["cpu_s"]),
        ("peak RSS MiB", lambda r: "%.0f" % r["rss_mib"]),
        ("codes merged", lambda r: "%d/%d" % (r["merged_found"], r["exact_planted"])),
        ("dup items", lambda r: "%d/%d (+%d)" % (r["dup_items_found"], r["dup_items_planted"], r["dup_items_extra"])),
        ("near-dup entries recall", lambda r: "%s (%d/%d)" % (pct(r["near_found"], r["near_planted"]), r["near_found"], r["near_planted"])),
        ("false near-dup entries", lambda r: "%d (%s)" % (r["near_false"], pct(r["near_false"], r["near_findings"]))),
        ("near-dup items recall", lambda r: "%s (%d/%d)" % (pct(r["item_found"], r["item_planted"]), r["item_found"], r["item_planted"])),
        ("false items", lambda r: "%d (%s)" % (r["item_false"], pct(r["item_false"], r["item_findings"]))),
    ]
    rows = [[c[0] for c in cols]] + [[c[1](r) for c in cols] for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(len(cols))]
    line = lambda row: "| " + " | ".join(v.ljust(w) for v, w in zip(row, widths)) + " |"
    print(line(rows[0]))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows[1:]:
        print(line(row))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kbgen", required=True, help="path to the kbgen binary")
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated entry counts")
    ap.add_argument("--workdir", default="/tmp/kbgen-bench")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="generator processes")
    ap.add_argument("--json", help="also write the results as JSON to this file")
    args = ap.parse_args()
    kbgen = os.path.abspath(args.kbgen)
    if not os.access(kbgen, os.X_OK):
        sys.exit("dedupe_bench.py: %s is not an executable" % kbgen)
    if not have_gnu_time():
        log("/usr/bin/time not found (apt-get install -y time); measuring peak RSS with getrusage")
    workdir = os.path.abspath(args.workdir)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    results = []
    problems = []
    for size in sizes:
        kb, planted_path = ensure_kb(workdir, size, args.seed, args.jobs)
        with open(planted_path) as f:
            planted = json.load(f)
        name = os.path.basename(kb)
        log("running kbgen check on %s ..." % name)
        findings, stderr, wall, cpu, rss_kib, rc = run_kbgen(kbgen, kb, workdir, name)
        r = evaluate(kb, planted, findings, stderr)
        r.update({"wall_s": wall, "cpu_s": cpu, "rss_mib": rss_kib / 1024.0, "exit_status": rc, "kb": kb})
        results.append(r)
        for p in failures(r):
            problems.append("%d entries: %s" % (size, p))
        for key in ("near_false_examples", "near_missed", "item_missed", "item_false_examples", "other_examples"):
            if r[key]:
                log("%d entries, %s:" % (size, key.replace("_", " ")))
                for x in r[key][:10]:
                    log("  %s" % (x,))

    print_table(results)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1, sort_keys=True)
            f.write("\n")
    if problems:
        print("\nFAIL:")
        for p in problems:
            print("  " + p)
        return 1
    print("\nOK: exact duplicates 100%%, near-duplicate recall >= %d%%, false near-duplicates <= %d%%"
          % (MIN_NEAR_RECALL * 100, MAX_FALSE_RATE * 100))
    return 0


if __name__ == "__main__":
    sys.exit(main())
