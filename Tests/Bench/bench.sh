#!/usr/bin/env bash
# `make bench`: time the release `folio build` on generated sites of 1,000 and 10,000 posts, then the
# highlighter's throughput, diagram rendering (diagrams per second, median time of one diagram), and `folio serve`'s
# save-to-reload latency (serve_latency.py) on this repository's site and on the 1,000-post one.
#
#   make bench                          # builds .build/release/folio first, then runs this script
#   bash Tests/Bench/bench.sh           # the same, with the folio binary you already built
#
# Environment:
#   BENCH_SIZES  post counts to time (default "1000 10000")
#   REPS         timed builds per site, after one untimed warm-up (default 3)
#   BENCH_TMP    scratch folder for the projects and outputs (default /tmp/folio-bench)
#   BUILDS_ONLY  set to 1 to stop after the site builds (no highlighter, diagram or serve timings)
#   FOLIO        folio binary to time (default .build/release/folio in this repo)
#   SKIP_HUGO    set to 1 to time Folio alone (by default Hugo, installed from Debian when missing, builds the
#                same posts in alternation with Folio, and the summary gives ratios)
#   HUGO_CORPORA optional: a folder holding Hugo-style corpora `corpus-N/posts/*.md` (such as the ones the
#                Hugo baseline script writes to /tmp/ssg-bench). Each one found for a size in BENCH_SIZES is
#                converted with from_hugo_corpus.py and timed too, so Folio and Hugo build the same files.
#
# For each site it:
#   1. generates the project under $BENCH_TMP (gen_corpus.py, or from_hugo_corpus.py), unless it is there
#      already and nothing it was made from has changed (a .stamp file records the script's hash and inputs);
#   2. builds it once untimed with Folio and with Hugo (Tests/Bench/hugo-site, over hard links to the same
#      posts), then REPS rounds of one Folio build, one plain cmark floor pass (step 4) and one Hugo build,
#      each build into a new output folder: `folio build --output $BENCH_TMP/out/SITE/run-R` from the project root;
#   3. prints each run and the medians (min-max): wall seconds, CPU seconds (user + sys), peak RSS, and
#      Folio's own per-step timings (load, resolve, render, check, compose, images, emit);
#   4. times the cmark floor: the same bodies without front matter, in two halves rendered by two `cmark`
#      processes at once; plain right after each Folio build (so each build has a floor timed in the same
#      moment), then with --smart;
#   5. runs one more Folio build with the image cache (<project>/.build/folio-cache) emptied: the cold cost of
#      rasterising every social card and diagram PNG (the timed runs are warm);
#   6. ends with a table of medians and ratios: Folio / Hugo for wall and peak RSS, and Folio / cmark floor
#      as the median of each build against the floor timed after it (the ratio of the two medians beside it).
#
# Timing is by GNU time (/usr/bin/time), which sees the whole process, start-up included. The outputs are
# deleted only when the bench ends: deleting many files is slow enough to disturb a build it overlaps, and on
# ext4 a build that follows a large deletion within minutes spends seconds more in the kernel (the inode
# allocator steps over every inode freed in the last minutes), so deleting between sizes slowed the next size.
# Each run also reports "other load": CPU used on the machine by other processes while it ran (from
# /proc/stat). On a 2-core machine anything above ~0.15 cores means the numbers are not clean; re-run.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
FOLIO=${FOLIO:-$REPO/.build/release/folio}
TMP=${BENCH_TMP:-/tmp/folio-bench}
SIZES=${BENCH_SIZES:-1000 10000}
REPS=${REPS:-3}
SEED=42

# --- tools -------------------------------------------------------------------------------------------------
# Debian packages the bench needs and a fresh machine may lack (GNU time, Hugo, the cmark command).
install_packages() {
  local sudo
  sudo=$([[ $(id -u) == 0 ]] || echo sudo)
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" > /dev/null
}
if [[ ! -x /usr/bin/time ]]; then
  echo "bench: installing GNU time (the 'time' package) to measure CPU and peak memory"
  install_packages time
fi
if [[ ! -x $FOLIO ]]; then
  echo "bench: no folio binary at $FOLIO; run 'make bench' (or 'make build') first" >&2
  exit 1
