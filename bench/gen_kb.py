#!/usr/bin/env python3
"""Deterministic generator of realistic kbgen knowledge bases, with planted duplicates.

    bench/gen_kb.py OUT_DIR --entries N [--seed S] [--dup-rate R] [--near-dup-rate R]
                    [--near-dup-item-rate R] [--files-per-dir K] [--planted FILE] [--jobs J]

Writes OUT_DIR/kbgen.json and entry files under OUT_DIR/<product>/<category>/[part-NNN/],
a mix of one-object files and array files. N is the number of distinct codes
(GEN-000001 .. GEN-N); exact duplicates add extra objects on top.

Planted cases (the ground truth for bench/dedupe_bench.py) are written to
OUT_DIR/../<basename(OUT_DIR)>.planted.json unless --planted says otherwise:

  exact_duplicates        a second object with the same code in another file, repeating
                          some list items of the original word for word (each repeat must
                          be reported as duplicate-item; the code must be merged)
  near_duplicate_entries  a new code whose prose is the original's with a few words
                          changed (Jaccard over word 3-shingles drawn from 0.85..0.95)
  near_duplicate_items    a fix step copied, with one word changed, later in the same list

The same arguments give byte-identical output, whatever --jobs is: every entry is
generated from its own random.Random seeded by (seed, index), and the layout from
one master Random(seed). Python standard library only.
"""

import argparse
import datetime
import json
import multiprocessing
import os
import random
import re
import sys

FIXED_TODAY = datetime.date(2026, 11, 1)
CODE_PREFIX = "GEN"

# --------------------------------------------------------------------------
# Vocabulary

REAL_NOUNS = """
account adapter agent alert allocation allowlist anchor archive artifact assertion attribute
audit backend backlog backoff bandwidth barrier baseline batch binding blob bootstrap boundary
bucket buffer build bundle cache callback canary capacity catalog certificate channel checkpoint
checksum chunk cipher claim client cluster codec collector column commit compaction compressor
connection consumer container context controller cookie coordinator counter credential cursor
daemon dashboard datastore deadline decoder delegate deployment descriptor dictionary digest
directory dispatcher domain driver endpoint engine entitlement envelope epoch event exporter
extension failover feature fence fetcher field filter fingerprint firewall flag flush fork
formatter fragment frame gateway generation grant graph handler handshake hash header heap
heartbeat hook host identity image index ingress initializer inode instance interceptor
interface inventory invoice issuer iterator job journal kernel key keystore label latch layer
lease ledger limiter listener loader lock log manifest mapping marker mailbox member memtable
message metric middleware migration mirror module monitor mount mutex namespace node nonce
notifier object offset operator orchestrator origin outbox owner packet page pagination parser
partition patch payload peer permission pipeline placement planner plugin pointer policy pool
port predicate prefix principal probe process producer profile projection promise protocol
provider proxy publisher quorum quota queue range ratelimit reader realm receipt reconciler
record recovery redirect reducer referrer region registry relay release replica replication
repository request reservation resolver resource response retention revision role rollout
route router rule runner runtime sampler scheduler schema scope script secret segment selector
semaphore sequence serializer server session shard sidecar signature sink slot snapshot socket
source span spool stage statement stream subnet subscriber subscription supervisor switch
symlink table tablet tenant thread threshold ticket timer token topic trace transaction
transformer transport trigger truststore tunnel upstream user validator vault version view
volume voucher watcher webhook window worker workflow workspace zone
""".split()

REAL_ADJECTIVES = """
active asynchronous backed-up blocked bounded broken cached canonical cold concurrent
corrupted dangling default degraded delayed deprecated detached disabled dormant duplicate
durable dynamic empty encrypted ephemeral exhausted expired external fenced foreign fragmented
frozen global hidden idle immutable implicit inactive incomplete inconsistent internal invalid
isolated lagging leaked legacy local locked malformed misconfigured missing mutable nested
null obsolete orphaned outdated overloaded partial paused pending persistent primary private
quarantined readonly redundant regional remote replicated revoked rotated secondary sharded
shared signed skewed stale stalled static sticky stuck suspended synchronous throttled
transient truncated unbounded unhealthy unreachable unsigned unsynced upstream verbose
""".split()

REAL_VERBS = """
inspect restart rotate drain reindex rebuild compare export import purge flush reload resync
renew revoke reissue rebalance resize reset replay requeue truncate compact snapshot restore
promote demote pin unpin cordon uncordon tag untag annotate audit trace profile sample throttle
patch upgrade downgrade redeploy roll scale isolate quarantine migrate verify recalculate
""".split()

PAST_VERBS = """
stalled expired timed-out diverged overflowed deadlocked drifted rejected dropped duplicated
truncated leaked starved regressed flapped crashed hung fragmented desynchronised wrapped
""".split()

FAILURES = """
timeout mismatch exhaustion overflow underflow conflict rejection corruption deadlock leak
starvation drift collision regression violation saturation lag skew divergence denial
misrouting truncation expiry contention backpressure stall
""".split()

ENVIRONMENTS = """
production staging canary development preview sandbox perf-lab disaster-recovery edge
on-premises eu-west us-east ap-south
""".split()

LANGS = ["shell", "yaml", "json", "toml", "python", "sql", "ini"]

CONSONANTS = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z",
              "br", "cr", "dr", "gl", "pl", "st", "tr", "th", "sh", "ch", "qu", "sk", "sp", "gr",
              "fl", "kr", "vr", "zh", "x", "w", "j", "y"]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "ae", "y", "oa", "ie"]
CODAS = ["", "", "", "n", "r", "l", "s", "x", "m", "nd", "rt", "st", "k", "th", "sk", "v"]


def build_pseudo_words(count=8000):
    """Thousands of pronounceable made-up words: component, service and flag names."""
    rng = random.Random(0x6B62656E)  # fixed: the vocabulary does not depend on --seed
    seen = set()
    words = []
    real = set(REAL_NOUNS) | set(REAL_ADJECTIVES) | set(REAL_VERBS)
    while len(words) < count:
        syllables = rng.choice((2, 2, 2, 3, 3, 4))
        w = "".join(rng.choice(CONSONANTS) + rng.choice(VOWELS) for _ in range(syllables))
        w += rng.choice(CODAS)
        if len(w) < 5 or len(w) > 13 or w in seen or w in real:
            continue
        seen.add(w)
        words.append(w)
    return words


PSEUDO = build_pseudo_words()

