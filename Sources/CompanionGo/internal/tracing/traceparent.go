// Package tracing parses and propagates W3C Trace Context (traceparent, tracestate).
// It is the part of OpenTelemetry's propagator that crosses the wire, written out so
// the format is visible.
package tracing

import (
	"encoding/hex"
	"errors"
	"fmt"
)

// SpanContext is what one service tells the next about the span that made the call.
type SpanContext struct {
	TraceID [16]byte
	SpanID  [8]byte
	Flags   byte   // bit 0x01: sampled
	State   string // tracestate, passed on unchanged
}

// Sampled reports whether the caller recorded its span.
func (sc SpanContext) Sampled() bool { return sc.Flags&0x01 != 0 }

// snippet.parse
// Parse reads a traceparent header: version-traceid-parentid-flags, lowercase hex.
// A header this code cannot trust is an error; the caller then starts a new trace.
func Parse(header string) (SpanContext, error) {
	var sc SpanContext
	if len(header) < 55 {
		return sc, errors.New("traceparent: too short")
	}
	version, ok := hexByte(header[0:2])
	switch {
	case !ok || version == 0xff:
		return sc, fmt.Errorf("traceparent: invalid version %q", header[0:2])
	case version == 0 && len(header) != 55:
		return sc, errors.New("traceparent: version 00 must be 55 characters")
	case version > 0 && len(header) > 55 && header[55] != '-':
		// A later version may append fields, always after a dash; we read the 00
		// part.
		return sc, errors.New("traceparent: malformed fields after the flags")
	}
	if header[2] != '-' || header[35] != '-' || header[52] != '-' {
		return sc, errors.New("traceparent: fields must be separated by '-'")
	}
	if !decodeLower(sc.TraceID[:], header[3:35]) || sc.TraceID == [16]byte{} {
		return sc, fmt.Errorf("traceparent: invalid trace-id %q", header[3:35])
	}
	if !decodeLower(sc.SpanID[:], header[36:52]) || sc.SpanID == [8]byte{} {
		return sc, fmt.Errorf("traceparent: invalid parent-id %q", header[36:52])
	}
	if sc.Flags, ok = hexByte(header[53:55]); !ok {
		return sc, fmt.Errorf("traceparent: invalid flags %q", header[53:55])
	}
	return sc, nil
}

// snippet.end

// String formats sc as a version 00 traceparent, whatever version it was read from.
func (sc SpanContext) String() string {
	return fmt.Sprintf("00-%x-%x-%02x", sc.TraceID, sc.SpanID, sc.Flags)
}

// decodeLower decodes lowercase hex only: the specification forbids uppercase.
func decodeLower(dst []byte, s string) bool {
	for _, c := range []byte(s) {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	_, err := hex.Decode(dst, []byte(s))
	return err == nil
}

func hexByte(s string) (byte, bool) {
	var b [1]byte
	if !decodeLower(b[:], s) {
		return 0, false
	}
	return b[0], true
}
