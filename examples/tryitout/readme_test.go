package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/clearance-go/clearance/set"
)

// TestReadmeCommands runs every "go run ./examples/tryitout ..." line of the
// README, from the repository's root as the README does, and checks that it
// succeeds and shows what its comment says: every system set without flags,
// the set the flags name, JSON with -json, and what a custom set grants and
// revokes with -diff.
func TestReadmeCommands(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir("../..")
	n := 0
	for _, line := range strings.Split(string(data), "\n") {
		rest, ok := strings.CutPrefix(line, "go run ./examples/tryitout")
		if !ok {
			continue
		}
		n++
		cmd, _, _ := strings.Cut(rest, "#")
		args := strings.Fields(cmd)
		r := invoke(args...)
		if r.code != 0 || r.stdout == "" {
			t.Errorf("README: %s\nexits %d\n%s", line, r.code, r.stderr)
			continue
		}
		var want []string
		switch strings.Join(args, " ") {
		case "":
			for s := range set.Systems() {
				want = append(want, s.Name())
			}
		case "-role manager -scope restricted":
			want = []string{"Manager with restricted access"}
		case "-role staff -addons contacts,time":
			want = []string{"Staff with CRM and time access"}
		case "-set testdata/sets/accounting.json -diff":
			want = []string{"Accounting", "custom set based on Staff", "Grants ("}
		case "-json -role client -addons budgets":
			if !json.Valid([]byte(r.stdout)) {
				t.Errorf("README: %s\nprints no JSON:\n%.500s", line, r.stdout)
			}
			want = []string{"Client Manager"}
		default:
			t.Errorf("README: %s\nis a command this test does not know: say here what it shows", line)
		}
		for _, w := range want {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("README: %s\nprints no %q", line, w)
			}
		}
	}
	if n != 5 {
		t.Errorf("%d tryitout commands in README.md, want 5", n)
	}
}