PRODUCTS = [
    ("Orbital Gateway", "ORBGW", ["Routing", "TLS Termination", "Rate Limiting", "Health Checks", "Admin API"]),
    ("Ledgerline Payments", "LLPAY", ["Settlement", "Card Authorization", "Refunds", "Fraud Screening", "Payouts"]),
    ("Nimbus Object Store", "NIMOS", ["Replication", "Lifecycle Rules", "Multipart Upload", "Bucket Policy", "Erasure Coding"]),
    ("Quarry Search", "QSRCH", ["Indexing", "Query Planning", "Relevance", "Shard Allocation", "Snapshots"]),
    ("Beacon Identity", "BCNID", ["Sign-in", "Token Issuance", "Federation", "MFA", "Provisioning"]),
    ("Tidewater Streams", "TWSTR", ["Producers", "Consumer Groups", "Retention", "Schema Registry", "Mirroring"]),
    ("Harbor CI", "HRBCI", ["Runners", "Artifacts", "Pipelines", "Secrets", "Caching"]),
    ("Cobalt Database", "CBLDB", ["Transactions", "Replication", "Vacuum", "Connections", "Backups"]),
    ("Lumen Observability", "LUMOB", ["Metrics Ingest", "Log Pipeline", "Tracing", "Alerting", "Dashboards"]),
    ("Fieldstone Scheduler", "FLDSC", ["Placement", "Preemption", "Quotas", "Node Lifecycle", "Cron Jobs"]),
]
PRODUCT_WEIGHTS = [14, 12, 11, 10, 10, 9, 9, 9, 8, 8]

REF_HOSTS = ["docs.example.com", "support.example.net", "kb.example.org", "engineering.example.io",
             "status.example.com", "runbooks.example.dev", "wiki.example.internal.example.com"]


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


# --------------------------------------------------------------------------
# Text: sentence templates with slots filled from the vocabulary.
#
# Slots: {C} capitalised component, {c} component, {s} service, {n}/{n2} noun,
# {ns} plural noun, {a} adjective, {v} verb, {vp} past verb, {f} failure,
# {p} path, {cmd} command, {k} config key, {num} number, {dur} duration,
# {env} environment, {m} metric, {w} pseudo-word, {ver} version, {host} host,
# {pct} percentage, {code} another code, {flag} command-line flag.

STATEMENTS = [
    "The {c} {n} {vp} after {num} attempts because the {a} {n2} was never released.",
    "When {s} cannot reach the {n} on {host}, it marks the {n2} as {a} and stops accepting {ns}.",
    "This usually means that {k} is set lower than the {n} the {c} worker actually needs.",
    "In {env}, the {n} is shared by {num} {c} replicas, so one {a} replica can block the others.",
    "The error is raised by the {c} {n} layer, not by {s}, even though the log line names {s}.",
    "Since version {ver}, {s} refuses a {n} whose {n2} is older than {dur}.",
    "A {f} in the {n} path shows up first as a rising `{m}` and only later as this error.",
    "The {w} module writes its {ns} to `{p}`; a full or read-only volume there triggers the {f}.",
    "Operators often confuse this with {code}, which is a {f} in the {n2} rather than the {n}.",
    "Requests that carry an {a} {n} header are rejected by {s} before any {n2} lookup happens.",
    "Under load the {c} scheduler batches {ns} in groups of {num}, and a single {a} one fails the whole batch.",
    "The {n} cache on {host} keeps entries for {dur}; a {a} entry outlives the {n2} it points to.",
    "If the {w} flag is enabled, {s} retries the {n} silently, which hides the original {f}.",
    "Clients built against {c} {ver} still send the {a} {n} format that newer servers reject.",
    "About {pct} of affected tenants run the {w} plugin, which replaces the default {n} handler.",
    "The {n} quota is counted per {n2}, so the limit is reached sooner than the dashboard suggests.",
    "A clock skew of more than {dur} between {host} and the {c} coordinator makes every {n} look {a}.",
    "The message includes the {n} identifier, which you can match against `{p}` on the {c} node.",
    "Nothing is lost when this happens: {s} keeps the {ns} in its {w} spool until the {n2} recovers.",
    "The condition clears on its own once the {a} {n} is garbage-collected, usually within {dur}.",
    "During a rolling upgrade from {ver}, old and new {c} nodes disagree about the {n} encoding.",
    "Each {n} carries a {w} fingerprint, and a mismatch between the two copies stops the {n2}.",
    "The {c} health probe only checks the {n}, so the instance stays in rotation while the {n2} fails.",
    "A misconfigured {k} sends every {n} to the {env} {n2} instead of the local one.",
    "The {s} daemon logs the failure at debug level only, so it is easy to miss in {env}.",
    "After a failover, the new primary replays {num} {ns} from the {w} journal before serving traffic.",
    "Large {ns} above {num} KiB are split by the {c} encoder, and the split can land on an {a} boundary.",
    "The limit was lowered to {num} in the {ver} release, and existing {ns} were not migrated.",
    "Permissions on `{p}` must allow the `{w}` service account to read the {n}.",
    "Because the {n} is cached per process, restarting only one {s} worker is not enough.",
    "The {c} {n} and the {w} {n2} both claim port {port}, and whichever starts second fails.",
    "Metrics from {host} show the {n} queue growing by roughly {num} items per minute before the {f}.",
    "The {a} {n} state is persisted, so the error survives a restart of {s}.",
    "Tenants on the {env} tier share a single {w} {n}, which makes this {f} more likely there.",
    "This is expected while the {c} {n} is being {vp2}, but it should not last more than {dur}.",
    "The {n2} reported in the error is the {a} one; the {n} that caused it is logged one line earlier.",
]

