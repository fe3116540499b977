package main

// Caller authentication: bearer tokens read from a file, one a line.

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
)

// minTokenLength is the shortest token the token file may hold, in bytes:
// 16, so that no token is guessable in a few tries.
const minTokenLength = 16

// tokens holds the SHA-256 hashes of the callers' bearer tokens, from the
// file at path; reload reads the file again (on SIGHUP, with the
// organization), keeping the tokens loaded before when the file is wrong.
type tokens struct {
	path   string
	hashes atomic.Pointer[[][sha256.Size]byte]
}

// errTokenFile is wrapped by every error of a token file.
var errTokenFile = errors.New("bad token file")

// loadTokens reads the token file at path.
func loadTokens(path string) (*tokens, error) {
	t := &tokens{path: path}
	return t, t.reload()
}

// reload reads the token file again.
func (t *tokens) reload() error {
	data, err := os.ReadFile(t.path)
	if err != nil {
		return err
	}
	hashes, err := parseTokens(data)
	if err != nil {
		return fmt.Errorf("%s: %w", t.path, err)
	}
	t.hashes.Store(&hashes)
	return nil
}

// parseTokens reads one token a line; blank lines and lines starting with #
// are skipped, and spaces around a token are trimmed. A file without a
// token, or with one shorter than minTokenLength, is an error (the line is
// named, the token never).
func parseTokens(data []byte) ([][sha256.Size]byte, error) {
	var hashes [][sha256.Size]byte
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if len(line) < minTokenLength || strings.ContainsAny(line, " \t") {
			return nil, fmt.Errorf("line %d: a token is at least %d bytes without spaces: %w", n, minTokenLength, errTokenFile)
		}
		hashes = append(hashes, sha256.Sum256([]byte(line)))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%v: %w", err, errTokenFile)
	}
	if len(hashes) == 0 {
		return nil, fmt.Errorf("no token: %w", errTokenFile)
	}
	return hashes, nil
}

// valid reports whether token is one of the file's. It compares the token's
// hash with every known hash in constant time (crypto/subtle), so neither
// which token matched nor how much of one did shows in the time taken.
func (t *tokens) valid(token string) bool {
	h := sha256.Sum256([]byte(token))
	match := 0
	for _, k := range *t.hashes.Load() {
		match |= subtle.ConstantTimeCompare(h[:], k[:])
	}
	return match == 1
}

// authenticatedKey marks a request whose caller presented a valid token.
type authenticatedKey struct{}

// authenticated reports whether the request's caller presented a valid
// token.
func authenticated(r *http.Request) bool {
	ok, _ := r.Context().Value(authenticatedKey{}).(bool)
	return ok
}

// authenticate lets a request through when the point has no tokens
// (loopback only, see main.go) or it carries "Authorization: Bearer
// <token>" with a known token; otherwise it answers 401 with
// WWW-Authenticate.
func (s *server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.tokens == nil {
			next.ServeHTTP(w, r)
			return
		}
		auth := r.Header.Get("Authorization")
		scheme, token, _ := strings.Cut(auth, " ")
		if !strings.EqualFold(scheme, "Bearer") || token == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="authzen"`)
			writeError(w, &protoError{http.StatusUnauthorized, "a bearer token is required: Authorization: Bearer <token>"})
			return
		}
		if !s.tokens.valid(strings.TrimSpace(token)) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="authzen", error="invalid_token"`)
			writeError(w, &protoError{http.StatusUnauthorized, "the bearer token is not one this decision point accepts"})
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), authenticatedKey{}, true)))
	})
}

// randomHex returns n random bytes in hexadecimal.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24)
	return hex.EncodeToString(b)
}
