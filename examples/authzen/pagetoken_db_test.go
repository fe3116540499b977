package main

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestPageKeyFile: replicas sharing a -page-key file honour each other's
// tokens; a short key file refuses to start; a token of another key is
// refused.
func TestPageKeyFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "key")
	if err := os.WriteFile(path, []byte("0123456789abcdef0123456789abcdef"), 0o600); err != nil {
		t.Fatal(err)
	}
	a, err := pagerFromFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := pagerFromFile(path)
	if err != nil {
		t.Fatal(err)
	}
	bound := []byte("request")
	tok := a.keyToken(41, 7, bound)
	if last, rev, ok := b.keyOf(tok, bound); !ok || last != 41 || rev != 7 {
		t.Errorf("replica b read a's token as %d, %d, %v; want 41, 7, true", last, rev, ok)
	}
	if _, _, ok := newPager().keyOf(tok, bound); ok {
		t.Error("a pager of another key honoured the token")
	}
	if _, _, ok := b.keyOf(tok, []byte("another request")); ok {
		t.Error("the token was honoured for another request")
	}
	short := filepath.Join(dir, "short")
	if err := os.WriteFile(short, []byte("too short"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := pagerFromFile(short); !errors.Is(err, errConfig) {
		t.Errorf("a 9-byte key: %v, want a refusal to start", err)
	}
}