DIAGNOSIS = [
    "Run {cmd} on the affected {c} node and look for {ns} in the `{a}` state.",
    "Check `{m}` in the {env} dashboard for the hour before the first error.",
    "Search `{p}` for the {n} identifier from the error message.",
    "Compare the value of {k} on {host} with the value in the {w} baseline.",
    "List the {ns} held by {s} with {cmd} and note any older than {dur}.",
    "Confirm the {c} version on every node with {cmd}; mixed versions older than {ver} cause this.",
    "Look in the {s} log for `{w}: {f}` lines that share the request id of the failing call.",
    "Trace one failing request through the {n} and {n2} layers with {cmd}.",
    "Check whether the {w} plugin is loaded: it replaces the default {n} handler.",
    "Measure the clock offset between {host} and the {c} coordinator; more than {dur} is a problem.",
    "Inspect the {n} quota for the tenant with {cmd} and compare it with `{m}`.",
    "Open `{p}` and verify that the {n} section lists {num} {ns}.",
    "Query the {w} table for rows where the {n} is {a} and the {n2} is not.",
    "Find out whether the error follows one {n2} or moves between them after a restart of {s}.",
    "Capture a {n} dump with {cmd} while the error is happening and look for {a} entries.",
    "Check free space and inode usage on the volume that holds `{p}`.",
    "Review recent changes to {k} in the {env} configuration repository.",
    "Verify that the `{w}` service account can read `{p}` with {cmd}.",
    "Count the {ns} per {n2} with {cmd}; a count above {num} points to the quota.",
    "See whether {code} was raised on the same host in the previous {dur}.",
    "Check the {c} {n} metrics for a sawtooth pattern in `{m}`, which means repeated retries.",
    "Ask the owner of the {w} integration whether their client still uses {c} {ver}.",
    "Enable debug logging for the {c} {n} module with {cmd} and reproduce the request.",
    "Use {cmd} to print the {n} fingerprint on both {host} and its peer and compare them.",
    "Inspect the {n2} events for the {c} pod in {env}: repeated restarts point to the probe.",
    "Look at the {n} age histogram `{m}`; a long tail beyond {dur} confirms the {f}.",
    "Check whether port {port} is held by another process on {host} with {cmd}.",
    "Read the {s} startup log for the line that reports the effective {k}.",
]

FIXES = [
    "Raise {k} to at least {num} in `{p}` and reload {s}.",
    "Restart the {s} workers one at a time with {cmd} so that every process drops its cached {n}.",
    "Release the {a} {n} with {cmd}, then retry the {n2} operation.",
    "Roll every {c} node forward to {ver} or later; mixed versions keep producing the {f}.",
    "Disable the {w} plugin in `{p}` until its {n} handler is fixed upstream.",
    "Synchronise the clock on {host} with the {env} time source and confirm the offset is below {dur}.",
    "Move `{p}` to a volume with more free space, or purge {ns} older than {dur} with {cmd}.",
    "Grant the `{w}` service account read access to `{p}`.",
    "Split {ns} larger than {num} KiB before sending them to {s}.",
    "Point {k} back at the local {n2} instead of the {env} one.",
    "Rebuild the {n} index with {cmd}; expect it to take about {dur} per million {ns}.",
    "Increase the {n} quota for the tenant with {cmd} and record the change in the {w} ticket.",
    "Rotate the {n} credential with {cmd} and redeploy {s} so that it reads the new one.",
    "Drain the {a} {c} node with {cmd} and let the scheduler place its {ns} elsewhere.",
    "Replay the stuck {ns} from the {w} spool with {cmd} once the {n2} is healthy again.",
    "Change the health probe of {s} so that it checks the {n2} as well as the {n}.",
    "Free port {port} on {host} or move the {w} {n2} to another port in `{p}`.",
    "Upgrade the client library used by the {w} integration to {c} {ver}.",
    "Set {k} to `{w}` so that {s} stops retrying the {n} silently.",
    "Run {cmd} to re-encode the {ns} written before the {ver} upgrade.",
    "Lower the batch size of the {c} scheduler to {num} so that one {a} {n} fails fewer requests.",
    "Remove the {a} {n} entries from the cache on {host} with {cmd}.",
    "Promote the healthy replica with {cmd} and rebuild the {a} one from a snapshot.",
    "Pin {s} to the {n} format of {ver} with {k} until every client is upgraded.",
    "Recreate the {w} {n} from its definition in `{p}` and restart the {c} controller.",
    "Reset the {n} cursor for the consumer group with {cmd} and monitor `{m}` for {dur}.",
    "Apply the {w} patch from the {c} {ver} release notes and restart {s}.",
    "Shorten the {n} lifetime to {dur} with {k} so that {a} entries expire sooner.",
]

VERIFICATION = [
    "`{m}` stays flat for at least {dur} after the change.",
    "Run {cmd} again: no {n} is listed as {a}.",
    "The {s} log shows no new `{w}: {f}` lines during the next {dur}.",
    "A test request through {host} completes in under {num} ms.",
    "The {c} dashboard in {env} shows every {n2} as healthy.",
    "The effective {k} reported at startup is {num}.",
    "The error rate for the tenant drops below {pct} within {dur}.",
    "{cmd} reports the same {n} fingerprint on both peers.",
    "The {w} spool for {s} is empty.",
    "The {n} queue on {host} drains to zero and stays there.",
    "Replaying one of the failed requests with {cmd} succeeds.",
    "The {c} version check lists {ver} on every node.",
]

PREVENTION = [
    "Alert when `{m}` grows for more than {dur}.",
    "Keep {k} in the {w} baseline and review it when the {n} count passes {num}.",
    "Add {cmd} to the {c} deployment checklist.",
    "Upgrade {c} nodes in one maintenance window instead of mixing versions across {ver}.",
    "Run the {w} clock check on {host} every {dur}.",
    "Document the {n} quota per tenant in the {env} runbook and alert at {pct} of it.",
    "Rotate the {n} credential on a schedule shorter than its {dur} lifetime.",
    "Reject {ns} larger than {num} KiB at the {s} edge.",
    "Test the {w} plugin against every new {c} release in {env} before rollout.",
    "Monitor free space on the volume that holds `{p}` and alert below {pct}.",
    "Make the {s} health probe cover the {n2} dependency.",
    "Record every change to {k} in the {w} configuration repository with a reviewer.",
]

CAUSE_TITLES = [
    "{A} {n} left behind by {s}",
    "{k} lower than the workload needs",
    "Mixed {c} versions across the {n2} pool",
    "Clock skew between {host} and the coordinator",
    "{W} plugin overriding the {n} handler",
    "Full or read-only volume under `{p}`",
    "Missing read permission for the `{w}` account",
    "{N} quota reached for the tenant",
    "{A} cache entry on {host}",
    "Port {port} already in use",
    "Client still on {c} {ver}",
    "{N} routed to the {env} {n2}",
    "Oversized {ns} from the {w} integration",
    "Failover replay of the {w} journal",
]

SUMMARIES = [
    "{s} could not complete the {n} operation because the {n2} was {a}.",
    "The {c} {n} rejected the request: its {n2} {vp} before the {f} limit of {dur}.",
    "A {f} occurred between {s} and the {n} on {host}.",
    "{s} stopped processing {ns} after the {a} {n} reached its limit of {num}.",
    "The {n} handed to {s} did not match the {n2} recorded by the {c} coordinator.",
    "Requests to {s} fail because the {n} is {a} and cannot be renewed.",
]

TITLES = [
    "{C} {n} {f}",
    "{N} {f} in {s}",
    "{C} {n2} {vp}",
    "{A} {n} rejected by {s}",
    "{N} {f} on {c} {n2}",
    "{C}: {n} {f} during {n2} {v}",
]


