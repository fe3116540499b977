package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// replica is a point process serving the test's database.
type replica struct {
	cmd  *exec.Cmd
	base string
	logs *syncBuffer
}

// startReplica starts the point binary bin on a free loopback port with
// -db, and waits until it answers.
func startReplica(t *testing.T, bin string, db *testDB) *replica {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	r := &replica{base: "http://" + addr, logs: &syncBuffer{}}
	r.cmd = exec.Command(bin, "-db", db.conn, "-db-org", "1", "-addr", addr, "-db-reconcile", "1h", "-db-reconnect", "200ms")
	r.cmd.Stderr = r.logs
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if r.cmd.ProcessState == nil {
			_ = r.cmd.Process.Signal(syscall.SIGTERM)
			_ = r.cmd.Wait()
		}
	})
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(r.base + metadataPath)
		if err == nil {
			resp.Body.Close()
			return r
		}
		if time.Now().After(deadline) {
			t.Fatalf("the point did not answer within 20s: %v\n%s", err, r.logs)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// ask asks r whether person 6 may view private project 12, for at least
// revision atLeast when not zero.
func (r *replica) ask(t *testing.T, atLeast uint64) (allowed bool, rev uint64) {
	t.Helper()
	body := `{"subject": {"type": "user", "id": "6"}, "action": {"name": "project.view"},
		"resource": {"type": "project", "id": "12", "properties": {"visibility": "private"}}`
	if atLeast != 0 {
		body += fmt.Sprintf(`, "context": {"consistency": {"at_least": %d}}`, atLeast)
	}
	resp, err := http.Post(r.base+evalPath, "application/json", strings.NewReader(body+"}"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got decisionOut
	if resp.StatusCode != http.StatusOK {
		var b bytes.Buffer
		_, _ = b.ReadFrom(resp.Body)
		t.Fatalf("status %d: %s", resp.StatusCode, b.String())
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	return got.Decision, got.Context.Revision
}

// TestDBReplicaProcesses: two point processes on one database both reflect
// a membership granted and revoked in a transaction, by notification; one
// killed with SIGKILL and restarted serves the current revision, a change
// made while it was down included.
func TestDBReplicaProcesses(t *testing.T) {
	db := openTestDB(t)
	bin := filepath.Join(t.TempDir(), "authzen")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		t.Fatalf("go build: %v", err)
	}
	a, b := startReplica(t, bin, db), startReplica(t, bin, db)
	if ok, _ := a.ask(t, 0); ok {
		t.Fatal("person 6 may view private project 12 before the grant: the test proves nothing")
	}
	grant := db.change(t, "INSERT INTO memberships VALUES (1, 6, 'project', 12)")
	for name, r := range map[string]*replica{"a": a, "b": b} {
		// Without at_least: the notification alone brings the change.
		deadline := time.Now().Add(5 * time.Second)
		for {
			ok, rev := r.ask(t, 0)
			if ok && rev >= grant {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("replica %s: the grant at revision %d not reflected after 5s (allowed %v at %d)\n%s", name, grant, ok, rev, r.logs)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	revoke := db.change(t, "DELETE FROM memberships WHERE org_id = 1 AND person_id = 6 AND target_id = 12")
	for name, r := range map[string]*replica{"a": a, "b": b} {
		if ok, rev := r.ask(t, revoke); ok || rev < revoke {
			t.Fatalf("replica %s: asking for at least %d after the revocation: allowed %v at %d", name, revoke, ok, rev)
		}
	}
	if err := a.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = a.cmd.Wait()
	regrant := db.change(t, "INSERT INTO memberships VALUES (1, 6, 'project', 12)")
	a = startReplica(t, bin, db)
	if ok, rev := a.ask(t, 0); !ok || rev < regrant {
		t.Fatalf("the restarted replica: allowed %v at revision %d, want allowed at %d or later", ok, rev, regrant)
	}
	if ok, rev := b.ask(t, regrant); !ok || rev < regrant {
		t.Fatalf("the other replica: allowed %v at revision %d, want allowed at %d or later", ok, rev, regrant)
	}
}
