// Package clip shortens untrusted values before they go into an error
// message, so that an error never costs more than a bounded amount of memory
// whatever the input, and never carries control characters into a log.
// clearance's decoders (permission names, masks, set documents) quote what
// they refuse with it; a host may quote its own input the same way.
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
