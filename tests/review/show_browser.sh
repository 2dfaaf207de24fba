#!/usr/bin/env bash
# zhclaim show in real headless Chromium: `show corpus/ -o DIR/` (index and
# one page per document, with --gold), one page of a single file, one page
# of the whole corpus, and a GB18030 copy of a traditional-script report.
# Each page must have one .claim per record (same kinds and spans, showing
# the record's text), no console error, working tooltip, row click, sort
# and filter, and no sideways scrolling at 1280 px or 390 px; screenshots
# go to WORK_DIR/show_browser/shots (the build folder, not git).
# usage: show_browser.sh ZHCLAIM SOURCE_DIR WORK_DIR
set -euo pipefail
bin=$1 src=$2 work=$3/show_browser
py=/usr/bin/python3
here=$src/tests/review
if [ ! -x /usr/bin/chromium ]; then
  echo "show_browser: /usr/bin/chromium is missing (scripts/install-deps.sh installs it)"
  exit 1
fi
rm -rf "$work"; mkdir -p "$work/records"
cd "$work"

# The records each page must show, one file per document.
"$bin" extract "$src/corpus" -j1 -q -o corpus.jsonl
"$py" - corpus.jsonl records <<'PY'
import json, os, sys
out = {}
for l in open(sys.argv[1], encoding="utf-8"):
    out.setdefault(json.loads(l)["doc"], []).append(l)
for doc, lines in out.items():
    open(os.path.join(sys.argv[2], os.path.basename(doc) + ".jsonl"), "w", encoding="utf-8").writelines(lines)
PY

gold=()
if [ -d "$src/../shared/gold" ]; then
  for f in seeds dev dev2; do gold+=(--gold "$src/../shared/gold/$f.jsonl"); done
fi
"$bin" show "$src/corpus" -o pages/ "${gold[@]}"
n_docs=$(ls "$src/corpus" | grep -c '\.txt$')
n_pages=$(ls pages | grep -c '^[0-9]\{4\}-.*\.html$')
[ "$n_pages" -eq "$n_docs" ] && [ -f pages/index.html ] \
  || { echo "pages/: $n_pages pages for $n_docs documents"; exit 1; }

args=("pages/index.html:-")
for page in pages/[0-9][0-9][0-9][0-9]-*.html; do
  base=$(basename "$page" .html); base=${base#????-}
  rec=records/$base.jsonl
  [ -f "$rec" ] || : > "$rec"    # a document without claims
  args+=("$page:$rec")
done

one=$src/corpus/000_85037711d64bb8ac.txt
"$bin" show "$one" -o single.html
args+=("single.html:records/$(basename "$one").jsonl")

"$bin" show "$src/corpus" -o all.html
args+=("all.html:corpus.jsonl")

# Spans index a GB18030 file's own bytes: the page must cut them right.
trad=$src/corpus/d05_hk_fso_blog_linshi_bokuan_trad.txt
mkdir -p gb
iconv -f UTF-8 -t GB18030 "$trad" > gb/trad_gb18030.txt
"$bin" extract gb/trad_gb18030.txt -q -o gb.jsonl
"$bin" show gb/trad_gb18030.txt -o gb18030.html
grep -q '兩成' gb18030.html || { echo "gb18030.html: the traditional text is not as written"; exit 1; }
args+=("gb18030.html:gb.jsonl")

# HTML, PDF and DOCX made by real tools: the page shows the visible text or
# the text layer that their spans index (a PDF with its page breaks).
mkdir -p formats
head -n 12 "$src/corpus/001_2495d9d79a311390.txt" > formats/r.txt
{ echo '<!doctype html><html><head><meta charset="utf-8"><title>增长99%</title>'
  echo '<script>var x = "增长 88%";</script></head><body>'
  sed 's/.*/<p>&<\/p>/' formats/r.txt; echo '</body></html>'; } > formats/r.html
pango-view -q --font="WenQuanYi Micro Hei 10" --width=420 --wrap=char -o formats/r.pdf formats/r.txt
pandoc -f markdown -t docx -o formats/r.docx formats/r.txt
for f in html pdf docx; do
  "$bin" extract "formats/r.$f" -q -o "formats/r.$f.jsonl"
  [ -s "formats/r.$f.jsonl" ] || { echo "formats/r.$f: no claims"; exit 1; }
  "$bin" show "formats/r.$f" -o "formats/r.$f.page.html"
  args+=("formats/r.$f.page.html:formats/r.$f.jsonl")
done
if grep -q '增长 88%\|增长99%' formats/r.html.page.html; then
  echo "r.html: the page shows text a reader of the HTML does not see"; exit 1
fi

"$py" "$here/browser_check.py" "$work/shots" "${args[@]}"
echo "screenshots: $work/shots"
