package main

import (
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// readmeCurlRE matches the README's curl lines for this example: method,
// user, path and the status the comment says.
var readmeCurlRE = regexp.MustCompile(`^curl -i (?:-X (\w+) )?-H 'X-Demo-User: (\d+)' http://127\.0\.0\.1:8080(/\S*)\s+# (\d{3})\b`)

// TestReadmeCurl sends every curl line the README shows for this example and
// checks the status its comment says (the default, not -reveal).
func TestReadmeCurl(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(line, "curl -i ") || !strings.Contains(line, "X-Demo-User") {
			continue
		}
		m := readmeCurlRE.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("README: %s\ndoes not say what it answers (# STATUS: why)", line)
			continue
		}
		n++
		method := m[1]
		if method == "" {
			method = http.MethodGet
		}
		want, _ := strconv.Atoi(m[4])
		if ex := send(t, false, method, m[3], m[2]); ex.status != want {
			t.Errorf("README: %s\nanswers %d %s", line, ex.status, ex.body)
		}
	}
	if n == 0 {
		t.Error("no curl lines for httpmiddleware in README.md")
	}
}
