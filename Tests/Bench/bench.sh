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
#   HUGO_CORPORA optional: a folder holding Hugo-style corpora `corpus-N/posts/*.md` (such as the ones the
#                Hugo baseline script writes to /tmp/ssg-bench). Each one found for a size in BENCH_SIZES is
#                converted with from_hugo_corpus.py and timed too, so Folio and Hugo build the same files.
#
# For each site it:
#   1. generates the project under $BENCH_TMP (gen_corpus.py, or from_hugo_corpus.py), unless it is there
#      already and nothing it was made from has changed (a .stamp file records the script's hash and inputs);
#   2. runs one warm-up build, then REPS timed builds, each into a new, not yet existing output folder, from
#      the project root: `folio build --output $BENCH_TMP/out/run-R`;
#   3. prints, per run and as median (min-max): wall seconds, CPU seconds (user + sys), peak RSS, pages per
#      second, and Folio's own per-step timings (load, resolve, render, check, compose, images, emit);
#   4. runs one more build with the image cache (<project>/.build/folio-cache) emptied: the cold cost of
#      rasterising every social card and diagram PNG (the timed runs are warm).
#
# Timing is by GNU time (/usr/bin/time), which sees the whole process, start-up included. The outputs are
# deleted only after all runs of a site: deleting many files is slow enough to disturb a build it overlaps.
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
if [[ ! -x /usr/bin/time ]]; then
  echo "bench: installing GNU time (the 'time' package) to measure CPU and peak memory"
  SUDO=$([[ $(id -u) == 0 ]] || echo sudo)
  $SUDO apt-get update -qq && $SUDO DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time
fi
if [[ ! -x $FOLIO ]]; then
  echo "bench: no folio binary at $FOLIO; run 'make bench' (or 'make build') first" >&2
  exit 1
fi
mkdir -p "$TMP"
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

# One `folio build` of $project into the fresh folder $out, timed. Appends "wall user sys maxrss_kb other"
# to $times and leaves Folio's own output in $out.log.
timed_build() {
  local project=$1 out=$2 times=$3
  local before after
  before=$(machine_busy_seconds)
  (cd "$project" && /usr/bin/time -o "$out.time" -f "%e %U %S %M" "$FOLIO" build --output "$out" > "$out.log" 2>&1) || {
    echo "bench: folio build failed in $project:" >&2
    cat "$out.log" >&2
    exit 1
  }
  after=$(machine_busy_seconds)
  # Other load = machine busy CPU during the run, minus our own CPU, per second of wall time.
  awk -v b="$before" -v a="$after" '{ other = (a - b - $2 - $3) / ($1 > 0 ? $1 : 1); if (other < 0) other = 0
                                      printf "%s %s %s %s %.2f\n", $1, $2, $3, $4, other }' "$out.time" >> "$times"
}

SUMMARY=()

