// Package clip bounds what untrusted input costs in an error message: Quote
// shortens a value before it goes into one, so that an error never costs
// more than a bounded amount of memory whatever the input and never carries
// control characters into a log, and Distance compares an unknown name with
// a known one, for a "did you mean" suggestion, in time bounded whatever the
// input's length. clearance's decoders (permission and action names, masks,
// set documents, system set names) use both; a host may use them the same
// way.
package clip

import (
	"strconv"
	"unicode/utf8"
)

// Max is the number of bytes of a value an error message quotes.
const Max = 64

// Quote returns s quoted as a Go string literal (control and formatting
// characters escaped). A value longer than Max bytes is cut at a character
// boundary at most Max bytes in, and its length follows the quoted prefix:
//
//	"xxxx…xxxx"... (1048576 bytes)
func Quote(s string) string {
	if len(s) <= Max {
		return strconv.Quote(s)
	}
	return strconv.Quote(s[:cut(s)]) + "... (" + strconv.Itoa(len(s)) + " bytes)"
}

// Bytes is Quote for a byte slice; it copies at most Max bytes of b.
func Bytes(b []byte) string {
	if len(b) <= Max {
		return strconv.Quote(string(b))
	}
	head := string(b[:Max+1])
	return strconv.Quote(head[:cut(head)]) + "... (" + strconv.Itoa(len(b)) + " bytes)"
}

// cut returns the length of the prefix of s that Quote keeps: at most Max
// bytes, ending on a character boundary. s is longer than Max bytes.
func cut(s string) int {
	n := Max
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}

// Distance is the Levenshtein distance between a and b, in bytes, for
// suggesting the known name nearest to an unknown one. When either is longer
// than Max bytes it is far from every name (a large number): no name is
// that long, and the comparison would cost time quadratic in the input.
func Distance(a, b string) int {
	if len(a) > Max || len(b) > Max {
		return 1 << 30
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Nearest returns the name among names nearest to s when it is at most
// three edits away ([Distance]), for a "did you mean" hint, or "". Of
// several equally near, the first.
func Nearest(s string, names []string) string {
	best, bestDist := "", 4
	for _, name := range names {
		if d := Distance(s, name); d < bestDist {
			best, bestDist = name, d
		}
	}
	return best
}

// Hint returns ` (did you mean "name"?)` for the name among names nearest
// to s, or "" when none is near.
func Hint(s string, names []string) string {
	if near := Nearest(s, names); near != "" {
		return ` (did you mean "` + near + `"?)`
	}
	return ""
}
