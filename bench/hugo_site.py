#!/usr/bin/env python3
"""Writes a Hugo site that renders the same HTML site as `kbgen build KB --only html`.

    bench/hugo_site.py KB_DIR OUT_DIR [--today 2026-11-01]

Used by bench/run to compare kbgen with Hugo on the same content. OUT_DIR gets:

  hugo.toml                     baseURL (kbgen.json base_url), relativeURLs, taxonomy `tags`,
                                search-index outputs for the home page, disabled kinds kbgen
                                does not have (RSS, the /tags/ list, the /codes/ section page)
  content/codes/<CODE>.md       one page per merged entry: JSON front matter holding the whole
                                merged entry under `entry`, plus `backlinks` (codes whose
                                `related` names this one) and `sources` (the KB files merged)
  data/names.json               every code and alias -> {code, title} (for `related` and for
                                linking mentions of codes in text)
  layouts/                      baseof, single (every section of kbgen's entry page: summary,
                                description, causes, diagnosis/fix/verification/prevention as
                                nested numbered steps through a recursive partial, examples,
                                related with notes, referenced by, references, details), home
                                (grouped by product, then category, with counts, and the tag
                                cloud), term (one page per tag), 404, search-index.json and
                                assets/search-index.js; Hugo's built-in sitemap.xml
  static/assets/                kbgen's style.css, search.js and favicon.svg

What the script does ahead of time, and Hugo therefore does not have to: parse the JSON,
merge objects that share a code (lists united in first-seen order without repeated items,
first scalar wins), sort entries by code, and compute backlinks. What Hugo does: everything
kbgen's HTML stage does after linking: Markdown to HTML (`markdownify`) of every Markdown
field, linking every mention of a known code or alias in them (a `findRE` over each field and
a lookup of each candidate in data/names.json), resolving `related` codes and backlink titles,
grouping, tag pages, the search index (distinct normalised words of each entry), the sitemap,
and relative URLs. kbgen also validates the KB and looks for near-duplicate entries and items
on every build, which Hugo does not, so the comparison leans in Hugo's favour.

Python 3 standard library only. Output is deterministic.
"""

import argparse
import json
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ASSETS = os.path.join(HERE, "..", "templates", "assets")

LIST_FIELDS = ("tags", "aliases", "causes", "diagnosis", "fix", "verification", "prevention",
               "examples", "related", "references")
FIELD_ORDER = ("code", "title", "summary", "description", "product", "category", "tags", "aliases",
               "causes", "diagnosis", "fix", "verification", "prevention", "examples", "related",
               "references", "reviewed", "owner")


# ---- reading and merging ---------------------------------------------------

def entry_files(kb):
    out = []
    for dirpath, dirnames, filenames in os.walk(kb):
        for f in filenames:
            if not f.endswith(".json") or f.endswith(".schema.json"):
                continue
            rel = os.path.relpath(os.path.join(dirpath, f), kb).replace(os.sep, "/")
            if rel == "kbgen.json":
                continue
            out.append(rel)
    out.sort(key=lambda p: p.encode("utf-8"))  # byte-wise path order, as kbgen reads them
    return out


def normalize(text):
    """Case, white space, punctuation and Markdown link destinations folded away."""
    text = re.sub(r"\]\([^)\n]*\)", " ", text)
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())


def item_key(item):
    if isinstance(item, str):
        return normalize(item)
    if isinstance(item, dict):
        return "\x1f".join("%s=%s" % (k, item_key(item[k])) for k in sorted(item))
    if isinstance(item, list):
        return "\x1e".join(item_key(x) for x in item)
    return json.dumps(item, sort_keys=True)


def unite(items):
    seen, out = set(), []
    for it in items:
        k = item_key(it)
        if k not in seen:
            seen.add(k)
            out.append(it)
    return out