def _cap(s):
    return s[:1].upper() + s[1:]


class Filler:
    """Fills one template from the vocabulary with a given Random."""

    SLOT = re.compile(r"\{([A-Za-z0-9]+)\}")

    def __init__(self, rng, codes_total, self_index):
        self.rng = rng
        self.codes_total = codes_total
        self.self_index = self_index
        # An entry keeps returning to a few components, as a real one would.
        self.components = [rng.choice(PSEUDO) for _ in range(3)]
        self.services = [rng.choice(PSEUDO) + rng.choice(("d", "-api", "-worker", "-proxy", "-agent", "ctl", "-sync"))
                         for _ in range(2)]

    def word(self):
        return self.rng.choice(PSEUDO)

    def comp(self):
        return self.rng.choice(self.components) if self.rng.random() < 0.6 else self.word()

    def slot(self, name):
        r = self.rng
        if name == "C":
            return _cap(self.comp())
        if name == "c":
            return self.comp()
        if name == "s":
            return self.rng.choice(self.services) if r.random() < 0.7 else self.word() + "d"
        if name in ("n", "n2"):
            return r.choice(REAL_NOUNS) if r.random() < 0.75 else self.word()
        if name == "N":
            return _cap(r.choice(REAL_NOUNS))
        if name == "ns":
            n = r.choice(REAL_NOUNS)
            return n + ("es" if n.endswith(("s", "x", "sh", "ch")) else "s")
        if name == "a":
            return r.choice(REAL_ADJECTIVES)
        if name == "A":
            return _cap(r.choice(REAL_ADJECTIVES))
        if name == "v":
            return r.choice(REAL_VERBS)
        if name == "vp":
            return r.choice(PAST_VERBS)
        if name == "vp2":
            return r.choice(("rebalanced", "migrated", "compacted", "reindexed", "restored", "resharded"))
        if name == "f":
            return r.choice(FAILURES)
        if name == "w":
            return self.word()
        if name == "W":
            return _cap(self.word())
        if name == "p":
            return self.path()
        if name == "cmd":
            return self.command()
        if name == "k":
            return "`%s.%s_%s`" % (self.comp(), r.choice(REAL_NOUNS), r.choice(("limit", "timeout", "size", "max", "ttl", "interval", "mode", "count")))
        if name == "num":
            return str(r.choice((r.randint(2, 64), r.randint(100, 9999), r.randint(10000, 500000))))
        if name == "dur":
            return r.choice(("%d seconds" % r.randint(5, 90), "%d minutes" % r.randint(2, 55),
                             "%d hours" % r.randint(2, 36), "%d ms" % r.randint(50, 900)))
        if name == "env":
            return r.choice(ENVIRONMENTS)
        if name == "m":
            return "%s_%s_%s" % (self.comp(), r.choice(REAL_NOUNS), r.choice(("total", "seconds", "bytes", "errors_total", "pending", "ratio")))
        if name == "ver":
            return "%d.%d.%d" % (r.randint(1, 9), r.randint(0, 30), r.randint(0, 15))
        if name == "host":
            return "%s-%d.%s.internal" % (self.word(), r.randint(1, 99), self.word())
        if name == "port":
            return str(r.randint(1025, 65000))
        if name == "pct":
            return "%d%%" % r.randint(2, 95)
        if name == "code":
            other = r.randrange(self.codes_total)
            if other == self.self_index:
                other = (other + 1) % self.codes_total
            return code_of(other)
        if name == "flag":
            return "--%s-%s" % (self.word(), r.choice(REAL_NOUNS))
        raise KeyError(name)

    def path(self):
        r = self.rng
        c = self.comp()
        return r.choice((
            "/etc/%s/%s.yaml" % (c, self.word()),
            "/var/log/%s/%s.log" % (c, self.word()),
            "/var/lib/%s/%s/%s" % (c, r.choice(REAL_NOUNS), self.word()),
            "/opt/%s/conf/%s.toml" % (c, r.choice(REAL_NOUNS)),
            "/srv/%s/%s-%d.json" % (self.word(), r.choice(REAL_NOUNS), r.randint(1, 999)),
        ))

    def command(self):
        r = self.rng
        c = self.comp()
        return "`%s`" % r.choice((
            "%sctl %s %s --%s" % (c, r.choice(REAL_VERBS), r.choice(REAL_NOUNS), self.word()),
            "%s %s list --%s=%s" % (c, r.choice(REAL_NOUNS), r.choice(REAL_NOUNS), self.word()),
            "kubectl -n %s describe %s %s-%d" % (self.word(), r.choice(("pod", "deployment", "statefulset")), c, r.randint(0, 9)),
            "journalctl -u %s --since -%dm" % (c, r.randint(5, 120)),
            "curl -s https://%s.%s.internal:%d/%s" % (c, self.word(), r.randint(1025, 65000), r.choice(REAL_NOUNS)),
            "grep -c %s /var/log/%s/%s.log" % (self.word(), c, self.word()),
            "%s-admin %s --%s %d" % (c, r.choice(REAL_VERBS), r.choice(REAL_NOUNS), r.randint(1, 500)),
        ))

    def fill(self, template):
        return self.SLOT.sub(lambda m: self.slot(m.group(1)), template)

    def pick(self, templates, k):
        return [self.fill(t) for t in self.rng.sample(templates, k)]

    def paragraph(self, sentences, used=None):
        """`sentences` statements; with `used`, templates already in it are avoided (and added),
        so that items of one list do not repeat a template with only a slot or two changed."""
        if used is None:
            return " ".join(self.pick(STATEMENTS, sentences))
        free = [t for t in STATEMENTS if t not in used]
        chosen = self.rng.sample(free, sentences)
        used.update(chosen)
        return " ".join(self.fill(t) for t in chosen)


# Six digits up to 999,999 entries; a KB of a million or more has wider codes,
# and the namespace pattern in kbgen.json says so.
CODE_DIGITS = 6


def code_of(index):
    return "%s-%0*d" % (CODE_PREFIX, CODE_DIGITS, index + 1)


# --------------------------------------------------------------------------
# Entries