fi
mkdir -p "$TMP"
# Leftovers of an interrupted bench are removed now; this bench's outputs when it ends, however it ends.
rm -rf "$TMP/out"
trap 'rm -rf "$TMP/out"' EXIT
# Time a private copy: a rebuild of .build/release/folio while the bench runs must not change what is timed.
cp "$FOLIO" "$TMP/folio" && FOLIO=$TMP/folio

# --- helpers -----------------------------------------------------------------------------------------------

# Median and range of the numbers on standard input: "1.23 (1.20-1.31)".
median_range() {
  sort -g | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.2f (%.2f-%.2f)", m, v[1], v[NR] }'
}

# Busy CPU seconds of the whole machine so far (all cores), from the first line of /proc/stat.
machine_busy_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '/^cpu / { printf "%.2f", ($2 + $3 + $4 + $7 + $8 + $9) / hz; exit }' /proc/stat
}

# Runs "$@" to (re)make $project unless $project/.stamp already holds $stamp.
make_project() {
  local project=$1 stamp=$2
  shift 2
  if [[ -f $project/.stamp && "$(cat "$project/.stamp")" == "$stamp" ]]; then
    # The theme is a copy (Folio reads nothing from outside a project): refresh it so edits to it are measured.
    rm -rf "$project/Themes" && cp -R "$REPO/Themes" "$project/Themes"
    return
  fi
  echo "bench: writing $project"
  rm -rf "$project"
  "$@"
  echo "$stamp" > "$project/.stamp"
}

# Runs "$@" under GNU time from directory $1 with output in $2.log; appends "wall user sys maxrss_kb other" to $3.
# "other" is the CPU other processes used on the machine meanwhile, in cores (from /proc/stat).
timed_run() {
  local dir=$1 out=$2 times=$3
  shift 3
  local before after
  # Every timed run starts with nothing left to write back: the kernel flushing an earlier run's output (Hugo's
  # and Folio's sites are hundreds of megabytes) would otherwise take CPU from whichever run comes next.
  sync
  before=$(machine_busy_seconds)
  (cd "$dir" && /usr/bin/time -o "$out.time" -f "%e %U %S %M" "$@" > "$out.log" 2>&1) || {
    echo "bench: '$*' failed in $dir:" >&2
    cat "$out.log" >&2
    exit 1
  }
  after=$(machine_busy_seconds)
  awk -v b="$before" -v a="$after" '{ other = (a - b - $2 - $3) / ($1 > 0 ? $1 : 1); if (other < 0) other = 0
                                      printf "%s %s %s %s %.2f\n", $1, $2, $3, $4, other }' "$out.time" >> "$times"
}

# Column $2 of file $1 (1 wall, 2 user, 3 sys, 4 maxrss KiB; "cpu" = user + sys), scaled for printing.
column() {
  case $2 in
    cpu) awk '{ print $2 + $3 }' "$1" ;;
    rss) awk '{ print $4 / 1024 }' "$1" ;;
    *)   awk -v c="$2" '{ print $c }' "$1" ;;
  esac
}
median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.4f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

print_run() {  # label, run number, times file, extra line
  tail -1 "$3" | awk -v l="$1" -v r="$2" -v extra="${4:-}" '{
    printf "%-6s run %d: wall %.2f s  cpu %.2f s (user %.2f + sys %.2f)  peak RSS %.0f MiB  other load %.2f cores\n",
           l, r, $1, $2 + $3, $2, $3, $4 / 1024, $5
    if (extra != "") printf "              %s\n", extra }'
}

# The Hugo side: a site folder whose content/posts are hard links to the same Markdown files Folio builds.
hugo_site_for() {
  local posts=$1 site=$2
  rm -rf "$site" && mkdir -p "$site/content"
  cp -al "$posts" "$site/content/posts" 2>/dev/null || cp -R "$posts" "$site/content/posts"
}

