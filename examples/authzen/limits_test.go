package main

import (
	"bufio"
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// countingLog is a JSON logger into a buffer, to count lines and bytes.
func countingLog() (*slog.Logger, *bytes.Buffer) {
	var buf bytes.Buffer
	return slog.New(slog.NewJSONHandler(&buf, nil)), &buf
}

// maxLine returns the longest line of buf and the number of lines.
func maxLine(buf *bytes.Buffer) (longest, lines int) {
	sc := bufio.NewScanner(bytes.NewReader(buf.Bytes()))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		lines++
		longest = max(longest, len(sc.Bytes()))
	}
	return longest, lines
}

// The bounds TestRequestCostIsLinear holds a request to: per decision, one
// log line of at most maxLogLine bytes and at most maxAnswerItem bytes of
// answer, whatever the request carries.
const (
	maxLogLine    = 1024
	maxAnswerItem = 1024
)

// TestRequestCostIsLinear sends the worst bodies of issue 22 and counts the
// work they cause: subjects resolved, resources read, decisions made, log
// lines and bytes, answer bytes. A part the batch gives at the top is
// resolved once however many items inherit it; each decision costs a
// bounded log line and a bounded part of the answer.
func TestRequestCostIsLinear(t *testing.T) {
	items := func(n int, item string) string {
		return "[" + strings.TrimSuffix(strings.Repeat(item+",", n), ",") + "]"
	}
	var members []string
	for i := 1; i <= 50_000; i++ {
		members = append(members, strconv.Itoa(i))
	}
	bigSubject := `{"type": "user", "id": "42", "properties": {"role": "coordinator", "scope": "restricted", "memberships": {"projects": [` + strings.Join(members, ",") + `]}}}`
	longID := strings.Repeat("x", 60_000)
	tests := []struct {
		name      string
		body      string
		requestID string
		items     int   // items the answer must hold
		subjects  int64 // subjects resolved, at most
		resources int64 // resources read, at most
	}{
		{
			name:     "a stateless subject of 50,000 memberships shared by 1,000 items",
			body:     `{"subject": ` + bigSubject + `, "action": {"name": "project.view"}, "evaluations": ` + items(1000, `{"resource": {"type": "project", "id": "7", "properties": {"visibility": "private"}}}`) + `}`,
			items:    1000,
			subjects: 1, resources: 1000,
		},
		{
			name:     "a shared resource with a long ID and many unknown properties",
			body:     `{"subject": {"type": "user", "id": "3"}, "resource": {"type": "project", "id": "` + longID + `", "properties": {"visibility": "private", ` + unknownProps(2000) + `}}, "evaluations": ` + items(1000, `{"action": {"name": "project.view"}}`) + `}`,
			items:    1000,
			subjects: 1, resources: 1,
		},
		{
			name:      "a subject with a long ID, and a 100 KB request ID",
			body:      `{"subject": {"type": "user", "id": "` + longID + `"}, "action": {"name": "` + longID + `"}, "evaluations": ` + items(1000, `{"resource": {"type": "project", "id": "10", "properties": {"visibility": "public"}}}`) + `}`,
			requestID: strings.Repeat("r", 100_000),
			items:     1000,
			subjects:  1, resources: 1000,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.body) > int(defaultLimits.maxBody) {
				t.Fatalf("the body is %d bytes, over the limit", len(tt.body))
			}
			srv := newTestServer(t, sampleOrg(t), true)
			log, buf := countingLog()
			srv.log = log
			var header []string
			if tt.requestID != "" {
				header = []string{"X-Request-ID", tt.requestID}
			}
			rec := do(overTLS(t, srv), http.MethodPost, "/access/v1/evaluations", "application/json", tt.body, header...)
			if rec.Code != 200 {
				t.Fatalf("status %d: %.300s", rec.Code, rec.Body.Bytes())
			}
			var b wireBatch
			answer := rec.Body.Len()
			decodeBody(t, rec.Body, &b)
			if len(b.Evaluations) != tt.items {
				t.Fatalf("%d answers, want %d", len(b.Evaluations), tt.items)
			}
			if got := srv.work.subjects.Load(); got > tt.subjects {
				t.Errorf("%d subjects resolved, want at most %d", got, tt.subjects)
			}
			if got := srv.work.resources.Load(); got > tt.resources {
				t.Errorf("%d resources read, want at most %d", got, tt.resources)
			}
			if got := srv.work.decisions.Load(); got > int64(tt.items) {
				t.Errorf("%d decisions for %d items", got, tt.items)
			}
			longest, lines := maxLine(buf)
			if lines != tt.items || longest > maxLogLine {
				t.Errorf("%d log lines, the longest %d bytes; want %d lines of at most %d bytes", lines, longest, tt.items, maxLogLine)
			}
			if answer > tt.items*maxAnswerItem {
				t.Errorf("answer of %d bytes for %d items, want at most %d a decision", answer, tt.items, maxAnswerItem)
			}
			if tt.requestID != "" && (strings.Contains(buf.String(), tt.requestID[:200]) || strings.Contains(rec.Header().Get("X-Request-ID"), tt.requestID[:200])) {
				t.Error("the long request ID was logged or echoed")
			}
			t.Logf("%d body bytes: %d subjects, %d resources, %d decisions; %d answer bytes; %d log bytes, longest line %d",
				len(tt.body), srv.work.subjects.Load(), srv.work.resources.Load(), srv.work.decisions.Load(), answer, buf.Len(), longest)
		})
	}
}