class Plan:
    """What the master decided before any entry is written (shared with workers)."""

    def __init__(self, args):
        self.seed = args.seed
        self.n = args.entries
        rng = random.Random("plan:%d" % args.seed)
        self.product = [0] * self.n
        self.category = [0] * self.n
        for i in range(self.n):
            self.product[i] = rng.choices(range(len(PRODUCTS)), PRODUCT_WEIGHTS)[0]
            self.category[i] = rng.randrange(5)
        n_near = int(round(self.n * args.near_dup_rate))
        n_dup = int(round(self.n * args.dup_rate))
        n_item = int(round(self.n * args.near_dup_item_rate))
        if 2 * n_near + n_dup + n_item > self.n:
            sys.exit("gen_kb.py: too many planted cases for %d entries" % self.n)
        chosen = rng.sample(range(self.n), 2 * n_near + n_dup + n_item)
        # near-duplicate entries: copy index -> original index
        self.copy_of = {}
        self.partner = {}
        for j in range(n_near):
            orig, copy = chosen[2 * j], chosen[2 * j + 1]
            self.copy_of[copy] = orig
            self.partner[copy] = orig
            self.partner[orig] = copy
            # the copy lives where the original lives
            self.product[copy] = self.product[orig]
            self.category[copy] = self.category[orig]
        self.dup = sorted(chosen[2 * n_near:2 * n_near + n_dup])
        self.near_item = set(chosen[2 * n_near + n_dup:])
        self.dup_set = set(self.dup)


def entry_rng(plan, index, purpose="entry"):
    return random.Random("%s:%d:%d" % (purpose, plan.seed, index))


def make_step(fl, templates, used, allow_substeps=True):
    r = fl.rng
    t = r.choice([t for t in templates if t not in used] or templates)
    used.add(t)
    text = fl.fill(t)
    if r.random() < 0.25:
        text += " " + fl.fill(r.choice(STATEMENTS))
    if allow_substeps and r.random() < 0.18:
        subs = []
        for _ in range(r.randint(2, 4)):
            subs.append(make_step(fl, templates, used, allow_substeps=False))
        return {"text": text, "steps": subs}
    return text


def make_steps(fl, templates, lo, hi):
    used = set()
    return [make_step(fl, templates, used) for _ in range(fl.rng.randint(lo, hi))]


def make_description(fl):
    r = fl.rng
    paras = [fl.paragraph(r.randint(3, 4)) for _ in range(r.randint(2, 3))]
    if r.random() < 0.4:
        bullets = ["- " + fl.fill(t) for t in r.sample(STATEMENTS, r.randint(2, 4))]
        paras.insert(1, "\n".join(bullets))
    if r.random() < 0.3:
        paras.append("See the [%s %s guide](https://%s/%s/%s) for background on the %s." % (
            fl.comp(), r.choice(REAL_NOUNS), r.choice(REF_HOSTS), fl.word(), fl.word(), r.choice(REAL_NOUNS)))
    return "\n\n".join(paras)


def make_causes(fl):
    r = fl.rng
    causes = []
    used = set()
    for t in r.sample(CAUSE_TITLES, r.randint(2, 4)):
        if r.random() < 0.6:
            causes.append({"title": fl.fill(t), "detail": fl.paragraph(r.randint(1, 2), used)})
        else:
            causes.append(fl.paragraph(r.randint(1, 2), used))
    return causes, used


def make_example(fl):
    r = fl.rng
    lang = r.choice(LANGS)
    c = fl.comp()
    if lang == "shell":
        code = "\n".join("$ " + fl.command().strip("`") for _ in range(r.randint(2, 4)))
    elif lang == "yaml":
        code = "%s:\n  %s:\n    %s: %d\n    %s: %s\n" % (c, r.choice(REAL_NOUNS), fl.word(), r.randint(1, 9999), fl.word(), r.choice(ENVIRONMENTS))
    elif lang == "json":
        code = json.dumps({c: {r.choice(REAL_NOUNS): r.randint(1, 9999), fl.word(): fl.word()}}, indent=2, sort_keys=True)
    elif lang == "toml":
        code = "[%s.%s]\n%s = %d\n%s = \"%s\"\n" % (c, r.choice(REAL_NOUNS), fl.word(), r.randint(1, 9999), fl.word(), fl.word())
    elif lang == "python":
        code = "client = %s.Client(%r)\nclient.%s(%s=%d)\n" % (c, fl.word(), r.choice(REAL_VERBS), fl.word(), r.randint(1, 500))
    elif lang == "sql":
        code = "SELECT %s, count(*) FROM %s_%s WHERE state = '%s' GROUP BY 1;" % (fl.word(), c, r.choice(REAL_NOUNS), r.choice(REAL_ADJECTIVES))
    else:
        code = "[%s]\n%s=%d\n" % (c, fl.word(), r.randint(1, 9999))
    return {"title": "%s %s" % (_cap(r.choice(REAL_VERBS)), r.choice(REAL_NOUNS)), "language": lang, "code": code}


def make_entry(plan, index):
    """The entry object for code index `index` (without planted near-duplicate copying)."""
    if index in plan.copy_of:
        return make_near_copy(plan, index)[0]
    r = entry_rng(plan, index)
    fl = Filler(r, plan.n, index)
    pi, ci = plan.product[index], plan.category[index]
    product, abbrev, categories = PRODUCTS[pi]
    e = {"code": code_of(index)}
    e["title"] = _cap(fl.fill(r.choice(TITLES)))
    e["summary"] = fl.fill(r.choice(SUMMARIES)) + (" " + fl.fill(r.choice(STATEMENTS)) if r.random() < 0.5 else "")
    e["description"] = make_description(fl)
    e["product"] = product
    e["category"] = categories[ci]
    tags = [slug(categories[ci]), slug(abbrev)] + r.sample(REAL_NOUNS, r.randint(1, 3))
    if r.random() < 0.5:
        tags.append(fl.word())
    e["tags"] = list(dict.fromkeys(tags))
    aliases = []
    if r.random() < 0.5:
        aliases.append("%s-%d" % (abbrev, 10000 + index))
    if r.random() < 0.25:
        aliases.append(str(7000000 + index))
    if aliases:
        e["aliases"] = aliases
    e["causes"], cause_templates = make_causes(fl)
    e["diagnosis"] = make_steps(fl, DIAGNOSIS, 3, 8)
    e["fix"] = make_steps(fl, FIXES, 3, 8)
    if index in plan.near_item:
        plant_near_item(fl, e)
    e["verification"] = make_steps(fl, VERIFICATION, 1, 3)
    e["prevention"] = make_steps(fl, PREVENTION, 1, 3)
    if r.random() < 0.3:
        e["examples"] = [make_example(fl) for _ in range(r.randint(1, 2))]
    related = []
    forbidden = {index, plan.partner.get(index, -1)}
    for _ in range(r.randint(0, 4)):
        other = r.randrange(plan.n)
        if other in forbidden:
            continue
        forbidden.add(other)
        if r.random() < 0.4:
            related.append({"code": code_of(other), "note": fl.fill(r.choice(STATEMENTS))})
        else:
            related.append(code_of(other))
    if related:
        e["related"] = related
    refs = []
    for k in range(r.randint(1, 3)):
        refs.append({"title": "%s %s %s" % (_cap(fl.comp()), r.choice(REAL_NOUNS), r.choice(("guide", "reference", "runbook", "release notes", "design doc", "FAQ"))),
                     "url": "https://%s/%s/%s/%s-%d" % (r.choice(REF_HOSTS), slug(abbrev), fl.word(), r.choice(REAL_NOUNS), r.randint(1, 99999))})
    e["references"] = refs
    e["reviewed"] = (FIXED_TODAY - datetime.timedelta(days=r.randint(1, 364))).isoformat()
    e["owner"] = "team-%s" % r.choice(PSEUDO[:400])
    return e