# The cmark floor: the posts' bodies (front matter stripped) in two halves, rendered by two cmark processes at
# once (this machine's cores), plain and with --smart (Folio and Hugo both print typographic punctuation).
# `floor_prepare` writes the halves and warms up; each `floor_run` times one pass. A plain pass is timed right
# after each Folio build, so that each build has a floor measured in the same moment of the machine (its speed
# drifts by a fifth over minutes here), and the ratio is the median of those pairs.
FLOOR_PLAIN="cmark half1.md > /dev/null & cmark half2.md > /dev/null; wait"
FLOOR_SMART="cmark --smart half1.md > /dev/null & cmark --smart half2.md > /dev/null; wait"
floor_prepare() {
  local posts=$1 dir=$2
  rm -rf "$dir" && mkdir -p "$dir"
  python3 - "$posts" "$dir" <<'PY'
import os, sys
posts, out = sys.argv[1:]
bodies = []
for name in sorted(os.listdir(posts)):
    data = open(os.path.join(posts, name), "rb").read()
    bodies.append(data.split(b"\n---\n", 1)[1] if data.startswith(b"---\n") else data)
half = len(bodies) // 2
open(os.path.join(out, "half1.md"), "wb").write(b"\n".join(bodies[:half]))
open(os.path.join(out, "half2.md"), "wb").write(b"\n".join(bodies[half:]))
PY
  (cd "$dir" && sh -c "$FLOOR_PLAIN")   # warm-up
}
floor_run() {  # dir, name, times file, command
  timed_run "$1" "$1/$2" "$3" sh -c "$4"
}

# The median of the ratios of two times files, line by line (wall column): each build against its own floor.
paired_ratio() {
  paste -d' ' <(column "$1" 1) <(column "$2" 1) | awk '{ print $1 / $2 }' | median
}

TABLE=()   # rows of the final table
add_rows() {  # label, folio times, hugo times (or ""), cmark plain times (or "")
  local label=$1 f=$2 h=$3 c=$4
  local fw fr hw hr cw
  fw=$(column "$f" 1 | median); fr=$(column "$f" rss | median)
  if [[ -n $h ]]; then
    hw=$(column "$h" 1 | median); hr=$(column "$h" rss | median)
    TABLE+=("$(awk -v l="$label" -v a="$fw" -v b="$hw" 'BEGIN { printf "| %s, wall | %.2f s | %.2f s | %.3f× |", l, a, b, a / b }')")
    TABLE+=("$(awk -v l="$label" -v a="$fr" -v b="$hr" 'BEGIN { printf "| %s, peak RSS | %.0f MiB | %.0f MiB | %.3f× |", l, a, b, a / b }')")
  else
    TABLE+=("$(awk -v l="$label" -v a="$fw" 'BEGIN { printf "| %s, wall | %.2f s | | |", l, a }')")
    TABLE+=("$(awk -v l="$label" -v a="$fr" 'BEGIN { printf "| %s, peak RSS | %.0f MiB | | |", l, a }')")
  fi
  if [[ -n $c ]]; then
    cw=$(column "$c" 1 | median)
    local paired
    paired=$(paired_ratio "$f" "$c")
    TABLE+=("$(awk -v l="$label" -v a="$fw" -v b="$cw" -v p="$paired" 'BEGIN { printf "| %s, wall against the 2-core cmark floor (median %.2f s, timed after each build) | %.2f s | | %.2f× (%.2f× of the medians) |", l, b, a, p, a / b }')")
  fi
}