def load_entries(kb):
    """Merged entries (dicts) in first-seen order, and the source files of each."""
    entries, sources, index_of = [], [], {}
    for rel in entry_files(kb):
        with open(os.path.join(kb, rel), encoding="utf-8") as f:
            data = json.load(f)
        for obj in (data if isinstance(data, list) else [data]):
            code = obj["code"]
            i = index_of.get(code)
            if i is None:  # an object may name an entry by one of its aliases
                i = next((index_of[a] for a in obj.get("aliases", ()) if a in index_of), None)
            if i is None:
                i = len(entries)
                entries.append({})
                sources.append([])
                index_of[code] = i
            e = entries[i]
            for k, v in obj.items():
                if k in LIST_FIELDS:
                    e[k] = e.get(k, []) + list(v)
                elif k not in e:  # first scalar wins
                    e[k] = v
            for a in obj.get("aliases", ()):
                index_of.setdefault(a, i)
            if rel not in sources[i]:
                sources[i].append(rel)
    for e in entries:
        for k in LIST_FIELDS:
            if k in e:
                e[k] = unite(e[k])
                if not e[k]:
                    del e[k]
    return entries, sources


# ---- the site --------------------------------------------------------------

HUGO_TOML = """\
baseURL = {base_url}
title = {title}
languageCode = "en"
relativeURLs = true
disablePathToLower = true
disableKinds = ["RSS", "taxonomy", "section"]
enableRobotsTXT = false
ignoreErrors = ["error-disable-taxonomy"]
timeout = "3600s"

[taxonomies]
  tag = "tags"

[params]
  today = {today}
  stale_after_days = {stale}

[markup.goldmark.renderer]
  unsafe = false

[outputFormats.SearchIndex]
  mediaType = "application/json"
  baseName = "search-index"
  isPlainText = true
  notAlternative = true

[outputs]
  home = ["HTML", "SearchIndex"]
  page = ["HTML"]
  term = ["HTML"]

[sitemap]
  changefreq = ""
  priority = -1
"""

LAYOUTS = {}

LAYOUTS["_default/baseof.html"] = """\
{{- $root := strings.Repeat (sub (strings.Count "/" .RelPermalink) 1) "../" -}}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="hugo">
<meta name="kbgen-root" content="{{ $root }}">
{{- if eq .Kind "404" }}
<meta name="robots" content="noindex">
{{- end }}
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} · {{ site.Title }}{{ end }}</title>
{{- if ne .Kind "404" }}
<link rel="canonical" href="{{ .Permalink }}">
{{- end }}
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/style.css">
</head>
<body class="page-{{ .Kind }}">
<a class="skip-link" href="#content">Skip to content</a>
<header class="site-header">
<div class="wrap site-header-inner">
<a class="site-title" href="/index.html"{{ if .IsHome }} aria-current="page"{{ end }}>{{ site.Title }}</a>
<form class="search" role="search" action="/index.html" method="get" autocomplete="off">
<label for="search">Search error codes</label>
<div class="search-box">
<input id="search" name="q" type="search" placeholder="Code, alias or words, e.g. 53003" aria-describedby="search-help" aria-controls="search-results" spellcheck="false">
<p id="search-help" class="visually-hidden">Results appear as you type. Press Enter to open the first result, Escape to clear.</p>
<ul id="search-results" class="search-results" aria-live="polite" aria-label="Search results"></ul>
</div>
</form>
</div>
</header>
<main id="content" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
<div class="wrap">
<nav aria-label="Footer">
<ul class="inline-list">
<li><a href="/index.html">All error codes</a></li>
<li><a href="/index.html#tags">Tags</a></li>
</ul>
</nav>
<p>{{ site.Title }} · Built with Hugo</p>
</div>
</footer>
<script src="/assets/search-index.js"></script>
<script src="/assets/search.js" data-root="{{ $root }}"></script>
</body>
</html>
"""