# ---- near-duplicate items -------------------------------------------------

def normalize(text):
    """kbgen's normalize_text for the ASCII text this generator writes."""
    text = re.sub(r"\]\([^)\n]*\)", " ", text)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def char_shingles(text, n=4):
    t = normalize(text)
    if len(t) <= n:
        return {t}
    return {t[i:i + n] for i in range(len(t) - n + 1)}


def word_shingles(text, n=3):
    w = normalize(text).split()
    if len(w) <= n:
        return {" ".join(w)}
    return {" ".join(w[i:i + n]) for i in range(len(w) - n + 1)}


def jaccard(a, b):
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


WORD_TOKEN = re.compile(r"^([A-Za-z]{4,})([.,;:]?)$")


def swap_word(rng, token):
    """A different word for `token` (keeps capitalisation and trailing punctuation)."""
    m = WORD_TOKEN.match(token)
    core, punct = m.group(1), m.group(2)
    pool = REAL_NOUNS if rng.random() < 0.5 else PSEUDO
    size = min(len(core), max(len(w) for w in pool))  # "{w}ctl" can be longer than any word
    pool = [w for w in pool if abs(len(w) - size) <= 3 and w != core.lower()]
    new = rng.choice(pool)
    if core[0].isupper():
        new = _cap(new)
    return new + punct


def plant_near_item(fl, e):
    """Adds to e["fix"] a copy of one long step with exactly one word changed."""
    r = fl.rng
    original = fl.fill(r.choice(FIXES)) + " " + fl.fill(r.choice(STATEMENTS)) + " " + fl.fill(r.choice(STATEMENTS))
    tokens = original.split(" ")
    # replace a word inside prose, not inside a `code span`
    candidates = []
    in_code = False
    for i, t in enumerate(tokens):
        ticks = t.count("`")
        if not in_code and ticks == 0 and WORD_TOKEN.match(t):
            candidates.append(i)
        if ticks % 2 == 1:
            in_code = not in_code
    i = r.choice(candidates)
    tokens[i] = swap_word(r, tokens[i])
    copy = " ".join(tokens)
    pos = r.randint(0, len(e["fix"]))
    e["fix"].insert(pos, original)
    e["fix"].insert(r.randint(pos + 1, len(e["fix"])), copy)


def near_item_pair(e):
    """(original index, copy index) of the planted fix step pair in e["fix"]."""
    fixes = e["fix"]
    best = None
    for a in range(len(fixes)):
        for b in range(a + 1, len(fixes)):
            if isinstance(fixes[a], str) and isinstance(fixes[b], str):
                s = jaccard(char_shingles(fixes[a]), char_shingles(fixes[b]))
                if best is None or s > best[2]:
                    best = (a, b, s)
    return best


# ---- near-duplicate entries -----------------------------------------------

def prose_fields(e):
    """References to every prose string, in kbgen's entry_prose order: (container, key)."""
    refs = [(e, "title"), (e, "summary"), (e, "description")]
    for i, c in enumerate(e.get("causes", [])):
        if isinstance(c, dict):
            refs += [(c, "title"), (c, "detail")]
        else:
            refs.append((e["causes"], i))

    def steps(lst):
        for i, s in enumerate(lst):
            if isinstance(s, dict):
                refs.append((s, "text"))
                steps(s.get("steps", []))
            else:
                refs.append((lst, i))

    for f in ("diagnosis", "fix", "verification", "prevention"):
        steps(e.get(f, []))
    return refs


def entry_prose(e):
    return "\n\n".join(cont[key] for cont, key in prose_fields(e))


