#!/usr/bin/env python3
"""Write a synthetic Folio project for benchmarks: `make bench` times `folio build` on it.

    python3 Tests/Bench/gen_corpus.py --posts N --out DIR [--seed 42] [--themes PATH]

DIR receives a complete project:

    DIR/Content/site.yml
    DIR/Content/pages/about.md
    DIR/Content/series/<slug>/series.yml      12 series
    DIR/Content/posts/post-NNNNN.md           N posts, post-00001.md is the oldest
    DIR/Themes                                a copy of <repo>/Themes, so the bench uses the real theme

The output is deterministic. Each post depends only on (seed, its number), never on N, so the first 1,000
posts of a 10,000-post project are byte for byte the 1,000-post project.

What a post looks like (the shape of the corpus the Hugo baseline was measured on):
  - front matter: quoted title, date (YYYY-MM-DDTHH:MM:SSZ, one post every ~8 hours from 2013 on),
    quoted summary, 2-5 tags out of 60 with Zipf-like popularity, `series: <slug>` for ~30% of posts,
    `draft: false`;
  - body of ~1,400-3,100 words: `##` and `###` headings; paragraphs with inline code, emphasis, strong,
    external links, `&`, em dashes, quotes and apostrophes; bullet lists (some nested), numbered lists,
    block quotes (a few are `> [!NOTE]` callouts); 2-5 fenced code blocks in go/swift/sql/yaml/bash;
    a GFM table in about a third of the posts;
  - ~4 links to earlier posts: mostly `../post-00012/` (resolved against the page URL), some
    `post-00012.md` (a source link Folio rewrites) and some `../post-00012/#references` (anchor checked);
    every post ends with a `## References` section, so that anchor always exists.

Standard library only. ~10 s for 10,000 posts.
"""
import argparse
import hashlib
import os
import shutil
import random
import sys
from datetime import datetime, timedelta, timezone

# ----------------------------------------------------------------------------------------------------------
# Vocabulary. Everything a post says is drawn from these lists.
# ----------------------------------------------------------------------------------------------------------

# 60 tags, most popular first: tag k gets weight 1 / k**1.1 (Zipf-like).
TAGS = [
    "go", "postgresql", "kubernetes", "swift", "performance", "testing", "distributed-systems", "observability",
    "grpc", "rabbitmq", "redis", "linux", "databases", "ci", "docker", "networking", "security", "rust",
    "typescript", "concurrency", "api-design", "messaging", "caching", "sql", "bash", "yaml", "terraform",
    "prometheus", "opentelemetry", "kafka", "http", "tls", "dns", "git", "markdown", "static-sites",
    "compilers", "parsing", "memory", "profiling", "benchmarks", "on-call", "incident-review", "migrations",
    "schema-design", "queues", "retries", "idempotency", "consistency", "load-balancing", "rate-limiting",
    "feature-flags", "deployment", "tooling", "editors", "documentation", "code-review", "career", "teams",
    "book-notes",
]
TAG_WEIGHTS = [1.0 / (rank ** 1.1) for rank in range(1, len(TAGS) + 1)]

# 12 series: (slug, title, status, weight). About 30% of posts belong to one.
SERIES = [
    ("outbox-in-practice", "The transactional outbox in practice", "complete", 1.4),
    ("grpc-load-balancing", "gRPC load balancing from the client side", "ongoing", 1.2),
    ("postgres-locks", "Postgres locks, explained with incidents", "complete", 1.1),
    ("go-services", "Go services that fail predictably", "ongoing", 1.0),
    ("swift-on-the-server", "Swift on the server", "ongoing", 1.0),
    ("static-site-engine", "Writing a static site engine", "ongoing", 0.9),
    ("kubernetes-by-hand", "Kubernetes by hand", "complete", 0.9),
    ("observability-basics", "Observability basics", "complete", 0.8),
    ("shell-habits", "Shell habits worth keeping", "planned", 0.8),
    ("queue-theory", "Queues, retries and back-pressure", "ongoing", 0.7),
    ("on-call-notes", "Notes from on-call", "ongoing", 0.7),
    ("perf-diary", "A performance diary", "planned", 0.6),
]
SERIES_SHARE = 0.32

