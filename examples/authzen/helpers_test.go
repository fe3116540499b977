package main

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// sampleOrg is the sample organization file the package comment uses.
func sampleOrg(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/org.json")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// quiet is a logger that writes nothing.
var quiet = slog.New(slog.DiscardHandler)

// testToken is the bearer token of every test server; do presents it
// unless the call names an Authorization header of its own.
const testToken = "test-token-0123456789abcdef"

// newTestServer serves the organization in data, logging nowhere, with the
// default limits and one caller token, testToken.
func newTestServer(t testing.TB, data []byte, stateless bool) *server {
	t.Helper()
	snap, err := parseOrg(data)
	if err != nil {
		t.Fatalf("parseOrg: %v", err)
	}
	st := &store{log: quiet}
	st.cur.Store(snap)
	srv := serverOn(t, st)
	srv.stateless = stateless
	return srv
}

// serverOn serves st as the point does by default, quietly, with testToken
// as its one caller token.
func serverOn(t testing.TB, st *store) *server {
	t.Helper()
	return &server{store: st, log: quiet, base: "https://pdp.test", limits: defaultLimits, tokens: testTokens(t), pages: newPager()}
}

// testTokens holds testToken as the one caller token.
func testTokens(t testing.TB) *tokens {
	t.Helper()
	toks := &tokens{path: "test"}
	hashes, err := parseTokens([]byte(testToken + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	toks.hashes.Store(&hashes)
	return toks
}

// do sends one request to h and returns the recorder. It presents
// testToken unless header names Authorization.
func do(h http.Handler, method, path, contentType, body string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Authorization", "Bearer "+testToken)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// postJSON posts body as application/json.
func postJSON(h http.Handler, path, body string) *httptest.ResponseRecorder {
	return do(h, http.MethodPost, path, "application/json", body)
}

// wireDecision is a decision as a client reads it.
type wireDecision struct {
	Decision *bool `json:"decision"`
	Context  struct {
		Reason   string `json:"reason"`
		Sentence string `json:"sentence"`
		Missing  string `json:"missing_permission"`
		Error    *struct {
			Status  int    `json:"status"`
			Message string `json:"message"`
		} `json:"error"`
	} `json:"context"`
}

// wireBatch is a batch answer as a client reads it.
type wireBatch struct {
	wireDecision
	Evaluations []wireDecision `json:"evaluations"`
}

// wireSearch is a search answer as a client reads it.
type wireSearch struct {
	Results []struct {
		Type string `json:"type"`
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"results"`
	Page struct {
		NextToken *string `json:"next_token"`
		Count     int     `json:"count"`
		Total     int     `json:"total"`
	} `json:"page"`
}

// wireError is a refused request's body.
type wireError struct {
	Error struct {
		Status  int    `json:"status"`
		Message string `json:"message"`
	} `json:"error"`
}

// decodeBody decodes rec's body into v, failing the test if it is not JSON.
func decodeBody(t testing.TB, body io.Reader, v any) {
	t.Helper()
	if err := json.NewDecoder(body).Decode(v); err != nil {
		t.Fatalf("decoding the answer: %v", err)
	}
}

// testOrg is the organization of the sample file, testdata/org.json.
const testOrg = 1

// overTLS serves srv over HTTPS (httptest's self-signed certificate) for
// the rest of the test, and returns a handler that sends each request it
// is given there, with its method, path, headers and body, and copies the
// answer back. Tables written for do and postJSON run over TLS with it,
// presenting testToken as every caller does.
func overTLS(t testing.TB, srv *server) http.Handler {
	t.Helper()
	ts := httptest.NewTLSServer(srv.routes())
	t.Cleanup(ts.Close)
	client := ts.Client()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		out, err := http.NewRequest(r.Method, ts.URL+r.URL.RequestURI(), r.Body)
		if err != nil {
			t.Fatal(err)
		}
		out.Header = r.Header.Clone()
		resp, err := client.Do(out)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.TLS == nil {
			t.Fatal("answered without TLS")
		}
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(resp.StatusCode)
		if _, err := io.Copy(w, resp.Body); err != nil {
			t.Fatal(err)
		}
	})
}