# One site: a warm-up of each tool, then REPS rounds of Folio, the plain cmark floor and Hugo (alternating, so a
# slow spell of the machine hits all three), the smart floor, and one Folio build with its image cache emptied.
bench_site() {
  local label=$1 project=$2 hugo_posts=$3
  local outs=$TMP/out/$label
  rm -rf "$outs" && mkdir -p "$outs" && sync   # empty unless an earlier bench was interrupted
  local size count
  size=$(du -sb --apparent-size "$project/Content/posts" | awk '{ printf "%.1f MB", $1 / 1e6 }')
  count=$(find "$project/Content/posts" -name '*.md' | wc -l)
  echo
  echo "## $label: $count posts ($size of Markdown) in $project"

  local folio_times=$outs/folio.times hugo_times="" cmark_plain=$outs/cmark.times cmark_smart=$outs/cmark-smart.times
  local hugo_site=$TMP/hugo-site-$label
  : > "$folio_times"
  local -a hugo_cmd=()
  if [[ $WITH_HUGO == 1 ]]; then
    hugo_times=$outs/hugo.times && : > "$hugo_times"
    hugo_site_for "$hugo_posts" "$hugo_site"
    hugo_cmd=(hugo --quiet --noBuildLock --source "$HERE/hugo-site" --contentDir "$hugo_site/content"
              --cacheDir "$hugo_site/cache")
    timed_run "$project" "$outs/hugo-warmup" "$outs/warmup.times" "${hugo_cmd[@]}" --destination "$outs/hugo-warmup"
  fi
  timed_run "$project" "$outs/warmup" "$outs/warmup.times" "$FOLIO" build --output "$outs/warmup"

  : > "$cmark_plain"; : > "$cmark_smart"
  floor_prepare "$project/Content/posts" "$outs/cmark"
  local r pages steps
  for ((r = 1; r <= REPS; r++)); do
    timed_run "$project" "$outs/run-$r" "$folio_times" "$FOLIO" build --output "$outs/run-$r"
    pages=$(sed -n 's/^folio: built \([0-9]*\) pages.*/\1/p' "$outs/run-$r.log")
    steps=$(sed -n '2s/^ *//p' "$outs/run-$r.log")
    print_run folio "$r" "$folio_times" "$steps"
    floor_run "$outs/cmark" "plain-$r" "$cmark_plain" "$FLOOR_PLAIN"
    print_run cmark "$r" "$cmark_plain"
    if [[ $WITH_HUGO == 1 ]]; then
      timed_run "$project" "$outs/hugo-$r" "$hugo_times" "${hugo_cmd[@]}" --destination "$outs/hugo-$r"
      print_run hugo "$r" "$hugo_times"
    fi
  done
  echo "folio output: $pages pages, $(find "$outs/run-1" -type f | wc -l) files," \
       "$(du -sb --apparent-size "$outs/run-1" | awk '{ printf "%.1f MB", $1 / 1e6 }')"
  [[ $WITH_HUGO == 1 ]] && echo "hugo output:  $(find "$outs/hugo-1" -type f | wc -l) files," \
       "$(du -sb --apparent-size "$outs/hugo-1" | awk '{ printf "%.1f MB", $1 / 1e6 }')"
  echo "median of $REPS: folio wall $(column "$folio_times" 1 | median_range) s," \
       "cpu $(column "$folio_times" cpu | median_range) s, peak RSS $(column "$folio_times" rss | median_range) MiB"
  [[ $WITH_HUGO == 1 ]] && echo "median of $REPS: hugo  wall $(column "$hugo_times" 1 | median_range) s," \
       "cpu $(column "$hugo_times" cpu | median_range) s, peak RSS $(column "$hugo_times" rss | median_range) MiB"

  for ((r = 1; r <= REPS; r++)); do floor_run "$outs/cmark" "smart-$r" "$cmark_smart" "$FLOOR_SMART"; done
  rm -f "$outs"/cmark/half*.md
  echo "cmark floor (two processes, two halves): wall $(column "$cmark_plain" 1 | median_range) s," \
       "with --smart $(column "$cmark_smart" 1 | median_range) s"

  # Cold: the image cache emptied first, so every social card and diagram PNG is rasterised again.
  rm -rf "$project/.build/folio-cache"
  timed_run "$project" "$outs/cold" "$outs/cold.times" "$FOLIO" build --output "$outs/cold"
  steps=$(sed -n '2s/^ *//p' "$outs/cold.log")
  awk -v steps="$steps" '{ printf "cold (no image cache): wall %.2f s  cpu %.2f s  peak RSS %.0f MiB\n       folio: %s\n",
                           $1, $2 + $3, $4 / 1024, steps }' "$outs/cold.times"

  add_rows "$label" "$folio_times" "$hugo_times" "$cmark_plain"
}

# --- the benchmark -----------------------------------------------------------------------------------------
WITH_HUGO=1
if [[ ${SKIP_HUGO:-0} == 1 ]]; then
  WITH_HUGO=0
elif ! command -v hugo > /dev/null; then
  echo "bench: installing Hugo from Debian (the 'hugo' package) for the side-by-side comparison"
  install_packages hugo
fi
command -v cmark > /dev/null || { echo "bench: installing the cmark command (the 'cmark' package) for the floor"
                                  install_packages cmark; }