TOPICS = [
    "connection pooling", "idempotency keys", "the outbox table", "consistent hashing", "advisory locks",
    "graceful shutdown", "retry budgets", "back-pressure", "dead-letter queues", "schema migrations",
    "health checks", "client-side load balancing", "structured logging", "trace propagation", "rate limiting",
    "feature flags", "blue-green deploys", "leader election", "write-ahead logs", "query plans",
    "cache invalidation", "timeouts", "circuit breakers", "batch processing", "zero-downtime migrations",
    "service meshes", "TLS termination", "DNS caching", "memory allocators", "string interning",
    "incremental builds", "Markdown parsing", "template rendering", "link checking", "file watching",
    "actor isolation", "structured concurrency", "async sequences", "context cancellation", "error wrapping",
]
ANGLES = [
    "what the docs leave out", "a field guide", "the boring parts", "lessons from production",
    "a second look", "measured, not guessed", "the cheap version first", "trade-offs & pitfalls",
    "why it broke at 3 a.m.", "from naive to correct", "what we'd do differently", "in under 200 lines",
]
TITLE_FORMS = [
    "{Topic}: {angle}", "Notes on {topic}", "What {topic} taught us about {topic2}", "{Topic} without the magic",
    "A practical guide to {topic}", "Don't skip {topic}", "{Topic} & {topic2}", "Getting {topic} right",
    "The cost of {topic}", "{Topic}, revisited", "How we debugged {topic}", "When {topic} isn't enough",
]

SUBJECTS = [
    "The relay", "Our worker pool", "The query planner", "Each consumer", "The load balancer", "The scheduler",
    "The build cache", "The renderer", "A naive implementation", "The connection pool", "The health check",
    "The retry loop", "Our deploy pipeline", "The migration tool", "Every request handler", "The parser",
    "The on-call engineer", "The sidecar", "The garbage collector", "The file watcher", "The link checker",
    "The ingestion service", "The old cron job", "The new design", "This approach", "The template engine",
]
VERBS = [
    "batches", "retries", "serializes", "caches", "invalidates", "shards", "streams", "validates", "drains",
    "checkpoints", "rebalances", "throttles", "deduplicates", "prefetches", "replays", "compacts", "indexes",
    "acknowledges", "reorders", "fans out", "times out on", "holds a lock on", "rewrites", "flushes",
]
OBJECTS = [
    "the outbox rows", "every pending message", "the hash ring", "a bounded queue of jobs", "the page index",
    "the dependency graph", "the write-ahead log", "stale cache entries", "the whole fleet", "the hot path",
    "thousands of small files", "the event stream", "a single struct", "the metrics pipeline", "the front matter",
    "each template", "the slow queries", "idle connections", "the output folder", "the heading ids",
    "the series index", "a map of URLs", "the tag pages", "the sitemap",
]
TAILS = [
    "under heavy load", "in a single pass", "once per second", "before the deadline expires",
    "without holding the lock", "when the cache is cold", "during a failover", "for the common case",
    "on every deploy", "in roughly O(log n) time", "after the first warm-up run", "when nobody is looking",
    "on both cores", "in the order the rows were written", "without a second round trip",
]
OPENERS = [
    "In practice,", "As it turns out,", "Put differently,", "On a quiet day,", "Under the hood,",
    "In our setup,", "To be fair,", "Surprisingly,", "At first,", "Later that week,",
]
ASIDES = [
    "The numbers told a different story.", "Nobody on the team expected this to be the bottleneck.",
    "We measured twice before changing anything.", "That's the part the dashboards don't show.",
    "It's the kind of bug that only shows up on a Friday.", "The trade-off is worth spelling out.",
    "Call it \"correct by construction\" if you like.", "None of this is new — it's just easy to forget.",
    "Reads & writes behave very differently here.", "The fix was smaller than the diagnosis.",
]
CODE_WORDS = [
    "context.Context", "SELECT ... FOR UPDATE SKIP LOCKED", "sync.WaitGroup", "errgroup.Group", "Task.sleep",
    "withTaskGroup", "AsyncStream", "pg_stat_activity", "EXPLAIN (ANALYZE, BUFFERS)", "kubectl rollout status",
    "readinessProbe", "set -euo pipefail", "max_connections", "http.Server", "URLSession", "@Sendable",
    "grpc.WithDefaultServiceConfig", "basic.ack", "x-dead-letter-exchange", "idempotency_key", "fsync",
    "perf record -g", "GOMAXPROCS", "Result<T, Error>", "LISTEN/NOTIFY", "cmark_parse_document", "O_APPEND",
]
EMPHASIS = ["not", "always", "exactly", "before", "after", "only", "twice", "really", "one", "every"]
EXTERNAL_LINKS = [
    ("the Go memory model", "https://go.dev/ref/mem"),
    ("the CommonMark spec", "https://spec.commonmark.org/0.30/"),
    ("the Postgres docs on locking", "https://www.postgresql.org/docs/current/explicit-locking.html"),
    ("the gRPC load-balancing guide", "https://grpc.io/blog/grpc-load-balancing/"),
    ("the Swift concurrency book chapter", "https://docs.swift.org/swift-book/documentation/the-swift-programming-language/concurrency/"),
    ("RabbitMQ's reliability guide", "https://www.rabbitmq.com/docs/reliability"),
    ("the Kubernetes probe docs", "https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/"),
    ("the OpenTelemetry spec", "https://opentelemetry.io/docs/specs/otel/"),
    ("Brendan Gregg's notes on perf", "https://www.brendangregg.com/perf.html"),
    ("the SRE book", "https://sre.google/sre-book/table-of-contents/"),
]
LINK_TEXTS = [
    "the earlier post", "part one", "the follow-up", "what we tried first", "the previous write-up",
    "an older note", "the benchmark post", "the incident review", "the background", "the first attempt",
]
HEADINGS = [
    "Why {topic} matters", "The naive version", "Where it breaks", "Measuring {topic}", "A better design",
    "Rolling it out", "What the logs said", "The failure mode", "Trade-offs", "Testing {topic}",
    "Living with {topic}", "A closer look at {topic}", "Edge cases", "Numbers", "The fix", "Operating it",
    "What we learned", "Configuration", "Before & after", "Open questions",
]
SUBHEADINGS = [
    "Step one", "Step two", "A small example", "The happy path", "When it fails", "Under load", "On one core",
    "Cold start", "The slow path", "Cleaning up", "Sizing", "Timeouts", "Ordering", "Duplicates",
]
CALLOUT_KINDS = ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"]

