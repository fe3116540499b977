package main

import (
	"encoding/json"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
)

// curlRE matches a README curl command that posts a JSON body to the point
// on 127.0.0.1:8080: the path, and the body up to its closing quote.
var curlRE = regexp.MustCompile(`(?s)^curl -s -H 'Content-Type: application/json' http://127\.0\.0\.1:8080(/\S+) -d '([^']*)'$`)

// revisionRE matches the revision an answer's context carries.
var revisionRE = regexp.MustCompile(`"revision":\d+`)

// decisionsRE matches a README comment that lists a batch's decisions:
// "# decisions true, true, false (client_never_sees)".
var decisionsRE = regexp.MustCompile(`^# decisions ((?:true|false)(?:, (?:true|false))*)(?: \((\w+)\))?$`)

// TestReadmeCurl replays every curl of the README's AuthZEN block against
// the point serving examples/authzen/testdata/org.json, as the block's go
// run line starts it, and checks what the README says each answers: the
// exact body where it shows one, the list of decisions (and the reason of
// the denials) where it lists them, and "the same answer" as the request
// before where it says so.
func TestReadmeCurl(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	start := strings.Index(text, "```sh\ngo run -C examples/authzen . -org testdata/org.json\n")
	if start < 0 {
		t.Fatal("README.md has no sh block that starts the point on testdata/org.json")
	}
	block := text[start+len("```sh\n"):]
	block = block[:strings.Index(block, "\n```")]
	h := newTestServer(t, sampleOrg(t), false).routes()

	// Split the block into commands (a curl runs to the line that closes
	// its quoted body) and comment lines.
	var items []string
	lines := strings.Split(block, "\n")
	for i := 0; i < len(lines); i++ {
		cmd := lines[i]
		for strings.HasPrefix(cmd, "curl ") && strings.Count(cmd, "'")%2 == 1 && i+1 < len(lines) {
			i++
			cmd += "\n" + lines[i]
		}
		items = append(items, cmd)
	}
	var previous, comment string
	checked := 0
	for i, item := range items {
		if strings.HasPrefix(item, "# ") {
			comment = item
			continue
		}
		m := curlRE.FindStringSubmatch(item)
		if m == nil {
			continue // the go run lines, and the curl over TLS whose body is elided
		}
		rec := postJSON(h, m[1], m[2])
		body := strings.TrimSpace(rec.Body.String())
		if rec.Code != http.StatusOK {
			t.Errorf("README: %s\nanswers %d %s", item, rec.Code, body)
			continue
		}
		next := ""
		if i+1 < len(items) {
			next = items[i+1]
		}
		switch {
		case strings.HasPrefix(next, "# {"):
			// A process's first load is revision 1, as the README shows;
			// this test process has loaded organizations before.
			if want := strings.TrimPrefix(next, "# "); revisionRE.ReplaceAllString(body, `"revision":1`) != want {
				t.Errorf("README: %s\nshows %s\nthe point answers %s", item, want, body)
			}
			checked++
		case decisionsRE.MatchString(next):
			d := decisionsRE.FindStringSubmatch(next)
			var got struct {
				Evaluations []wireDecision `json:"evaluations"`
			}
			if err := json.Unmarshal([]byte(body), &got); err != nil {
				t.Fatalf("%s: %v", body, err)
			}
			want := strings.Split(d[1], ", ")
			if len(got.Evaluations) != len(want) {
				t.Errorf("README: %s\nlists %d decisions; the point answers %s", item, len(want), body)
				continue
			}
			for j, e := range got.Evaluations {
				allowed := e.Decision != nil && *e.Decision
				if (want[j] == "true") != allowed || !allowed && d[2] != "" && e.Context.Reason != d[2] {
					t.Errorf("README: %s\nsays %s; decision %d is %v (%s)", item, next, j+1, allowed, e.Context.Reason)
				}
			}
			checked++
		case strings.Contains(comment, "the same answer"):
			if body != previous {
				t.Errorf("README: %s\nsays %q; it answers %s, the request before %s", item, comment, body, previous)
			}
			checked++
		default:
			t.Errorf("README: %s\nshows no answer; say what it answers, so that this test can check it", item)
		}
		previous = body
	}
	if checked != 4 {
		t.Errorf("checked %d curl answers of the README, want 4", checked)
	}
}