# Markdown -> HTML with every mention of a known code or alias linked (not the entry itself).
# Candidates are the words that can be a name (letters, digits, . _ -) and contain a digit when
# every code and alias does (the script checks; `names_need_digit` in site data).
LAYOUTS["partials/md.html"] = """\
{{- $t := .text -}}
{{- $self := .self -}}
{{- $names := site.Data.names -}}
{{- $re := cond site.Data.meta.names_need_digit `[A-Za-z0-9._-]*[0-9][A-Za-z0-9._-]*` `[A-Za-z0-9._-]+` -}}
{{- range (findRE $re $t | uniq) -}}
  {{- $name := . -}}
  {{- $hit := index $names $name -}}
  {{- if not $hit }}{{ $name = strings.TrimRight "._-" $name }}{{ $hit = index $names $name }}{{ end -}}
  {{- with $hit -}}
    {{- if ne .code $self -}}
      {{- $pat := printf `(^|[^A-Za-z0-9._-])%s([^A-Za-z0-9_-]|$)` (replace $name "." `\\.`) -}}
      {{- $t = replaceRE $pat (printf `${1}[%s](/codes/%s/ %q)${2}` $name .code .title) $t -}}
    {{- end -}}
  {{- end -}}
{{- end -}}
{{- return ($t | markdownify) -}}
"""

LAYOUTS["partials/steps.html"] = """\
<ol class="steps">{{ range .steps }}<li>{{ if reflect.IsMap . }}<div class="step-text">{{ partial "md.html" (dict "text" .text "self" $.self) }}</div>{{ with .steps }}{{ partial "steps.html" (dict "steps" . "self" $.self) }}{{ end }}{{ else }}<div class="step-text">{{ partial "md.html" (dict "text" . "self" $.self) }}</div>{{ end }}</li>{{ end }}</ol>
"""

LAYOUTS["partials/summary.html"] = """\
{{- return (partial "md.html" (dict "text" .Params.entry.summary "self" .Params.entry.code)) -}}
"""

LAYOUTS["partials/entry-item.html"] = """\
{{- $e := .Params.entry -}}
<li class="entry-item">
<a class="entry-link" href="{{ .RelPermalink }}"><span class="entry-code">{{ $e.code }}</span> <span class="entry-title">{{ $e.title }}</span></a>
<div class="entry-summary">{{ partialCached "summary.html" . .File.Path }}</div>
<ul class="aliases" aria-label="Also known as">{{ range $e.aliases }}<li>{{ . }}</li>{{ end }}</ul>
<ul class="tags" aria-label="Tags">{{ range $e.tags }}<li><a class="tag" href="/tags/{{ . }}/">{{ . }}</a></li>{{ end }}</ul>
</li>
"""

