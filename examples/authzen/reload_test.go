package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// syncBuffer is a log destination safe for concurrent writers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Reloading swaps the snapshot under running requests: every request is
// answered, each from one whole snapshot, and a failed reload keeps the
// organization loaded before and logs why.
func TestReloadWithoutDroppingRequests(t *testing.T) {
	// Person 3 opens private project 12, which they are not a member of:
	// denied while they are a restricted Manager (orgA), allowed once they
	// are an unlimited one (orgB).
	orgA := string(sampleOrg(t))
	orgB := strings.Replace(orgA, `"role": "manager", "scope": "restricted"`, `"role": "manager", "scope": "unlimited"`, 1)
	if orgA == orgB {
		t.Fatal("the sample no longer has a restricted Manager")
	}
	const broken = `{"organization": 1, "plan": "ultimate", "people": [{"id": 1, "role": "owner", "nme": "typo"}]}`
	path := filepath.Join(t.TempDir(), "org.json")
	write := func(doc string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(orgA)
	var logs syncBuffer
	st, err := newStore(path, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	h := (&server{store: st, log: quiet, base: "http://pdp.test", limits: defaultLimits, pages: newPager()}).routes()
	ask := strings.Replace(okRequest, `"id": "10"`, `"id": "12"`, 1)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	hup := make(chan os.Signal)
	reloaderDone := make(chan struct{})
	go func() { st.reloadOn(ctx, hup); close(reloaderDone) }()

	var stop atomic.Bool
	var answered, allowed atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				rec := postJSON(h, evalPath, ask)
				var d wireDecision
				if rec.Code != 200 {
					errs <- rec.Body.String()
					return
				}
				if err := json.Unmarshal(rec.Body.Bytes(), &d); err != nil {
					errs <- err.Error()
					return
				}
				switch d.Context.Reason {
				case "granted":
					allowed.Add(1)
				case "private_not_member":
				default:
					errs <- "reason " + d.Context.Reason
					return
				}
				answered.Add(1)
			}
		}()
	}

	waitFor := func(old *snapshot) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for st.snapshot() == old {
			if time.Now().After(deadline) {
				t.Fatal("the reload did not happen")
			}
			time.Sleep(time.Millisecond)
		}
	}
	for i := range 20 {
		before := st.snapshot()
		if i%2 == 0 {
			write(orgB)
		} else {
			write(orgA)
		}
		hup <- syscall.SIGHUP
		waitFor(before)
		want := "private_not_member"
		if i%2 == 0 {
			want = "granted"
		}
		var d wireDecision
		decodeBody(t, postJSON(h, evalPath, ask).Body, &d)
		if d.Context.Reason != want {
			t.Fatalf("reload %d: person 3 on project 12: %s, want %s", i, d.Context.Reason, want)
		}

		write(broken)
		kept := st.snapshot()
		if err := st.reload(); err == nil || !strings.Contains(err.Error(), "nme") {
			t.Fatalf("reloading a broken file: %v", err)
		}
		if st.snapshot() != kept {
			t.Fatal("a failed reload replaced the snapshot")
		}
	}
	stop.Store(true)
	wg.Wait()
	cancel()
	<-reloaderDone
	close(errs)
	for e := range errs {
		t.Errorf("a request failed during reloads: %s", e)
	}
	if !strings.Contains(logs.String(), "reload failed") || !strings.Contains(logs.String(), "organization reloaded") {
		t.Errorf("the log does not tell of reloads:\n%s", logs.String())
	}
	t.Logf("%d requests answered during 40 reloads, %d of them allowed", answered.Load(), allowed.Load())
}