# Code blocks: a few templates per language; {n}, {name}, {table} are filled in and some lines repeat.
IDENTS = ["orders", "jobs", "events", "pages", "leases", "tokens", "sessions", "shards", "batches", "users"]
CODE = {
    "go": [
        ("func (r *Relay) {Name}(ctx context.Context) error {{\n"
         "\tticker := time.NewTicker({n} * time.Millisecond)\n\tdefer ticker.Stop()\n\tfor {{\n"
         "\t\tselect {{\n\t\tcase <-ctx.Done():\n\t\t\treturn ctx.Err()\n\t\tcase <-ticker.C:\n"
         "{repeat}\t\t}}\n\t}}\n}}",
         "\t\t\tif err := r.publish(ctx, \"{name}\"); err != nil {{\n\t\t\t\treturn fmt.Errorf(\"{name}: %w\", err)\n\t\t\t}}\n"),
        ("type {Name}Store struct {{\n\tdb *sql.DB\n\tmu sync.Mutex\n}}\n\n"
         "func (s *{Name}Store) Load(ctx context.Context, id int64) (*{Name}, error) {{\n"
         "\tvar v {Name}\n{repeat}\treturn &v, nil\n}}",
         "\tif err := s.db.QueryRowContext(ctx, \"SELECT payload FROM {name} WHERE id = $1\", id).Scan(&v.Payload); err != nil {{\n"
         "\t\treturn nil, err\n\t}}\n"),
    ],
    "swift": [
        ("actor {Name}Cache {{\n    private var entries: [String: Int] = [:]\n\n"
         "    func value(for key: String) async throws -> Int {{\n"
         "        if let hit = entries[key] {{ return hit }}\n{repeat}        return entries[key, default: {n}]\n    }}\n}}",
         "        try await Task.sleep(for: .milliseconds({n}))\n        entries[key] = key.utf8.count &* {n}\n"),
        ("func render{Name}(_ items: [String]) async -> [String] {{\n"
         "    await withTaskGroup(of: (Int, String).self) {{ group in\n"
         "        for (index, item) in items.enumerated() {{\n{repeat}        }}\n"
         "        var out = Array(repeating: \"\", count: items.count)\n"
         "        for await (index, html) in group {{ out[index] = html }}\n        return out\n    }}\n}}",
         "            group.addTask {{ (index, \"<p>\\(item) #{n}</p>\") }}\n"),
    ],
    "sql": [
        ("BEGIN;\nUPDATE {name}\n   SET status = 'running', leased_until = now() + interval '{n} seconds'\n"
         " WHERE id = (\n       SELECT id FROM {name}\n        WHERE status = 'pending'\n"
         "        ORDER BY created_at\n        LIMIT 1\n        FOR UPDATE SKIP LOCKED)\nRETURNING id, payload;\n{repeat}COMMIT;",
         "INSERT INTO {name}_audit (id, at) VALUES ({n}, now());\n"),
        ("CREATE TABLE {name} (\n    id          bigserial PRIMARY KEY,\n    payload     jsonb NOT NULL,\n"
         "    created_at  timestamptz NOT NULL DEFAULT now()\n);\n{repeat}",
         "CREATE INDEX {name}_created_{n}_idx ON {name} (created_at) WHERE id % {n} = 0;\n"),
    ],
    "yaml": [
        ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\nspec:\n  replicas: 3\n  template:\n"
         "    spec:\n      containers:\n        - name: {name}\n          image: registry.local/{name}:1.{n}\n"
         "          env:\n{repeat}",
         "            - name: {NAME}_LIMIT_{n}\n              value: \"{n}\"\n"),
        ("retry:\n  attempts: 5\n  backoff: {n}ms\nqueues:\n{repeat}",
         "  - name: {name}.{n}\n    dead_letter: {name}.dlq\n    prefetch: {n}\n"),
    ],
    "bash": [
        ("#!/usr/bin/env bash\nset -euo pipefail\n\nfor shard in $(seq 1 {n}); do\n{repeat}done\n"
         "echo \"done: $(date -u +%FT%TZ)\"",
         "  psql -qAt -c \"SELECT count(*) FROM {name} WHERE shard = $shard\" | tee -a /tmp/{name}.log\n"),
        ("perf record -g -- ./folio build --output /tmp/site\nperf report --stdio --no-children | head -n {n}\n{repeat}",
         "hyperfine --warmup 1 'folio build --output /tmp/{name}-{n}'\n"),
    ],
}
LANGUAGES = list(CODE)