echo "# folio bench: folio $($FOLIO --version 2>/dev/null) from $(git -C "$REPO" describe --always --dirty 2>/dev/null)," \
     "$( [[ $WITH_HUGO == 1 ]] && hugo version | cut -d' ' -f1-2 || echo 'no Hugo'), $(cmark --version | head -1)," \
     "$(nproc) cores, REPS=$REPS, $(date -u +%FT%TZ)"
generator_hash=$(sha256sum "$HERE/gen_corpus.py" | cut -c1-16)
converter_hash=$(sha256sum "$HERE/from_hugo_corpus.py" | cut -c1-16)
for n in $SIZES; do
  project=$TMP/project-$n
  make_project "$project" "$generator_hash posts=$n seed=$SEED themes=$REPO/Themes" \
    python3 "$HERE/gen_corpus.py" --posts "$n" --out "$project" --seed "$SEED" --themes "$REPO/Themes"
  bench_site "generated-$n" "$project" "$project/Content/posts"

  hugo_corpus=${HUGO_CORPORA:+$HUGO_CORPORA/corpus-$n}
  if [[ -n $hugo_corpus && -d $hugo_corpus/posts ]]; then
    project=$TMP/hugo-$n
    # The Hugo corpus may be regenerated by its own script: its .stamp (or file count) goes into ours.
    corpus_id="$(cat "$hugo_corpus/.stamp" 2>/dev/null || find "$hugo_corpus/posts" -name '*.md' | wc -l)"
    make_project "$project" "$converter_hash corpus=$corpus_id themes=$REPO/Themes" \
      python3 "$HERE/from_hugo_corpus.py" --hugo "$hugo_corpus" --out "$project" --themes "$REPO/Themes"
    bench_site "hugo-corpus-$n" "$project" "$hugo_corpus/posts"
  fi
done

echo
echo "# summary: medians of $REPS alternating runs (ratio = Folio / Hugo, or Folio / cmark floor)"
echo "| | Folio | Hugo | ratio |"
echo "| --- | --- | --- | --- |"
printf '%s\n' "${TABLE[@]}"
[[ ${BUILDS_ONLY:-0} == 1 ]] && exit 0

# --- highlighter throughput ---------------------------------------------------------------------------------
# Each language's golden sample, repeated to 4 MB, highlighted to HTML once (one core).
echo
echo "# highlighter throughput (one core)"
"$FOLIO" bench-highlight "$REPO/Tests/FolioTests/HighlightGolden"

# --- diagrams -----------------------------------------------------------------------------------------------
# Generated sequence diagrams and flowcharts (fixed seed), and the golden files, each drawn 5 times on one core;
# then new ones of two kinds on every core at once, which shows what taking turns for Graphviz costs.
echo
echo "# diagrams (one core, then all cores)"
"$FOLIO" bench-diagrams "$REPO/Tests/FolioTests/DiagramGolden"

# --- folio serve: save-to-reload latency --------------------------------------------------------------------
# `folio serve` on a copy of this repository's site, then on the generated 1,000-post project: one post is
# edited 10 times; each time, the time from the write to the `reload` server-sent event (what an open browser
# tab waits for). Includes the watcher's 20 ms quiet period, the rebuild (with unchanged posts reused) and the
# event's trip over loopback.
echo
echo "# folio serve: save-to-reload latency (median of 10 edits of one post)"
own=$TMP/serve-own-site
rm -rf "$own" && mkdir -p "$own/Sources"
cp -R "$REPO/Content" "$REPO/Themes" "$own/"
# Every companion site.yml names (sources and demos), or the site does not build and nothing is timed.
for companion in Companion CompanionDemos CompanionGo; do cp -R "$REPO/Sources/$companion" "$own/Sources/"; done
own_post=$(cd "$own" && ls Content/posts/*.md | head -1)
python3 "$HERE/serve_latency.py" --folio "$FOLIO" --project "$own" --post "$own_post" --label "repository site: "
rm -rf "$own"
project=$TMP/project-1000
make_project "$project" "$generator_hash posts=1000 seed=$SEED themes=$REPO/Themes" \
  python3 "$HERE/gen_corpus.py" --posts 1000 --out "$project" --seed "$SEED" --themes "$REPO/Themes"
python3 "$HERE/serve_latency.py" --folio "$FOLIO" --project "$project" --post Content/posts/post-00500.md \
  --label "generated-1000: "