// unknownProps returns n distinct unknown resource properties, as JSON
// members.
func unknownProps(n int) string {
	var ps []string
	for i := range n {
		ps = append(ps, fmt.Sprintf(`"colour%d": %d`, i, i))
	}
	return strings.Join(ps, ", ")
}

// TestLimits: each limit refuses beyond it, with the status and message
// that say so, before any decision is made.
func TestLimits(t *testing.T) {
	tiny := `{"resource": {"type": "project", "id": "10", "properties": {"visibility": "public"}}, "action": {"name": "project.view"}}`
	batch := func(n int) string {
		return `{"subject": {"type": "user", "id": "3"}, "evaluations": [` + strings.TrimSuffix(strings.Repeat(tiny+",", n), ",") + `]}`
	}
	// The batch of issue 22: 349,000 items in 1 MiB.
	empties := `{"subject": {"type": "user", "id": "3"}, "evaluations": [` + strings.TrimSuffix(strings.Repeat("{},", 349_000), ",") + `]}`
	tests := []struct {
		name    string
		limits  func(*limits)
		body    string
		status  int
		message string
	}{
		{"a batch at the limit", nil, batch(1000), 200, ""},
		{"a batch over the limit", nil, batch(1001), 400, "1001 items, more than 1000 (the -max-batch limit)"},
		{"349,000 empty items", nil, empties, 413, "more than 100000 JSON values"},
		{"349,000 empty items, values allowed", func(l *limits) { l.maxValues = 1 << 20 }, empties, 400, "349000 items, more than 1000"},
		{"a body over the limit", func(l *limits) { l.maxBody = 100 }, batch(2), 413, "larger than 100 bytes (the -max-body limit)"},
		{"a smaller batch limit", func(l *limits) { l.maxItems = 2 }, batch(3), 400, "3 items, more than 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.body) > 1<<20 {
				t.Fatalf("body of %d bytes", len(tt.body))
			}
			srv := newTestServer(t, sampleOrg(t), false)
			if tt.limits != nil {
				tt.limits(&srv.limits)
			}
			rec := postJSON(overTLS(t, srv), "/access/v1/evaluations", tt.body)
			if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.message) {
				t.Fatalf("status %d %.200s; want %d and %q", rec.Code, rec.Body.Bytes(), tt.status, tt.message)
			}
			if tt.status != 200 && srv.work.decisions.Load() != 0 {
				t.Errorf("%d decisions made for a refused request", srv.work.decisions.Load())
			}
		})
	}

	t.Run("requests in flight", func(t *testing.T) {
		srv := newTestServer(t, sampleOrg(t), false)
		srv.limits.maxInflight = 2
		h := overTLS(t, srv)
		srv.inflight <- struct{}{}
		srv.inflight <- struct{}{} // two requests being served
		rec := postJSON(h, evalPath, okRequest)
		if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" || !strings.Contains(rec.Body.String(), "-max-inflight") {
			t.Fatalf("status %d, Retry-After %q, %s; want 503 with Retry-After", rec.Code, rec.Header().Get("Retry-After"), rec.Body.Bytes())
		}
		<-srv.inflight
		if rec := postJSON(h, evalPath, okRequest); rec.Code != 200 {
			t.Fatalf("status %d once a request ended, want 200", rec.Code)
		}
	})

	t.Run("request IDs", func(t *testing.T) {
		for _, tt := range []struct {
			id     string
			echoed bool
		}{
			{"req-1", true},
			{"a request id with spaces", true},
			{strings.Repeat("r", 128), true},
			{strings.Repeat("r", 129), false},
			{"tab\there", false},
			{"nul\x00", false},
			{"é", false},
		} {
			srv := newTestServer(t, sampleOrg(t), false)
			log, buf := countingLog()
			srv.log = log
			// In process: Go's client refuses to send some of these headers.
			rec := do(srv.routes(), http.MethodPost, evalPath, "application/json", okRequest, "X-Request-ID", tt.id)
			got := rec.Header().Get("X-Request-ID")
			logged := strings.Contains(buf.String(), `"request_id":"`+tt.id+`"`)
			if tt.echoed && (got != tt.id || !logged) {
				t.Errorf("X-Request-ID %q: echoed %q, logged %v; want it echoed and logged", tt.id, got, logged)
			}
			if !tt.echoed && (got == tt.id || !strings.HasPrefix(got, "generated-") || logged || !strings.Contains(buf.String(), got)) {
				t.Errorf("X-Request-ID %q: echoed %q, logged %v; want a generated ID instead, logged", tt.id, got, logged)
			}
		}
	})
}

// TestRefusedBatchMemory: the batch of issue 22 (349,000 empty items in
// 1 MiB, which took 136 MB resident) is refused having allocated no more
// than its values allow: 100,000 values at about 350 bytes, plus the body.
func TestRefusedBatchMemory(t *testing.T) {
	body := `{"subject": {"type": "user", "id": "3"}, "evaluations": [` + strings.TrimSuffix(strings.Repeat("{},", 349_000), ",") + `]}`
	h := newTestServer(t, sampleOrg(t), false).routes()
	const bound = 48 << 20
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	rec := postJSON(h, "/access/v1/evaluations", body)
	runtime.ReadMemStats(&after)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413", rec.Code)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > bound {
		t.Errorf("refusing it allocated %d bytes, want at most %d", got, bound)
	} else {
		t.Logf("refusing it allocated %d bytes", got)
	}
}
