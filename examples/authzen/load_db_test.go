package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// revisionField is the revision of an answer, which changes while changes
// stream in; the load test compares answers without it.
var revisionField = regexp.MustCompile(`"revision":[0-9]+`)

// TestDBLoad is TestLoad against the database-backed point, over TLS with a
// bearer token on every request: single evaluations and batches of 100,
// first on a quiet organization, then while membership changes of another
// person stream in (one transaction after another) and the point applies
// them. It checks every answer (but its revision) and reports decisions and
// changes per second; it asserts nothing about time.
//
//	cd examples/authzen && bash ../../.ci/postgres go test -run TestDBLoad -v .
//
// Skipped under -short; under -race it asks a tenth as much.
func TestDBLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test: skipped under -short")
	}
	const workers = 4
	singles, batches := 20000, 400
	if raceEnabled {
		singles, batches = singles/10, batches/10
	}
	db := openTestDB(t)
	st := startStore(t, db, dbOptions{reconcile: 5 * time.Second, reconnectDelay: time.Second, listen: true})
	h := dbServer(t, st, 2*time.Second)
	ts := httptest.NewTLSServer(h)
	defer ts.Close()
	client := ts.Client()
	client.Transport.(*http.Transport).MaxIdleConnsPerHost = workers
	client.Timeout = 30 * time.Second
	post := func(path, body string) ([]byte, int, error) {
		req, err := http.NewRequest(http.MethodPost, ts.URL+path, strings.NewReader(body))
		if err != nil {
			return nil, 0, err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+testToken)
		resp, err := client.Do(req)
		if err != nil {
			return nil, 0, err
		}
		defer resp.Body.Close()
		got, err := io.ReadAll(resp.Body)
		return revisionField.ReplaceAll(got, nil), resp.StatusCode, err
	}
	for _, streaming := range []bool{false, true} {
		var stop atomic.Bool
		var changes atomic.Int64
		var streamErr atomic.Value
		var streamer sync.WaitGroup
		if streaming {
			streamer.Add(1)
			go func() {
				defer streamer.Done()
				for i := 0; !stop.Load(); i++ {
					q := "INSERT INTO memberships VALUES (1, 6, 'project', $1)"
					if i%2 == 1 {
						q = "DELETE FROM memberships WHERE org_id = 1 AND person_id = 6 AND target_id = $1"
					}
					if _, err := db.pool.Exec(context.Background(), q, int64(5000+i/2)); err != nil {
						streamErr.Store(err.Error())
						return
					}
					changes.Add(1)
				}
			}()
		}
		run := func(what, path, body string, requests, decisionsEach int) {
			want, code, err := post(path, body)
			if err != nil || code != 200 || !bytes.Contains(want, []byte(`"decision":true`)) {
				t.Fatalf("%s: %d %v %s", what, code, err, want)
			}
			before := changes.Load()
			elapsed := hammer(t, what, workers, requests, func() error {
				got, code, err := post(path, body)
				if err != nil || code != 200 || !bytes.Equal(got, want) {
					return fmt.Errorf("status %d, answer %s, error %v", code, got, err)
				}
				return nil
			})
			n := requests / workers * workers
			t.Logf("TLS+token, %-9s %-12s %6d requests, %7d decisions in %6.3fs: %7.0f requests/s, %8.0f decisions/s; %5.0f changes/s committed",
				map[bool]string{false: "quiet", true: "streaming"}[streaming], what, n, n*decisionsEach, elapsed.Seconds(),
				float64(n)/elapsed.Seconds(), float64(n*decisionsEach)/elapsed.Seconds(), float64(changes.Load()-before)/elapsed.Seconds())
		}
		run("single", evalPath, okRequest, singles, 1)
		run("batch of 100", "/access/v1/evaluations", loadBatch(), batches, 100)
		stop.Store(true)
		streamer.Wait()
		if err := streamErr.Load(); err != nil {
			t.Fatalf("streaming changes: %v", err)
		}
		if streaming {
			rev := db.change(t, "DELETE FROM memberships WHERE org_id = 1 AND person_id = 6 AND target_id >= 5000")
			awaitRevision(t, st, rev, 5*time.Second)
			if n := st.snapshot().people[6].subject.Projects.Len(); n != 1 {
				t.Errorf("after the stream, person 6 holds %d projects, want 1 (project 11)", n)
			}
		}
	}
	client.CloseIdleConnections()
}
