package main

// Page tokens: opaque, and bound to the request that made them.

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"hash"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/clearance-go/clearance/permission/strictjson"
)

// pager signs page tokens with a key drawn at random when the process
// starts. A token is the offset of the next result and an HMAC-SHA256 over
// that offset, the organization's load (a reload shifts results) and a hash
// of the search request: its endpoint, every part but page, and the page
// limit in force. A token shown with another subject, action, resource,
// filter, context or limit, or after a reload or restart, fails the HMAC and
// is a 400, as AuthZEN asks (a PDP SHOULD refuse a token of another
// request).
type pager struct {
	key []byte
}

// newPager returns a pager with a fresh random key.
func newPager() pager {
	key := make([]byte, 32)
	_, _ = rand.Read(key) // crypto/rand.Read never fails (Go 1.24)
	return pager{key: key}
}

// minPageKey is the fewest bytes of a -page-key file.
const minPageKey = 32

// pagerFromFile returns a pager whose key is the contents of the file at
// path (at least minPageKey bytes), so that the replicas of a point behind
// one load balancer accept each other's page tokens.
func pagerFromFile(path string) (pager, error) {
	key, err := os.ReadFile(path)
	if err != nil {
		return pager{}, fmt.Errorf("-page-key: %w", err)
	}
	if len(key) < minPageKey {
		return pager{}, fmt.Errorf("-page-key %s: %d bytes, want at least %d (random bytes shared by the replicas): %w", path, len(key), minPageKey, errConfig)
	}
	return pager{key: key}, nil
}

// binding hashes what a page token is bound to: the endpoint, the request
// but its page, the limit, and within, what the token holds within (an
// offset token: the snapshot's load; a key token: the organization, so
// that replicas sharing -page-key but serving other organizations refuse
// it).
func binding(endpoint string, req value, limit int, within uint64) []byte {
	h := sha256.New()
	h.Write([]byte(endpoint))
	h.Write([]byte{0})
	for _, m := range sortedMembers(req) {
		if m.Key == "page" {
			continue
		}
		canonical(h, strictjson.Value{Kind: strictjson.String, Text: m.Key})
		canonical(h, m.Value)
	}
	var n [16]byte
	binary.BigEndian.PutUint64(n[:8], uint64(limit))
	binary.BigEndian.PutUint64(n[8:], within)
	h.Write(n[:])
	return h.Sum(nil)
}

// sortedMembers returns an object's members sorted by key.
func sortedMembers(v value) []strictjson.Member {
	ms := slices.Clone(v.Members)
	slices.SortFunc(ms, func(a, b strictjson.Member) int { return strings.Compare(a.Key, b.Key) })
	return ms
}

// canonical writes v to h so that two values hash alike exactly when they
// are the same JSON (keys in any order, any white space, any escaping).
func canonical(h hash.Hash, v value) {
	switch v.Kind {
	case strictjson.Object:
		h.Write([]byte{'{'})
		for _, m := range sortedMembers(v) {
			canonical(h, strictjson.Value{Kind: strictjson.String, Text: m.Key})
			canonical(h, m.Value)
		}
		h.Write([]byte{'}'})
	case strictjson.Array:
		h.Write([]byte{'['})
		for _, e := range v.Elems {
			canonical(h, e)
		}
		h.Write([]byte{']'})
	case strictjson.String:
		h.Write([]byte(strconv.Quote(v.Text)))
	default:
		h.Write(v.Raw)
		h.Write([]byte{' '})
	}
}

// macSize is the bytes of the HMAC a token keeps.
const macSize = 16

// token returns the token of the page that starts at offset.
func (p pager) token(offset int, bound []byte) string {
	buf := binary.BigEndian.AppendUint64(nil, uint64(offset))
	return base64.RawURLEncoding.EncodeToString(append(buf, p.mac(buf, bound)...))
}

// offset returns the offset a token stands for, when this pager made it for
// a request bound alike.
func (p pager) offset(token string, bound []byte) (int, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(raw) != 8+macSize || !hmac.Equal(raw[8:], p.mac(raw[:8], bound)) {
		return 0, false
	}
	n := binary.BigEndian.Uint64(raw[:8])
	if n > 1<<31 {
		return 0, false // unreachable for a token this pager signed
	}
	return int(n), true
}

func (p pager) mac(offset, bound []byte) []byte {
	m := hmac.New(sha256.New, p.key)
	m.Write(offset)
	m.Write(bound)
	return m.Sum(nil)[:macSize]
}

// keyToken returns the token of the keyset page after key last, answered
// at revision rev: a database-backed point pages by key (ORDER BY id) and
// answers every page of a search at the revision of its first page.
func (p pager) keyToken(last, rev uint64, bound []byte) string {
	buf := binary.BigEndian.AppendUint64(nil, last)
	buf = binary.BigEndian.AppendUint64(buf, rev)
	return base64.RawURLEncoding.EncodeToString(append(buf, p.mac(buf, bound)...))
}

// keyOf returns the last key and the revision a keyset token stands for,
// when this pager made it for a request bound alike.
func (p pager) keyOf(token string, bound []byte) (last, rev uint64, ok bool) {
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(raw) != 16+macSize || !hmac.Equal(raw[16:], p.mac(raw[:16], bound)) {
		return 0, 0, false
	}
	return binary.BigEndian.Uint64(raw[:8]), binary.BigEndian.Uint64(raw[8:16]), true
}