def make_near_copy(plan, index):
    """Entry `index`: the prose of its original with a few words changed, and what changed."""
    orig_index = plan.copy_of[index]
    original = make_entry(plan, orig_index)
    r = entry_rng(plan, index, "near-copy")
    fl = Filler(r, plan.n, index)
    e = json.loads(json.dumps(original))
    e["code"] = code_of(index)
    abbrev = PRODUCTS[plan.product[index]][1]
    if "aliases" in e:
        e["aliases"] = ["%s-%d" % (abbrev, 10000 + index)]
    e["related"] = [x for x in e.get("related", [])
                    if (x if isinstance(x, str) else x["code"]) not in (code_of(index), code_of(orig_index))]
    if not e["related"]:
        del e["related"]
    e["reviewed"] = (FIXED_TODAY - datetime.timedelta(days=r.randint(1, 364))).isoformat()

    target = r.uniform(0.85, 0.95)
    base = word_shingles(entry_prose(original))
    refs = prose_fields(e)
    split = [cont[key].split(" ") for cont, key in refs]
    candidates = []
    for fi, toks in enumerate(split):
        in_code = False
        for ti, t in enumerate(toks):
            ticks = t.count("`")
            if not in_code and ticks == 0 and WORD_TOKEN.match(t) and "](" not in t:
                candidates.append((fi, ti))
            if ticks % 2 == 1:
                in_code = not in_code
    r.shuffle(candidates)
    total_words = sum(len(t) for t in split)
    changed = 0
    step = max(1, total_words // 400)
    similarity = 1.0
    while candidates and similarity > target:
        for _ in range(step):
            if not candidates:
                break
            fi, ti = candidates.pop()
            split[fi][ti] = swap_word(r, split[fi][ti])
            changed += 1
        for (cont, key), toks in zip(refs, split):
            cont[key] = " ".join(toks)
        similarity = jaccard(base, word_shingles(entry_prose(e)))
    return e, {"jaccard": round(similarity, 4), "words_changed": changed, "words_total": total_words}


# ---- exact duplicates -----------------------------------------------------

def item_text(item):
    if isinstance(item, str):
        return item
    if "detail" in item:
        return item.get("title", "") + "\n\n" + item["detail"]
    return "\n\n".join([item["text"]] + [item_text(s) for s in item.get("steps", [])])


def unlike(make, existing, limit=0.5):
    """A new item from make() that is not similar to any existing one (new items of a
    duplicate object must not become planted-by-accident near-duplicates)."""
    shingles = [char_shingles(item_text(x)) for x in existing]
    while True:
        item = make()
        mine = char_shingles(item_text(item))
        if all(jaccard(mine, other) < limit for other in shingles):
            return item


def make_dup_object(plan, index):
    """A second object for code `index`: same scalars, some list items repeated word for word,
    a few new ones. Returns (object, repeats) with repeats = [(field, i_in_original, i_in_dup)]."""
    e = make_entry(plan, index)
    r = entry_rng(plan, index, "dup")
    fl = Filler(r, plan.n, index)
    d = {"code": e["code"], "title": e["title"], "summary": e["summary"]}
    if r.random() < 0.5:
        d["product"] = e["product"]
        d["category"] = e["category"]
    repeats = []

    def take(field, k_lo, k_hi, new_items):
        items = e.get(field, [])
        if not items and not new_items:
            return
        k = min(len(items), r.randint(k_lo, k_hi))
        out = [(i, items[i]) for i in sorted(r.sample(range(len(items)), k))]
        for item in new_items:
            out.insert(r.randint(0, len(out)), (None, item))
        for j, (i, _) in enumerate(out):
            if i is not None:
                repeats.append((field, i, j))
        if out:
            d[field] = [item for _, item in out]

    existing_tags = set(e.get("tags", []))
    new_tag = next(t for t in (r.choice(REAL_NOUNS) + "-" + fl.word() for _ in range(100)) if t not in existing_tags)
    take("tags", 1, 2, [new_tag])
    take("aliases", 0, 1, [])
    take("causes", 1, 1, [unlike(lambda: fl.paragraph(1), e["causes"])] if r.random() < 0.5 else [])
    take("diagnosis", 0, 1, [])
    take("fix", 1, 2, [unlike(lambda: make_step(fl, FIXES, set(), allow_substeps=False), e["fix"])])
    take("verification", 0, 1, [])
    take("related", 0, 1, [])
    take("references", 1, 1, [{"title": "%s migration notes" % _cap(fl.comp()),
                                "url": "https://%s/%s/notes-%d" % (r.choice(REF_HOSTS), fl.word(), r.randint(1, 99999))}]
         if r.random() < 0.5 else [])
    return d, repeats


# --------------------------------------------------------------------------
# Serialisation with positions (for planted objects)


class Emitter:
    """json.dumps(indent=2)-compatible writer that records where values start."""

    def __init__(self, line, col):
        self.parts = []
        self.line = line  # 1-based line of the next character
        self.col = col    # 1-based column of the next character
        self.positions = {}

    def write(self, s):
        self.parts.append(s)
        nl = s.count("\n")
        if nl:
            self.line += nl
            self.col = len(s) - s.rfind("\n")
        else:
            self.col += len(s)

    def value(self, v, indent, path):
        self.positions[path] = (self.line, self.col)
        if isinstance(v, dict) and v:
            self.write("{\n")
            items = list(v.items())
            for n, (k, x) in enumerate(items):
                self.write("  " * (indent + 1) + json.dumps(k) + ": ")
                self.value(x, indent + 1, path + (k,))
                self.write(",\n" if n + 1 < len(items) else "\n")
            self.write("  " * indent + "}")
        elif isinstance(v, list) and v:
            self.write("[\n")
            for n, x in enumerate(v):
                self.write("  " * (indent + 1))
                self.value(x, indent + 1, path + (n,))
                self.write(",\n" if n + 1 < len(v) else "\n")
            self.write("  " * indent + "]")
        else:
            self.write(json.dumps(v))


# --------------------------------------------------------------------------
# Layout and workers

_PLAN = None


def _init_worker(plan):
    global _PLAN
    _PLAN = plan


def render_file(spec):
    """spec = (relpath, [(kind, index)], is_array). Returns (relpath, text, records)."""
    plan = _PLAN
    relpath, objs, is_array = spec
    out = []
    line = 1
    records = []
    if is_array:
        out.append("[\n")
        line += 1
    for n, (kind, index) in enumerate(objs):
        repeats = None
        if kind == "dup":
            obj, repeats = make_dup_object(plan, index)
        elif index in plan.copy_of:
            obj, meta = make_near_copy(plan, index)
            records.append({"kind": "near", "index": index, **meta})
        else:
            obj = make_entry(plan, index)
        planted = kind == "dup" or index in plan.dup_set or index in plan.near_item
        indent = 1 if is_array else 0
        start = line
        if planted:
            em = Emitter(line, 1 + 2 * indent)
            em.value(obj, indent, ())
            text = "".join(em.parts)
            rec = {"kind": kind, "index": index, "line": start, "end_line": em.line}
            if kind == "dup":
                rec["positions"] = em.positions
                rec["repeats"] = repeats
            elif index in plan.dup_set:
                rec["positions"] = em.positions
            if index in plan.near_item:
                a, b, s = near_item_pair(obj)
                rec["near_item"] = {"original": em.positions[("fix", a)], "copy": em.positions[("fix", b)],
                                    "similarity": round(s, 4)}
            records.append(rec)
        else:
            text = json.dumps(obj, indent=2)
            if indent:
                text = text.replace("\n", "\n  ")
        if indent:
            out.append("  ")
        out.append(text)
        line += text.count("\n")
        if is_array:
            out.append(",\n" if n + 1 < len(objs) else "\n")
            line += 1
    if is_array:
        out.append("]\n")
    else:
        out.append("\n")
    return relpath, "".join(out), records


def layout(plan, files_per_dir):
    rng = random.Random("layout:%d" % plan.seed)
    groups = {}
    for i in range(plan.n):
        groups.setdefault((plan.product[i], plan.category[i]), []).append(i)
    files = []  # [relpath, [(kind, index)], is_array]
    for key in sorted(groups):
        pi, ci = key
        product, abbrev, categories = PRODUCTS[pi]
        members = groups[key]
        chunks = []
        at = 0
        while at < len(members):
            size = 1 if rng.random() < 0.35 else rng.randint(2, 12)
            chunks.append(members[at:at + size])
            at += size
        base = "%s/%s" % (slug(product), slug(categories[ci]))
        for c, chunk in enumerate(chunks):
            folder = base
            if len(chunks) > files_per_dir:
                folder = "%s/part-%03d" % (base, c // files_per_dir + 1)
            if len(chunk) == 1:
                name = "%s.json" % code_of(chunk[0]).lower()
                files.append([folder + "/" + name, [("entry", chunk[0])], False])
            else:
                name = "%s-%s.json" % (slug(categories[ci]), code_of(chunk[0]).lower()[len(CODE_PREFIX) + 1:])
                files.append([folder + "/" + name, [("entry", i) for i in chunk], True])
    file_of = {}
    for fi, f in enumerate(files):
        for _, i in f[1]:
            file_of[i] = fi
    array_files = [fi for fi, f in enumerate(files) if f[2]] or list(range(len(files)))
    for index in plan.dup:
        while True:
            fi = rng.choice(array_files)
            if fi != file_of[index] or len(files) == 1:
                break
        files[fi][1].append(("dup", index))
        files[fi][2] = True
    files.sort(key=lambda f: f[0].encode())
    return [tuple(f) for f in files]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--entries", type=int, required=True, help="number of distinct codes")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dup-rate", type=float, default=0.01, help="exact duplicates (second object, same code)")
    ap.add_argument("--near-dup-rate", type=float, default=0.01, help="near-duplicate entries (new code, copied text)")
    ap.add_argument("--near-dup-item-rate", type=float, default=0.005, help="entries with a near-duplicate fix step")
    ap.add_argument("--files-per-dir", type=int, default=1000)
    ap.add_argument("--planted", help="where to write the ground truth (default: OUT_DIR/../NAME.planted.json)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (output does not depend on it)")
    args = ap.parse_args()
    if args.entries < 1 or args.entries > 9999999:
        sys.exit("gen_kb.py: --entries must be 1..9999999")
    global CODE_DIGITS
    CODE_DIGITS = max(6, len(str(args.entries)))

    out_dir = os.path.abspath(args.out_dir)
    planted_path = args.planted or os.path.join(os.path.dirname(out_dir), os.path.basename(out_dir) + ".planted.json")
    if os.path.exists(out_dir) and os.listdir(out_dir):
        sys.exit("gen_kb.py: %s exists and is not empty" % out_dir)
    os.makedirs(out_dir, exist_ok=True)

    plan = Plan(args)
    files = layout(plan, args.files_per_dir)

    config = {
        "title": "Generated knowledge base (%d entries, seed %d)" % (args.entries, args.seed),
        "base_url": "https://kb.example.com/generated/",
        "namespaces": [{"prefix": CODE_PREFIX, "pattern": "^%s-[0-9]{%d}$" % (CODE_PREFIX, CODE_DIGITS), "name": "Generated error codes"}],
        "stale_after_days": 3650,
    }
    with open(os.path.join(out_dir, "kbgen.json"), "w", newline="\n") as f:
        f.write(json.dumps(config, indent=2) + "\n")

    records = []
    made_dirs = set()
    total_bytes = 0

    def consume(results):
        nonlocal total_bytes
        for relpath, text, recs in results:
            d = os.path.dirname(relpath)
            if d not in made_dirs:
                os.makedirs(os.path.join(out_dir, d), exist_ok=True)
                made_dirs.add(d)
            data = text.encode("utf-8")
            total_bytes += len(data)
            with open(os.path.join(out_dir, relpath), "wb") as f:
                f.write(data)
            for rec in recs:
                rec["file"] = relpath
                records.append(rec)

    if args.jobs > 1 and len(files) > 50:
        with multiprocessing.Pool(args.jobs, initializer=_init_worker, initargs=(plan,)) as pool:
            consume(pool.imap(render_file, files, chunksize=16))
    else:
        _init_worker(plan)
        consume(map(render_file, files))

    # Ground truth.
    by_key = {}
    for rec in records:
        by_key[(rec["kind"], rec["index"])] = rec
    exact = []
    for index in plan.dup:
        orig = by_key[("entry", index)]
        dup = by_key[("dup", index)]
        items = []
        for field, i, j in dup["repeats"]:
            po = orig["positions"][(field, i)]
            pd = dup["positions"][(field, j)]
            # kbgen points a step object at its text, a cause object at its title,
            # a related object at its code; a reference at the object itself.
            for sub in ("text", "title", "code"):
                if field != "references" and (field, i, sub) in orig["positions"]:
                    po = orig["positions"][(field, i, sub)]
                    pd = dup["positions"][(field, j, sub)]
                    break
            items.append({"field": field, "positions": [[orig["file"], po[0], po[1]], [dup["file"], pd[0], pd[1]]]})
        exact.append({"code": code_of(index),
                      "objects": [[orig["file"], orig["line"], orig["end_line"]], [dup["file"], dup["line"], dup["end_line"]]],
                      "repeated_items": items})
    near_entries = []
    for copy in sorted(plan.copy_of):
        rec = by_key[("near", copy)]
        near_entries.append({"original": code_of(plan.copy_of[copy]), "copy": code_of(copy),
                             "jaccard": rec["jaccard"], "words_changed": rec["words_changed"],
                             "words_total": rec["words_total"]})
    near_items = []
    for index in sorted(plan.near_item):
        rec = by_key[("entry", index)]
        ni = rec["near_item"]
        near_items.append({"code": code_of(index), "field": "fix",
                           "original": [rec["file"], ni["original"][0], ni["original"][1]],
                           "copy": [rec["file"], ni["copy"][0], ni["copy"][1]],
                           "similarity": ni["similarity"]})
    truth = {
        "generator": "bench/gen_kb.py",
        "args": {"entries": args.entries, "seed": args.seed, "dup_rate": args.dup_rate,
                 "near_dup_rate": args.near_dup_rate, "near_dup_item_rate": args.near_dup_item_rate,
                 "files_per_dir": args.files_per_dir},
        "kb_dir": os.path.basename(out_dir),
        "entries": args.entries,
        "objects": args.entries + len(plan.dup),
        "files": len(files),
        "bytes": total_bytes,
        "exact_duplicates": exact,
        "near_duplicate_entries": near_entries,
        "near_duplicate_items": near_items,
    }
    tmp = planted_path + ".tmp"
    with open(tmp, "w", newline="\n") as f:
        json.dump(truth, f, indent=1, sort_keys=True)
        f.write("\n")
    os.replace(tmp, planted_path)
    print("gen_kb.py: %d entries, %d objects, %d files, %.1f MiB (%.0f bytes/entry) in %s; planted: %d exact, %d near entries, %d near items -> %s"
          % (args.entries, truth["objects"], len(files), total_bytes / 2**20, total_bytes / args.entries, out_dir,
             len(exact), len(near_entries), len(near_items), planted_path), file=sys.stderr)


if __name__ == "__main__":
    main()