LAYOUTS["_default/single.html"] = """\
{{ define "main" }}
{{- $e := .Params.entry -}}
{{- $self := $e.code -}}
{{- $names := site.Data.names -}}
{{- $overdue := false -}}
{{- with $e.reviewed }}{{ $overdue = lt ((time .).AddDate 0 0 (int site.Params.stale_after_days)).Unix (time site.Params.today).Unix }}{{ end -}}
<div class="wrap">
<nav class="breadcrumbs" aria-label="Breadcrumb">
<ol>
<li><a href="/index.html">All error codes</a></li>
{{- with $e.product }}
<li><a href="/index.html#{{ anchorize . }}">{{ . }}</a></li>
{{- end }}
{{- with $e.category }}
<li><a href="/index.html#{{ anchorize $e.product }}-{{ anchorize . }}">{{ . }}</a></li>
{{- end }}
<li><span aria-current="page">{{ $e.code }}</span></li>
</ol>
</nav>
<article class="entry" aria-labelledby="entry-heading">
<header class="entry-header">
<h1 id="entry-heading"><span class="entry-code">{{ $e.code }}</span> · <span class="entry-title">{{ $e.title }}</span></h1>
{{- with $e.aliases }}
<p class="also-known-as">Also known as {{ range . }}<code class="alias">{{ . }}</code> {{ end }}</p>
{{- end }}
{{- with $e.reviewed }}
<p class="entry-meta">Last reviewed <time datetime="{{ . }}">{{ . }}</time>{{ if $overdue }} <span class="badge badge-overdue">Review overdue</span>{{ end }}{{ with $e.owner }} · Owner: {{ . }}{{ end }}</p>
{{- end }}
</header>
<nav class="toc toc-page" aria-label="On this page">
<ul>
{{- if $e.description }}<li><a href="#description">Description</a></li>{{ end }}
{{- if $e.causes }}<li><a href="#causes">Causes</a></li>{{ end }}
{{- if $e.diagnosis }}<li><a href="#diagnosis">Diagnosis</a></li>{{ end }}
{{- if $e.fix }}<li><a href="#fix">Fix</a></li>{{ end }}
{{- if $e.verification }}<li><a href="#verification">Verification</a></li>{{ end }}
{{- if $e.prevention }}<li><a href="#prevention">Prevention</a></li>{{ end }}
{{- if $e.examples }}<li><a href="#examples">Examples</a></li>{{ end }}
{{- if $e.related }}<li><a href="#related">Related</a></li>{{ end }}
{{- if .Params.backlinks }}<li><a href="#referenced-by">Referenced by</a></li>{{ end }}
{{- if $e.references }}<li><a href="#references">References</a></li>{{ end }}
<li><a href="#details">Details</a></li>
</ul>
</nav>
<section id="summary" aria-labelledby="summary-heading">
<h2 id="summary-heading">Summary</h2>
<div class="prose summary">{{ partialCached "summary.html" . .File.Path }}</div>
</section>
{{- with $e.description }}
<section id="description" aria-labelledby="description-heading">
<h2 id="description-heading">Description</h2>
<div class="prose">{{ partial "md.html" (dict "text" . "self" $self) }}</div>
</section>
{{- end }}
{{- with $e.causes }}
<section id="causes" aria-labelledby="causes-heading">
<h2 id="causes-heading">Causes</h2>
<ul class="causes">
{{- range . }}
{{- if reflect.IsMap . }}
<li><h3 class="cause-title">{{ .title }}</h3><div class="prose">{{ partial "md.html" (dict "text" .detail "self" $self) }}</div></li>
{{- else }}
<li><div class="prose">{{ partial "md.html" (dict "text" . "self" $self) }}</div></li>
{{- end }}
{{- end }}
</ul>
</section>
{{- end }}
{{- range $sec := slice (slice "diagnosis" "Diagnosis") (slice "fix" "Fix") (slice "verification" "Verification") (slice "prevention" "Prevention") }}
{{- $id := index $sec 0 }}
{{- with index $e $id }}
<section id="{{ $id }}" aria-labelledby="{{ $id }}-heading">
<h2 id="{{ $id }}-heading">{{ index $sec 1 }}</h2>
{{ partial "steps.html" (dict "steps" . "self" $self) }}
</section>
{{- end }}
{{- end }}
{{- with $e.examples }}
<section id="examples" aria-labelledby="examples-heading">
<h2 id="examples-heading">Examples</h2>
{{- range . }}
<div class="example">
<h3>{{ .title }}</h3>
<pre><code class="language-{{ .language }}">{{ .code }}</code></pre>
</div>
{{- end }}
</section>
{{- end }}
{{- with $e.related }}
<section id="related" aria-labelledby="related-heading">
<h2 id="related-heading">Related</h2>
<ul class="link-list">
{{- $done := slice }}
{{- range . }}
{{- $note := "" }}
{{- $code := . }}
{{- if reflect.IsMap . }}{{ $code = .code }}{{ $note = .note }}{{ end }}
{{- with index $names $code }}
{{- if not (in $done .code) }}
{{- $done = $done | append .code }}
<li><a href="/codes/{{ .code }}/"><span class="entry-code">{{ .code }}</span> · {{ .title }}</a>{{ with $note }}<div class="prose note">{{ partial "md.html" (dict "text" . "self" $self) }}</div>{{ end }}</li>
{{- end }}
{{- end }}
{{- end }}
</ul>
</section>
{{- end }}
{{- with .Params.backlinks }}
<section id="referenced-by" aria-labelledby="referenced-by-heading">
<h2 id="referenced-by-heading">Referenced by</h2>
<ul class="link-list">
{{- range . }}
{{- with index $names . }}
<li><a href="/codes/{{ .code }}/"><span class="entry-code">{{ .code }}</span> · {{ .title }}</a></li>
{{- end }}
{{- end }}
</ul>
</section>
{{- end }}
{{- with $e.references }}
<section id="references" aria-labelledby="references-heading">
<h2 id="references-heading">References</h2>
<ul class="link-list references">
{{- range . }}
<li><a class="external" href="{{ .url }}" rel="noopener">{{ .title }}</a></li>
{{- end }}
</ul>
</section>
{{- end }}
<section id="details" aria-labelledby="details-heading">
<h2 id="details-heading">Details</h2>
<dl class="details">
{{- with $e.product }}
<dt>Product</dt>
<dd>{{ . }}</dd>
{{- end }}
{{- with $e.category }}
<dt>Category</dt>
<dd>{{ . }}</dd>
{{- end }}
{{- with $e.owner }}
<dt>Owner</dt>
<dd>{{ . }}</dd>
{{- end }}
{{- with $e.reviewed }}
<dt>Last reviewed</dt>
<dd><time datetime="{{ . }}">{{ . }}</time>{{ if $overdue }} <span class="badge badge-overdue">Review overdue</span> <span class="muted">(entries are due for review every {{ site.Params.stale_after_days }} days)</span>{{ end }}</dd>
{{- end }}
{{- with $e.tags }}
<dt>Tags</dt>
<dd><ul class="tags">{{ range . }}<li><a class="tag" href="/tags/{{ . }}/">{{ . }}</a></li>{{ end }}</ul></dd>
{{- end }}
<dt>Source files</dt>
<dd><ul class="sources">{{ range $.Params.sources }}<li><code>{{ . }}</code></li>{{ end }}</ul></dd>
</dl>
</section>
</article>
</div>
{{ end }}
"""