# Warm-up plus REPS timed builds of one project; prints each run and the medians, adds a SUMMARY row.
bench_project() {
  local label=$1 project=$2
  local outs=$TMP/out
  rm -rf "$outs" && mkdir -p "$outs" && sync
  local size
  size=$(du -sb --apparent-size "$project/Content/posts" | awk '{ printf "%.1f MB", $1 / 1e6 }')
  echo
  echo "## $label: $(find "$project/Content/posts" -name '*.md' | wc -l) posts ($size of Markdown) in $project"

  local times=$outs/times pages steps r
  : > "$times"
  timed_build "$project" "$outs/warmup" "$outs/warmup.times"   # untimed: fills the page cache
  for ((r = 1; r <= REPS; r++)); do
    timed_build "$project" "$outs/run-$r" "$times"
    pages=$(sed -n 's/^folio: built \([0-9]*\) pages.*/\1/p' "$outs/run-$r.log")
    steps=$(sed -n '2s/^ *//p' "$outs/run-$r.log")
    tail -1 "$times" | awk -v r="$r" -v steps="$steps" '{
      printf "run %d: wall %.2f s  cpu %.2f s (user %.2f + sys %.2f)  peak RSS %.0f MiB  other load %.2f cores\n",
             r, $1, $2 + $3, $2, $3, $4 / 1024, $5
      printf "       folio: %s\n", steps }'
  done

  local files output_size wall cpu rss rate
  files=$(find "$outs/run-1" -type f | wc -l)
  output_size=$(du -sb --apparent-size "$outs/run-1" | awk '{ printf "%.1f MB", $1 / 1e6 }')
  wall=$(awk '{ print $1 }' "$times" | median_range)
  cpu=$(awk '{ print $2 + $3 }' "$times" | median_range)
  rss=$(awk '{ print $4 / 1024 }' "$times" | median_range)
  rate=$(awk '{ print $1 }' "$times" | sort -g | awk -v p="$pages" '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.0f", p / m }')
  echo "output: $pages pages, $files files on disk, $output_size"
  echo "median of $REPS: wall $wall s | cpu $cpu s | peak RSS $rss MiB | $rate pages/s"
  echo "(the runs above are warm: social cards and diagram PNGs come from the cache the warm-up filled)"

  # Cold: the image cache emptied first, so every social card and diagram PNG is rasterised again. The
  # 'images' step is that cost; the rest of the build is what a build without cards costs.
  rm -rf "$project/.build/folio-cache"
  timed_build "$project" "$outs/cold" "$outs/cold.times"
  steps=$(sed -n '2s/^ *//p' "$outs/cold.log")
  awk -v steps="$steps" '{ printf "cold (no image cache): wall %.2f s  cpu %.2f s  peak RSS %.0f MiB\n       folio: %s\n",
                           $1, $2 + $3, $4 / 1024, steps }' "$outs/cold.times"
  SUMMARY+=("$(printf '%-17s %-20s %-20s %-20s %s' "$label" "$wall" "$cpu" "$rss" "$rate")")

  rm -rf "$outs"   # only now: see the note at the top
}

# --- the benchmark -----------------------------------------------------------------------------------------
echo "# folio bench: folio $($FOLIO --version 2>/dev/null) from $(git -C "$REPO" describe --always --dirty 2>/dev/null)," \
     "$(nproc) cores, REPS=$REPS, $(date -u +%FT%TZ)"
generator_hash=$(sha256sum "$HERE/gen_corpus.py" | cut -c1-16)
converter_hash=$(sha256sum "$HERE/from_hugo_corpus.py" | cut -c1-16)
for n in $SIZES; do
  project=$TMP/project-$n
  make_project "$project" "$generator_hash posts=$n seed=$SEED themes=$REPO/Themes" \
    python3 "$HERE/gen_corpus.py" --posts "$n" --out "$project" --seed "$SEED" --themes "$REPO/Themes"
  bench_project "generated-$n" "$project"

  hugo_corpus=${HUGO_CORPORA:+$HUGO_CORPORA/corpus-$n}
  if [[ -n $hugo_corpus && -d $hugo_corpus/posts ]]; then
    project=$TMP/hugo-$n
    # The Hugo corpus may be regenerated by its own script: its .stamp (or file count) goes into ours.
    corpus_id="$(cat "$hugo_corpus/.stamp" 2>/dev/null || find "$hugo_corpus/posts" -name '*.md' | wc -l)"
    make_project "$project" "$converter_hash corpus=$corpus_id themes=$REPO/Themes" \
      python3 "$HERE/from_hugo_corpus.py" --hugo "$hugo_corpus" --out "$project" --themes "$REPO/Themes"
    bench_project "hugo-corpus-$n" "$project"
  fi
done

echo
echo "# summary: median (min-max) of $REPS runs"
printf '%-17s %-20s %-20s %-20s %s\n' site "wall s" "cpu s" "peak RSS MiB" "pages/s"
printf '%s\n' "${SUMMARY[@]}"
[[ ${BUILDS_ONLY:-0} == 1 ]] && exit 0

# --- highlighter throughput ---------------------------------------------------------------------------------
# Each language's golden sample, repeated to 4 MB, highlighted to HTML once (one core).
echo
echo "# highlighter throughput (one core)"
"$FOLIO" bench-highlight "$REPO/Tests/FolioTests/HighlightGolden"

# --- diagrams -----------------------------------------------------------------------------------------------
# Generated sequence diagrams and flowcharts (fixed seed), and the golden files, each drawn 5 times (one core).
echo
echo "# diagrams (one core)"
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