# ----------------------------------------------------------------------------------------------------------
# One post.
# ----------------------------------------------------------------------------------------------------------

START = datetime(2013, 1, 7, 8, 0, 0, tzinfo=timezone.utc)


def post_name(number):
    return f"post-{number:05d}"


def cap(text):
    return text[0].upper() + text[1:]


class PostWriter:
    """Builds post `number` (1-based) from its own random stream, so it never depends on the other posts."""

    def __init__(self, seed, number):
        self.number = number
        self.rng = random.Random(f"folio-bench:{seed}:{number}")
        self.topic = self.rng.choice(TOPICS)
        self.words = 0
        self.lines = []

    # -- helpers ---------------------------------------------------------------------------------------

    def emit(self, block):
        """Appends a Markdown block (followed by a blank line) and counts its words."""
        self.lines.append(block)
        self.words += len(block.split())

    def earlier_post(self):
        """A post older than this one: usually a recent one, sometimes any."""
        rng = self.rng
        if rng.random() < 0.7:
            return max(1, self.number - rng.randint(1, 40))
        return rng.randint(1, self.number - 1)

    def internal_link(self):
        target = post_name(self.earlier_post())
        text = self.rng.choice(LINK_TEXTS)
        form = self.rng.random()
        if form < 0.70:
            return f"[{text}](../{target}/)"
        if form < 0.85:
            return f"[{text}]({target}.md)"  # a link between sources, rewritten to the page URL
        return f"[{text}](../{target}/#references)"  # anchor, checked against the target's heading ids

    def inline(self, text):
        """Decorates a clause with at most one inline element."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.18:
            return f"{text}, and `{rng.choice(CODE_WORDS)}` makes that explicit"
        if roll < 0.26:
            return f"{text}, which is **{rng.choice(EMPHASIS)}** what you want"
        if roll < 0.32:
            words = text.split(" ")
            k = rng.randrange(1, len(words))
            words[k] = f"*{words[k]}*"
            return " ".join(words)
        if roll < 0.37:
            label, url = rng.choice(EXTERNAL_LINKS)
            return f"{text} (see [{label}]({url}))"
        if roll < 0.41:
            return f"{text} — at least on {rng.choice(['Linux', 'a laptop', 'the CI runners', 'staging'])}"
        if roll < 0.44:
            return f"{text} & the team agreed"
        return text

    def sentence(self):
        rng = self.rng
        if rng.random() < 0.12:
            return rng.choice(ASIDES)
        clause = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"
        if rng.random() < 0.2:
            opener = rng.choice(OPENERS)
            clause = f"{opener} {clause[0].lower()}{clause[1:]}"
        if rng.random() < 0.08:
            clause = clause.replace(" the ", f" {self.topic} and the ", 1)
        return self.inline(clause) + "."

    def paragraph(self, links):
        sentences = [self.sentence() for _ in range(self.rng.randint(3, 7))]
        for _ in range(links):
            i = self.rng.randrange(len(sentences))
            sentences[i] = sentences[i][:-1] + f", as {self.internal_link()} showed."
        return " ".join(sentences)

    # -- blocks ----------------------------------------------------------------------------------------

    def bullet_list(self):
        rng = self.rng
        items = []
        for _ in range(rng.randint(3, 6)):
            items.append(f"- {self.inline(cap(rng.choice(OBJECTS)) + ' ' + rng.choice(TAILS))}")
            if rng.random() < 0.25:
                for _ in range(rng.randint(2, 3)):
                    items.append(f"  - `{rng.choice(CODE_WORDS)}` {rng.choice(VERBS)} {rng.choice(OBJECTS)}")
        return "\n".join(items)

    def numbered_list(self):
        rng = self.rng
        return "\n".join(f"{k}. {rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
                         for k in range(1, rng.randint(3, 6) + 1))

    def quote(self):
        rng = self.rng
        body = " ".join(self.sentence() for _ in range(rng.randint(1, 3)))
        if rng.random() < 0.3:
            return f"> [!{rng.choice(CALLOUT_KINDS)}]\n> {body}"
        return f"> {body}"

    def code_block(self):
        rng = self.rng
        language = rng.choice(LANGUAGES)
        template, repeat = rng.choice(CODE[language])
        name = rng.choice(IDENTS)
        fill = {"name": name, "Name": cap(name), "NAME": name.upper()}
        body = "".join(repeat.format(n=rng.randint(2, 500), **fill) for _ in range(rng.randint(1, 6)))
        code = template.format(n=rng.randint(2, 500), repeat=body, **fill).rstrip("\n")
        return f"A simplified version of the {language} code:\n\n```{language}\n{code}\n```"

    def table(self):
        rng = self.rng
        columns = rng.randint(3, 5)
        header = ["Setting"] + rng.sample(["p50 ms", "p99 ms", "throughput", "errors", "CPU %", "memory MiB", "notes"],
                                          columns - 1)
        align = ["---"] + [rng.choice([":--", "--:", ":-:", "---"]) for _ in range(columns - 1)]
        rows = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
        for _ in range(rng.randint(3, 8)):
            cells = [f"`{rng.choice(IDENTS)}={rng.randint(1, 64)}`"]
            for _ in range(columns - 1):
                cells.append(rng.choice([str(rng.randint(1, 9999)), f"{rng.random() * 100:.1f}",
                                         rng.choice(TAILS), f"*{rng.choice(EMPHASIS)}*"]))
            rows.append("| " + " | ".join(cells) + " |")
        return "Here is what we measured:\n\n" + "\n".join(rows)

    # -- the whole post --------------------------------------------------------------------------------

    def front_matter(self):
        rng = self.rng
        topic2 = rng.choice([t for t in TOPICS if t != self.topic])
        title = rng.choice(TITLE_FORMS).format(topic=self.topic, Topic=cap(self.topic), topic2=topic2,
                                               angle=rng.choice(ANGLES))
        date = START + timedelta(hours=8 * (self.number - 1), minutes=rng.randint(0, 359))
        summary = f"{cap(rng.choice(VERBS))} {rng.choice(OBJECTS)} {rng.choice(TAILS)}: what broke, and what we changed."
        tags = []
        wanted = rng.randint(2, 5)
        while len(tags) < wanted:
            tag = rng.choices(TAGS, TAG_WEIGHTS)[0]
            if tag not in tags:
                tags.append(tag)
        lines = ["---", f'title: "{title}"', f"date: {date.strftime('%Y-%m-%dT%H:%M:%SZ')}", "tags:"]
        lines += [f"  - {tag}" for tag in tags]
        if rng.random() < SERIES_SHARE:
            slug = rng.choices([s[0] for s in SERIES], [s[3] for s in SERIES])[0]
            lines.append(f"series: {slug}")
        lines += [f'summary: "{summary}"', "draft: false", "---", ""]
        return "\n".join(lines)

    def body(self):
        rng = self.rng
        target_words = rng.randint(1360, 2760)
        # Blocks that must appear somewhere, handed out between paragraphs.
        extras = [self.code_block for _ in range(rng.randint(2, 5))]
        if rng.random() < 1 / 3:
            extras.append(self.table)
        extras += [rng.choice([self.bullet_list, self.numbered_list, self.quote]) for _ in range(rng.randint(2, 5))]
        rng.shuffle(extras)
        links_left = rng.randint(2, 6) if self.number > 1 else 0

        self.emit(self.paragraph(0))
        while self.words < target_words:
            self.emit("## " + rng.choice(HEADINGS).format(topic=self.topic))
            for _ in range(rng.randint(1, 3)):
                if rng.random() < 0.35:
                    self.emit("### " + rng.choice(SUBHEADINGS))
                for _ in range(rng.randint(1, 3)):
                    links = 1 if links_left and rng.random() < 0.3 else 0
                    links_left -= links
                    self.emit(self.paragraph(links))
                    if extras and rng.random() < 0.3:
                        self.emit(extras.pop()())
                    if self.words >= target_words:
                        break
                if self.words >= target_words:
                    break
        while extras:  # whatever is left goes at the end of the last section
            self.emit(extras.pop()())
        self.emit("## References")
        refs = [f"- {self.internal_link()}" for _ in range(links_left)] if self.number > 1 else []
        label, url = rng.choice(EXTERNAL_LINKS)
        refs.append(f"- [{label}]({url})")
        self.emit("\n".join(refs))
        return "\n\n".join(self.lines) + "\n"

    def text(self):
        head = self.front_matter()
        return head + "\n" + self.body()


# ----------------------------------------------------------------------------------------------------------
# The project around the posts.
# ----------------------------------------------------------------------------------------------------------

SITE_YML = """\
# Generated by Tests/Bench/gen_corpus.py for `make bench`.
title: Bench Notes
tagline: A synthetic site for timing Folio
description: >-
  Generated long-form posts about backend systems, used to measure how fast Folio builds a large site.
