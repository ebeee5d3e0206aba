// Package metrics is a small Prometheus registry: counters and classic histograms
// with labels, written in the text exposition format. It shows what client_golang
// does for you; a real service uses that.
package metrics

import (
	"bufio"
	"fmt"
	"io"
	"maps"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// DefaultBuckets are client_golang's DefBuckets, in seconds: tuned for request
// latencies of a typical network service, from 5 ms to 10 s.
var DefaultBuckets = []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// Registry holds metric families and writes them in the order they were registered.
type Registry struct {
	mu       sync.Mutex
	families []*family
}

type family struct {
	name, help, kind string
	labels           []string
	buckets          []float64 // histograms only

	mu     sync.Mutex
	series map[string]*series // by encoded label values
}

type series struct {
	labelValues []string
	value       float64  // counter value, or histogram sum
	counts      []uint64 // histogram: per bucket, not cumulative; last is +Inf
	count       uint64
}

func (r *Registry) register(f *family) *family {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, existing := range r.families {
		if existing.name == f.name {
			panic("metrics: duplicate metric " + f.name)
		}
	}
	f.series = make(map[string]*series)
	r.families = append(r.families, f)
	return f
}

func (f *family) with(values []string) *series {
	if len(values) != len(f.labels) {
		panic(fmt.Sprintf("metrics: %s wants %d label values, got %d", f.name, len(f.labels), len(values)))
	}
	key := strings.Join(values, "\xff")
	s, ok := f.series[key]
	if !ok {
		s = &series{labelValues: slices.Clone(values)}
		if f.kind == "histogram" {
			s.counts = make([]uint64, len(f.buckets)+1)
		}
		f.series[key] = s
	}
	return s
}

// CounterVec is a counter family with labels.
type CounterVec struct{ f *family }

// Counter registers a counter. By convention its name ends in _total.
func (r *Registry) Counter(name, help string, labels ...string) CounterVec {
	return CounterVec{r.register(&family{name: name, help: help, kind: "counter", labels: labels})}
}

// Add adds delta (which must not be negative: counters only go up) to the series for
// values.
func (c CounterVec) Add(delta float64, values ...string) {
	if delta < 0 {
		panic("metrics: counters cannot decrease")
	}
	c.f.mu.Lock()
	defer c.f.mu.Unlock()
	c.f.with(values).value += delta
}

// Inc adds one.
func (c CounterVec) Inc(values ...string) { c.Add(1, values...) }

// HistogramVec is a histogram family with labels.
type HistogramVec struct{ f *family }

// Histogram registers a histogram with the given upper bounds (sorted, without +Inf).
func (r *Registry) Histogram(name, help string, buckets []float64, labels ...string) HistogramVec {
	if !slices.IsSorted(buckets) {
		panic("metrics: buckets must be sorted")
	}
	return HistogramVec{r.register(&family{name: name, help: help, kind: "histogram", labels: labels,
		buckets: slices.Clone(buckets)})}
}

// snippet.observe
// Observe records one value. A bucket counts the observations less than or equal to
// its upper bound; the exposition makes the counts cumulative.
func (h HistogramVec) Observe(v float64, values ...string) {
	h.f.mu.Lock()
	defer h.f.mu.Unlock()
	s := h.f.with(values)
	// The first bound >= v, or len(buckets): the +Inf bucket.
	i, _ := slices.BinarySearch(h.f.buckets, v)
	s.counts[i]++
	s.count++
	s.value += v
}

// snippet.end

// snippet.write
// WriteTo writes every family in the Prometheus text format (version 0.0.4).
func (r *Registry) WriteTo(w io.Writer) (int64, error) {
	r.mu.Lock()
	families := slices.Clone(r.families)
	r.mu.Unlock()
	out := &countingWriter{w: bufio.NewWriter(w)}
	for _, f := range families {
		fmt.Fprintf(out, "# HELP %s %s\n", f.name, escapeHelp(f.help))
		fmt.Fprintf(out, "# TYPE %s %s\n", f.name, f.kind)
		f.mu.Lock()
		keys := slices.Sorted(maps.Keys(f.series))
		for _, key := range keys {
			s := f.series[key]
			plain := labels(f.labels, s.labelValues, "")
			if f.kind == "counter" {
				fmt.Fprintf(out, "%s%s %s\n", f.name, plain, format(s.value))
				continue
			}
			var cumulative uint64
			for i, bound := range append(slices.Clone(f.buckets), math.Inf(1)) {
				cumulative += s.counts[i]
				le := labels(f.labels, s.labelValues, format(bound))
				fmt.Fprintf(out, "%s_bucket%s %d\n", f.name, le, cumulative)
			}
			fmt.Fprintf(out, "%s_sum%s %s\n", f.name, plain, format(s.value))
			fmt.Fprintf(out, "%s_count%s %d\n", f.name, plain, s.count)
		}
		f.mu.Unlock()
	}
	err := out.w.(*bufio.Writer).Flush()
	return out.n, err
}

// snippet.end

// Handler serves the registry for Prometheus to scrape.
func (r *Registry) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		r.WriteTo(w)
	})
}

func labels(names, values []string, le string) string {
	if len(names) == 0 && le == "" {
		return ""
	}
	var b strings.Builder
	b.WriteByte('{')
	for i, name := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%s=\"%s\"", name, escapeLabel(values[i]))
	}
	if le != "" {
		if len(names) > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "le=\"%s\"", le)
	}
	b.WriteByte('}')
	return b.String()
}

// In label values backslash, double quote and line feed are escaped; in HELP only
// backslash and line feed.
var (
	labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	helpEscaper  = strings.NewReplacer(`\`, `\\`, "\n", `\n`)
)

func escapeLabel(s string) string { return labelEscaper.Replace(s) }
func escapeHelp(s string) string  { return helpEscaper.Replace(s) }

func format(v float64) string {
	if math.IsInf(v, 1) {
		return "+Inf"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