LAYOUTS["index.html"] = """\
{{ define "main" }}
{{- $pages := where site.RegularPages "Section" "codes" -}}
{{- $groups := $pages.GroupByParam "product" -}}
<div class="wrap">
<h1>{{ site.Title }}</h1>
<p class="lead">{{ len $pages }} error codes, grouped by product and category. Type a code, an alias or a few words into the search box to jump straight to an entry.</p>
<nav class="toc" aria-labelledby="toc-heading">
<h2 id="toc-heading">Contents</h2>
<ul>
{{- range $groups }}
{{- $p := anchorize .Key }}
<li><a href="#{{ $p }}">{{ .Key }}</a> <span class="count">{{ len .Pages }}</span>
<ul>
{{- range .Pages.GroupByParam "category" }}
<li><a href="#{{ $p }}-{{ anchorize .Key }}">{{ .Key }}</a> <span class="count">{{ len .Pages }}</span></li>
{{- end }}
</ul>
</li>
{{- end }}
<li><a href="#tags">Tags</a></li>
</ul>
</nav>
{{- range $groups }}
{{- $p := anchorize .Key }}
<section class="product" id="{{ $p }}" aria-labelledby="{{ $p }}-heading">
<h2 id="{{ $p }}-heading">{{ .Key }} <span class="count">{{ len .Pages }}</span></h2>
{{- range .Pages.GroupByParam "category" }}
{{- $c := printf "%s-%s" $p (anchorize .Key) }}
<section class="category" id="{{ $c }}" aria-labelledby="{{ $c }}-heading">
<h3 id="{{ $c }}-heading">{{ .Key }} <span class="count">{{ len .Pages }}</span></h3>
<ul class="entry-list">
{{- range .Pages }}
{{ partialCached "entry-item.html" . .File.Path }}
{{- end }}
</ul>
</section>
{{- end }}
</section>
{{- end }}
<section class="tag-index" id="tags" aria-labelledby="tags-heading">
<h2 id="tags-heading">Tags</h2>
<ul class="tag-cloud">{{ range site.Taxonomies.tags.Alphabetical }}<li><a class="tag" href="{{ .Page.RelPermalink }}">{{ .Page.Title }} <span class="count">{{ .Count }}</span></a></li>{{ end }}</ul>
</section>
</div>
{{ end }}
"""

