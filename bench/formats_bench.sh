#!/usr/bin/env bash
# The formats benchmark (issue 8): PDF and HTML extraction speed against
# anchors on the same files, and peak memory on a large PDF.
#
#   bench/formats_bench.sh [PAGES]        (default 500)
#
# Builds, from corpus/ with the fixture tools (pango-view + WenQuanYi Micro
# Hei, qpdf): a PAGES-page PDF (page-sized chunks of every corpus report,
# repeated) and a folder of one-page PDFs; and the HTML twins of every
# corpus report, copied to about 20 MB. Then prints, best of RUNS:
#   PDF:  pdftotext alone (poppler-utils; the anchor) vs zhclaim extract
#         -j1 on the same files: pages/s, MB/s, the ratio (target <= 1.5x),
#         and zhclaim's peak RSS on the large PDF (target < 256 MB);
#   HTML: zhclaim extract -j1 on the HTML pages vs on their text twins
#         (the plain-text path; pdftotext reads no HTML): MB/s, ratio.
# Environment: BENCH_DIR (default /tmp/zhclaim-bench), BUILD_DIR (default
# build-bench, a release build made here), RUNS (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
pages=${1:-500}
runs=${RUNS:-3}
bench_dir=${BENCH_DIR:-/tmp/zhclaim-bench}/formats-$pages
build_dir=${BUILD_DIR:-$root/build-bench}

cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" -j2 --target zhclaim_cli >/dev/null
Z=$build_dir/zhclaim

if [ ! -f "$bench_dir/done" ]; then
  rm -rf "$bench_dir"
  mkdir -p "$bench_dir"/pages "$bench_dir"/html "$bench_dir"/text
  /usr/bin/python3 - "$root" "$bench_dir" "$pages" <<'PY'
import glob, os, subprocess, sys
sys.path.insert(0, os.path.join(sys.argv[1], "tests/formats"))
import make_fixtures as mf
root, out, pages = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = []
for p in sorted(glob.glob(os.path.join(root, "corpus/*.txt"))):
    text += [ln for ln in mf.lines_of(p) if ln.strip()]
# Page-sized chunks: about 1300 characters fill 420x600 points at 10 pt.
chunks, cur = [], []
for ln in text:
    cur.append(ln)
    if sum(len(x) for x in cur) > 1300:
        chunks.append(cur)
        cur = []
if cur:
    chunks.append(cur)
singles = []
for i, ch in enumerate(chunks):
    src = os.path.join(out, "pages", "%03d.txt" % i)
    with open(src, "w", encoding="utf-8") as f:
        f.write("\n".join(ch) + "\n")
    pdf = src[:-4] + ".pdf"
    subprocess.run(["pango-view", "-q", "--font=" + mf.FONT, "--width=420", "--wrap=char",
                    "--margin=40", "-o", pdf, src], check=True)
    os.unlink(src)
    singles.append(pdf)
seq = [singles[i % len(singles)] for i in range(pages)]
subprocess.run(["qpdf", "--empty", "--pages", *seq, "--", os.path.join(out, "large.pdf")], check=True)
# HTML twins of every report, copied to about 20 MB, and their text twins.
k = 0
size = 0
while size < 20 << 20:
    for p in sorted(glob.glob(os.path.join(root, "corpus/*.txt"))):
        lines = mf.lines_of(p)
        name = "%04d_%s" % (k, os.path.basename(p)[:-4])
        page = mf.html_page(lines, "utf-8").encode()
        open(os.path.join(out, "html", name + ".html"), "wb").write(page)
        open(os.path.join(out, "text", name + ".txt"), "w", encoding="utf-8").write(
            "".join(ln + "\n" for ln in lines))
        size += len(page)
    k += 1
PY
  touch "$bench_dir/done"
fi

# best SECONDS of RUNS runs of a command, its output discarded
best() {
  local b=""
  for _ in $(seq "$runs"); do
    local s e t
    s=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l)
    if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
  done
  echo "$b"
}
pdftotext_all() { for f in "$@"; do pdftotext -q "$f" /dev/null; done; }
mb() { du -cb "$@" | tail -1 | awk '{printf "%.3f", $1 / 1048576}'; }

large=$bench_dir/large.pdf
singles=("$bench_dir"/pages/*.pdf)
npages=$(pdfinfo "$large" | awk '/^Pages:/ {print $2}')
nsingle=${#singles[@]}
printf 'PDF, one %d-page file (%s MB):\n' "$npages" "$(mb "$large")"
a=$(best pdftotext -q "$large" /dev/null)
z=$(best "$Z" extract -q -j1 "$large" -o /dev/null)
printf '  pdftotext   %6.2f s  %7.1f pages/s  %6.2f MB/s\n' "$a" "$(echo "$npages / $a" | bc -l)" "$(echo "$(mb "$large") / $a" | bc -l)"
printf '  zhclaim -j1 %6.2f s  %7.1f pages/s  %6.2f MB/s  (%.2fx pdftotext)\n' "$z" "$(echo "$npages / $z" | bc -l)" "$(echo "$(mb "$large") / $z" | bc -l)" "$(echo "$z / $a" | bc -l)"
rss=$(/usr/bin/time -f %M "$Z" extract -q -j1 "$large" -o /dev/null 2>&1 >/dev/null | tail -1)
printf '  zhclaim peak RSS on it: %.1f MB\n' "$(echo "$rss / 1024" | bc -l)"

printf 'PDF, %d one-page files (%s MB):\n' "$nsingle" "$(mb "${singles[@]}")"
a=$(best pdftotext_all "${singles[@]}")
z=$(best "$Z" extract -q -j1 "$bench_dir/pages" -o /dev/null)
printf '  pdftotext   %6.2f s  %7.1f pages/s\n' "$a" "$(echo "$nsingle / $a" | bc -l)"
printf '  zhclaim -j1 %6.2f s  %7.1f pages/s  (%.2fx pdftotext; one process against one per file)\n' "$z" "$(echo "$nsingle / $z" | bc -l)" "$(echo "$z / $a" | bc -l)"

hmb=$(mb "$bench_dir/html")
tmb=$(mb "$bench_dir/text")
printf 'HTML, %d pages (%s MB; text twins %s MB):\n' "$(ls "$bench_dir/html" | wc -l)" "$hmb" "$tmb"
h=$(best "$Z" extract -q -j1 "$bench_dir/html" -o /dev/null)
t=$(best "$Z" extract -q -j1 "$bench_dir/text" -o /dev/null)
printf '  zhclaim html -j1 %6.2f s  %6.2f MB/s\n' "$h" "$(echo "$hmb / $h" | bc -l)"
printf '  zhclaim text -j1 %6.2f s  %6.2f MB/s  (html takes %.2fx the text twins'"'"' time)\n' "$t" "$(echo "$tmb / $t" | bc -l)" "$(echo "$h / $t" | bc -l)"
