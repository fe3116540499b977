package main

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLoad is a bounded load test: a fixed number of requests from a few
// goroutines against a real listener on 127.0.0.1, with keep-alive
// connections, first single evaluations, then batches of 100: over plain
// HTTP without caller tokens, then over TLS with a bearer token on every
// request. It stops by
// itself, checks every answer, and reports decisions per second with
// t.Logf; it asserts nothing about time. Run it with
//
//	go test -C examples/authzen -run TestLoad -v .
//
// Skipped under -short; under -race it asks a tenth as much.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test: skipped under -short")
	}
	const workers = 4
	singles, batches := 40000, 800
	if raceEnabled {
		singles, batches = singles/10, batches/10
	}

	// A batch of 100 for person 3, a restricted Manager: 25 resources of
	// four kinds, one action each, allowed and denied.
	batch := loadBatch()

	for _, cfg := range []struct {
		name string
		log  *slog.Logger
		tls  bool // HTTPS (httptest's self-signed certificate) and a bearer token on every request
	}{
		{"no log", quiet, false},
		{"JSON log to io.Discard", slog.New(slog.NewJSONHandler(io.Discard, nil)), false},
		{"TLS+token, no log", quiet, true},
		{"TLS+token, JSON log", slog.New(slog.NewJSONHandler(io.Discard, nil)), true},
	} {
		srv := newTestServer(t, sampleOrg(t), false)
		srv.log = cfg.log
		var ts *httptest.Server
		var client *http.Client
		if cfg.tls {
			ts = httptest.NewTLSServer(srv.routes())
			client = ts.Client()
			client.Transport.(*http.Transport).MaxIdleConnsPerHost = workers
			client.Timeout = 30 * time.Second
		} else {
			srv.tokens = nil // as before the token check: plain HTTP on loopback
			ts = httptest.NewServer(srv.routes())
			client = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}, Timeout: 30 * time.Second}
		}
		post := func(url, body string) (*http.Response, error) {
			req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
			if err != nil {
				return nil, err
			}
			req.Header.Set("Content-Type", "application/json")
			if cfg.tls {
				req.Header.Set("Authorization", "Bearer "+testToken)
			}
			return client.Do(req)
		}

		run := func(what, path, body string, requests, decisionsEach int) {
			want := postJSON(srv.routes(), path, body).Body.Bytes()
			if !bytes.Contains(want, []byte(`"decision":true`)) {
				t.Fatalf("%s: the request allows nothing: %s", what, want)
			}
			elapsed := hammer(t, what, workers, requests, func() error {
				resp, err := post(ts.URL+path, body)
				if err != nil {
					return err
				}
				got, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != 200 || !bytes.Equal(got, want) {
					return fmt.Errorf("status %d, answer %s, read error %v", resp.StatusCode, got, err)
				}
				return nil
			})
			n := requests / workers * workers
			t.Logf("%-22s %-14s %6d requests, %7d decisions in %7.3fs: %8.0f requests/s, %9.0f decisions/s",
				cfg.name, what, n, n*decisionsEach, elapsed.Seconds(), float64(n)/elapsed.Seconds(), float64(n*decisionsEach)/elapsed.Seconds())
		}
		run("single", "/access/v1/evaluation", okRequest, singles, 1)
		run("batch of 100", "/access/v1/evaluations", batch, batches, 100)
		client.CloseIdleConnections()
		ts.Close()
	}
}

// hammer makes requests calls of one, spread over workers goroutines, and
// returns how long they took; it fails the test, naming what, with the
// first error.
func hammer(t testing.TB, what string, workers, requests int, one func() error) time.Duration {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range requests / workers {
				if err := one(); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(errs)
	for err := range errs {
		t.Fatalf("%s: %v", what, err)
	}
	return elapsed
}

// loadBatch is the batch of TestLoad, for the benchmarks.
func loadBatch() string {
	var items []string
	for i := range 25 {
		items = append(items,
			fmt.Sprintf(`{"action": {"name": "project.view"}, "resource": {"type": "project", "id": "%d", "properties": {"visibility": "private"}}}`, 10+i%3),
			fmt.Sprintf(`{"action": {"name": "budget.view_revenue"}, "resource": {"type": "budget", "id": "%d", "properties": {"project": 10, "visibility": "public"}}}`, 20+i%2),
			fmt.Sprintf(`{"action": {"name": "deal.view"}, "resource": {"type": "deal", "id": "%d"}}`, 30+i%2),
			`{"action": {"name": "time_entry.approve"}, "resource": {"type": "time_entry", "id": "9", "properties": {"person": 4, "project": 10, "visibility": "private", "budget": 20, "approver": 3}}}`)
	}
	return `{"subject": {"type": "user", "id": "3"}, "evaluations": [` + strings.Join(items, ",") + `]}`
}

// BenchmarkHandler measures the handler in process, without a network:
// decoding, deciding and encoding.
func BenchmarkHandler(b *testing.B) {
	h := newTestServer(b, sampleOrg(b), true).routes()
	for _, bb := range []struct{ name, path, body string }{
		{"single", "/access/v1/evaluation", okRequest},
		{"batch100", "/access/v1/evaluations", loadBatch()},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if rec := postJSON(h, bb.path, bb.body); rec.Code != 200 {
					b.Fatal(rec.Code)
				}
			}
		})
	}
}