LAYOUTS["_default/term.html"] = """\
{{ define "main" }}
<div class="wrap">
<nav class="breadcrumbs" aria-label="Breadcrumb">
<ol>
<li><a href="/index.html">All error codes</a></li>
<li><a href="/index.html#tags">Tags</a></li>
<li><span aria-current="page">{{ .Title }}</span></li>
</ol>
</nav>
<h1>Tag: <span class="tag tag-large">{{ .Title }}</span></h1>
<p class="lead">Entries tagged “{{ .Title }}”: {{ len .Pages }}.</p>
<ul class="entry-list">
{{- range .Pages }}
{{ partialCached "entry-item.html" . .File.Path }}
{{- end }}
</ul>
</div>
{{ end }}
"""

LAYOUTS["404.html"] = """\
{{ define "main" }}
<div class="wrap">
<h1>Page not found</h1>
<p class="lead">There is no page at this address. The error code may have been renamed, merged into another entry, or mistyped.</p>
<ul>
<li>Use the search box above: it matches codes, aliases (such as the number without its prefix) and words from every entry.</li>
<li>Or browse <a href="/index.html">all error codes</a>, grouped by product and category.</li>
</ul>
</div>
{{ end }}
"""

# The search index: per entry its code, title, aliases, plain summary, product, category, tags,
# URL and the first 100 distinct words (three bytes or more) of its prose, as kbgen writes it.
LAYOUTS["partials/steptext.html"] = """\
{{- $s := "" -}}
{{- range . -}}
{{- if reflect.IsMap . }}{{ $s = print $s " " .text " " (partial "steptext.html" .steps) }}{{ else }}{{ $s = print $s " " . }}{{ end -}}
{{- end -}}
{{- return $s -}}
"""

LAYOUTS["partials/search-item.html"] = """\
{{- $e := .Params.entry -}}
{{- $t := print $e.title " " $e.summary " " $e.description -}}
{{- range $e.causes }}{{ if reflect.IsMap . }}{{ $t = print $t " " .title " " .detail }}{{ else }}{{ $t = print $t " " . }}{{ end }}{{ end -}}
{{- range slice "diagnosis" "fix" "verification" "prevention" }}{{ $t = print $t " " (partial "steptext.html" (index $e .)) }}{{ end -}}
{{- $t = replaceRE `\\]\\([^)\\n]*\\)` " " $t | lower -}}
{{- $t = replaceRE `[^\\p{L}\\p{N}]+` " " $t -}}
{{- $t = trim (replaceRE `(?:^| )[^ ]{1,2}(?: [^ ]{1,2})*(?: |$)` " " $t) " " -}}
{{- $item := dict "code" $e.code "title" $e.title "aliases" (default slice $e.aliases) "summary" (partialCached "summary.html" . .File.Path | plainify | htmlUnescape) "product" $e.product "category" $e.category "tags" (default slice $e.tags) "url" (printf "codes/%s/index.html" $e.code) "text" (delimit (first 100 (uniq (split $t " "))) " ") -}}
{{- return (jsonify $item) -}}
"""