base_url: https://bench.example.org/
language: en
author:
  name: Sam Bench
  role: Synthetic author
  bio: >-
    Writes {posts} posts about queues, databases and build tools, none of them by hand.
  links:
    - label: GitHub
      url: https://github.com/example
navigation:
  - label: Series
    url: /series/
  - label: Archive
    url: /archive/
  - label: Tags
    url: /tags/
  - label: About
    url: /about/
feed_limit: 20
home_recent_posts: 10
"""

ABOUT_MD = """\
---
title: About
summary: What this generated site is for.
---

This site is written by `Tests/Bench/gen_corpus.py`. It has the shape of a long-form technical blog, so
that `make bench` can time a realistic build: see the [archive](/archive/) and the [series](/series/).
"""


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, required=True, help="number of posts")
    parser.add_argument("--out", required=True, help="project folder to write (created; existing posts replaced)")
    parser.add_argument("--seed", type=int, default=42)
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--themes", default=os.path.normpath(os.path.join(here, "..", "..", "Themes")),
                        help="Themes folder the project's Themes symlink points to (default: the repo's)")
    args = parser.parse_args()
    if args.posts < 1:
        sys.exit("--posts must be at least 1")

    content = os.path.join(args.out, "Content")
    posts_dir = os.path.join(content, "posts")
    for folder in (posts_dir, os.path.join(content, "pages")):
        os.makedirs(folder, exist_ok=True)
    for stale in os.listdir(posts_dir):  # a smaller N must not leave posts of an earlier, larger run
        if stale.endswith(".md"):
            os.remove(os.path.join(posts_dir, stale))

    write(os.path.join(content, "site.yml"), SITE_YML.format(posts=f"{args.posts:,}"))
    write(os.path.join(content, "pages", "about.md"), ABOUT_MD)
    for slug, title, status, _ in SERIES:
        folder = os.path.join(content, "series", slug)
        os.makedirs(folder, exist_ok=True)
        write(os.path.join(folder, "series.yml"),
              f'title: "{title}"\nsummary: "A generated series of posts about {title.lower()}."\nstatus: {status}\n')

    total = 0
    for number in range(1, args.posts + 1):
        text = PostWriter(args.seed, number).text()
        total += len(text.encode("utf-8"))
        write(os.path.join(posts_dir, post_name(number) + ".md"), text)

    # A copy, not a link: Folio refuses to read or publish files that lead outside the project.
    themes_copy = os.path.join(args.out, "Themes")
    if os.path.islink(themes_copy):
        os.remove(themes_copy)
    elif os.path.exists(themes_copy):
        shutil.rmtree(themes_copy)
    shutil.copytree(os.path.abspath(args.themes), themes_copy)
    print(f"wrote {args.posts} posts, {total / 1e6:.1f} MB, to {posts_dir}")


if __name__ == "__main__":
    main()
