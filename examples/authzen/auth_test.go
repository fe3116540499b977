package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCallersOverTLS serves the point over HTTPS (httptest's self-signed
// certificate) with caller tokens: every POST needs a known bearer token,
// the metadata does not.
func TestCallersOverTLS(t *testing.T) {
	srv := newTestServer(t, sampleOrg(t), false)
	ts := httptest.NewTLSServer(srv.routes())
	defer ts.Close()
	client := ts.Client()
	send := func(method, path, auth, body string) *http.Response {
		t.Helper()
		req, err := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	tests := []struct {
		name, method, path, auth string
		status                   int
		challenge                string // a part of WWW-Authenticate, for 401
	}{
		{"token", http.MethodPost, evalPath, "Bearer " + testToken, 200, ""},
		{"scheme in lower case", http.MethodPost, evalPath, "bearer " + testToken, 200, ""},
		{"no token", http.MethodPost, evalPath, "", 401, `Bearer realm="authzen"`},
		{"empty token", http.MethodPost, evalPath, "Bearer ", 401, `Bearer realm="authzen"`},
		{"basic auth", http.MethodPost, evalPath, "Basic dXNlcjpwYXNz", 401, `Bearer realm="authzen"`},
		{"unknown token", http.MethodPost, evalPath, "Bearer " + strings.ToUpper(testToken), 401, `error="invalid_token"`},
		{"a prefix of the token", http.MethodPost, evalPath, "Bearer " + testToken[:20], 401, `error="invalid_token"`},
		{"every endpoint asks: batch", http.MethodPost, "/access/v1/evaluations", "", 401, "Bearer"},
		{"every endpoint asks: search", http.MethodPost, "/access/v1/search/action", "", 401, "Bearer"},
		{"metadata without a token", http.MethodGet, metadataPath, "", 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := send(tt.method, tt.path, tt.auth, okRequest)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if got := resp.Header.Get("WWW-Authenticate"); tt.status == 401 && !strings.Contains(got, tt.challenge) || tt.status != 401 && got != "" {
				t.Errorf("WWW-Authenticate %q, want %q", got, tt.challenge)
			}
			if resp.TLS == nil {
				t.Error("answered without TLS")
			}
		})
	}
}

// TestTokenFile: tokens are read one a line, reloaded with the
// organization on SIGHUP, and a broken file keeps the tokens loaded
// before.
func TestTokenFile(t *testing.T) {
	dir := t.TempDir()
	orgPath, tokPath := filepath.Join(dir, "org.json"), filepath.Join(dir, "tokens")
	write := func(path, data string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(orgPath, string(sampleOrg(t)))
	const first, second = "first-token-0123456789", "second-token-0123456789"
	write(tokPath, "# callers\n\n  "+first+"  \n")
	toks, err := loadTokens(tokPath)
	if err != nil {
		t.Fatal(err)
	}
	st, err := newStore(orgPath, quiet)
	if err != nil {
		t.Fatal(err)
	}
	st.tokens = toks
	srv := &server{store: st, log: quiet, base: "https://pdp.test", limits: defaultLimits, tokens: toks, pages: newPager()}
	h := srv.routes()
	status := func(token string) int {
		return do(h, http.MethodPost, evalPath, "application/json", okRequest, "Authorization", "Bearer "+token).Code
	}
	if status(first) != 200 || status(second) != 401 {
		t.Fatalf("first token %d, second %d; want 200 and 401", status(first), status(second))
	}
	write(tokPath, second+"\n")
	if err := st.reload(); err != nil {
		t.Fatal(err)
	}
	if status(first) != 401 || status(second) != 200 {
		t.Fatalf("after reload: first token %d, second %d; want 401 and 200", status(first), status(second))
	}
	for _, broken := range []string{"", "# only a comment\n", "short\n", "a token with spaces inside it\n"} {
		write(tokPath, broken)
		if err := st.reload(); err == nil {
			t.Errorf("reloading the token file %q: no error", broken)
		}
		if status(second) != 200 {
			t.Errorf("a broken token file %q replaced the tokens", broken)
		}
	}
	if err := os.Remove(tokPath); err != nil {
		t.Fatal(err)
	}
	if _, err := loadTokens(tokPath); err == nil {
		t.Error("loading a missing token file: no error")
	}
}