LAYOUTS["partials/search-index.html"] = """\
{"root_relative":true,"entries":[
{{- range $i, $p := where site.RegularPages "Section" "codes" }}{{ if $i }},{{ end }}{{ partial "search-item.html" $p }}{{ end -}}
]}
"""

# One rendering of the index for both files. jsonify escapes "<" as \u003c, so the JSON
# cannot end the script early.
LAYOUTS["index.searchindex.json"] = """\
{{- $json := partial "search-index.html" . -}}
{{- $js := resources.FromString "assets/search-index.js" (print "window.KBGEN_SEARCH_INDEX = " $json ";\\n") -}}
{{- $_ := $js.Publish -}}
{{ $json }}
"""


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("kb_dir")
    ap.add_argument("out_dir")
    ap.add_argument("--today", default="2026-11-01", help="build date for 'review overdue' (as kbgen --today)")
    args = ap.parse_args()

    kb = args.kb_dir
    cfg = {}
    if os.path.isfile(os.path.join(kb, "kbgen.json")):
        with open(os.path.join(kb, "kbgen.json"), encoding="utf-8") as f:
            cfg = json.load(f)
    entries, sources = load_entries(kb)
    order = sorted(range(len(entries)), key=lambda i: (entries[i]["code"].lower(), entries[i]["code"]))
    entries = [entries[i] for i in order]
    sources = [sources[i] for i in order]

    # names: codes first, then aliases (a code wins over an alias of the same text)
    names = {}
    for e in entries:
        names.setdefault(e["code"], {"code": e["code"], "title": e["title"]})
    for e in entries:
        for a in e.get("aliases", ()):
            names.setdefault(a, {"code": e["code"], "title": e["title"]})
    need_digit = all(re.search(r"[0-9]", n) for n in names)

    pos = {e["code"]: i for i, e in enumerate(entries)}
    backlinks = [[] for _ in entries]
    for i, e in enumerate(entries):
        for r in e.get("related", ()):
            target = names.get(r["code"] if isinstance(r, dict) else r)
            if target is None:
                continue
            t = pos[target["code"]]
            if t != i and (not backlinks[t] or backlinks[t][-1] != e["code"]):
                backlinks[t].append(e["code"])

    out = args.out_dir
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    write(os.path.join(out, "hugo.toml"), HUGO_TOML.format(
        base_url=toml_str(cfg.get("base_url", "https://kb.example.com/")),
        title=toml_str(cfg.get("title", "Knowledge base")),
        today=toml_str(args.today),
        stale=int(cfg.get("stale_after_days", 365))))
    for rel, text in LAYOUTS.items():
        write(os.path.join(out, "layouts", rel), text)
    for name in ("style.css", "search.js", "favicon.svg"):
        dst = os.path.join(out, "static", "assets", name)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copyfile(os.path.join(ASSETS, name), dst)
    write(os.path.join(out, "data", "names.json"), json.dumps(names, ensure_ascii=False, sort_keys=True))
    write(os.path.join(out, "data", "meta.json"), json.dumps({"names_need_digit": need_digit}))

    content = os.path.join(out, "content", "codes")
    os.makedirs(content)
    for i, e in enumerate(entries):
        entry = {k: e[k] for k in FIELD_ORDER if k in e}
        entry.update({k: v for k, v in e.items() if k not in entry})  # x-* fields
        fm = {
            "title": e["code"],
            "weight": i + 1,
            "product": e.get("product", ""),
            "category": e.get("category", ""),
            "tags": e.get("tags", []),
            "entry": entry,
            "backlinks": backlinks[i],
            "sources": sources[i],
        }
        with open(os.path.join(content, e["code"] + ".md"), "w", encoding="utf-8", newline="\n") as f:
            json.dump(fm, f, ensure_ascii=False, indent=1)
            f.write("\n")
    print("hugo_site.py: %d entries, %d names -> %s" % (len(entries), len(names), out), file=sys.stderr)


if __name__ == "__main__":
    main()
