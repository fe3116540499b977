package set

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/clearance-go/clearance/permission/clip"
	"github.com/clearance-go/clearance/role"
)

// ErrNameLookalike: a custom set's name that reads as a name it is not. It
// is a system set's name (Productive's or an alias, see [SystemNamed]) on a
// base of another role, whatever its case, spacing or look-alike letters
// ("Оwner" with a Cyrillic О on a Staff base), or it mixes letters of the
// Latin, Greek and Cyrillic scripts, whose look-alikes let one name pass
// for another. A name may still repeat its own base's system name.
var ErrNameLookalike = errors.New("set name imitates another name")

// checkLookalike applies the rules against names that impersonate: no
// invisible character (default-ignorable code points: zero-width spaces and
// joiners, soft hyphens, variation selectors, word joiners, ...; they are
// ErrNameCharacter) but the joiners of an emoji sequence, no mix of Latin, Greek and Cyrillic letters, and not a
// system set's name of a base other than base. name is trimmed.
func checkLookalike(name string, base role.Role) error {
	var scripts []string
	var prev rune
	for _, r := range name {
		if isInvisible(r) && !joinsEmoji(prev, r) {
			return fmt.Errorf("set: name %s: invisible character %U: %w", clip.Quote(name), r, ErrNameCharacter)
		}
		prev = r
		if s := confusableScript(r); s != "" && !containsString(scripts, s) {
			scripts = append(scripts, s)
		}
	}
	if len(scripts) > 1 {
		return fmt.Errorf("set: name %s: mixes %s letters: %w", clip.Quote(name), strings.Join(scripts, " and "), ErrNameLookalike)
	}
	if sys, ok := systemSkeletons[skeleton(name)]; ok && sys.role != base {
		return fmt.Errorf("set: name %s: reads as the system set %q, of another base: %w", clip.Quote(name), sys.name, ErrNameLookalike)
	}
	return nil
}

// systemSkeletons maps the skeleton of every system set's name and alias
// to that set's name and role, computed once: a check costs one skeleton
// and one lookup. A skeleton two roles' names shared would keep the first
// role's; TestSystemSkeletonsDistinct checks there is none.
var systemSkeletons = func() map[string]struct {
	name string
	role role.Role
} {
	m := map[string]struct {
		name string
		role role.Role
	}{}
	for _, e := range baseRoles {
		for _, n := range append([]string{e.name}, e.aliases...) {
			if _, dup := m[skeleton(n)]; !dup {
				m[skeleton(n)] = struct {
					name string
					role role.Role
				}{e.name, e.role}
			}
		}
	}
	return m
}()

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// isInvisible reports whether r is a default-ignorable code point: a
// format character (zero-width space, joiners, soft hyphen, word joiner,
// byte order mark, ...), a variation selector, or one of the others Unicode
// names (Hangul fillers, ...). Such a character changes a name without
// changing how it prints.
func isInvisible(r rune) bool {
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r) || unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r)
}

// joinsEmoji reports whether the invisible r, after prev, is part of an
// emoji sequence: a zero-width joiner (U+200D) or an emoji variation
// selector (U+FE0F) after a symbol, as in "👩‍💻". Anywhere else it hides
// a difference between two names.
func joinsEmoji(prev, r rune) bool {
	return (r == '\u200d' || r == '\ufe0f') && (unicode.Is(unicode.So, prev) || prev == '\ufe0f')
}

// confusableScript names the script of r among those whose letters look
// alike (Latin, Greek, Cyrillic), or "" for any other character.
func confusableScript(r rune) string {
	switch {
	case unicode.Is(unicode.Latin, r):
		return "Latin"
	case unicode.Is(unicode.Greek, r):
		return "Greek"
	case unicode.Is(unicode.Cyrillic, r):
		return "Cyrillic"
	}
	return ""
}

// lookalikes maps Greek and Cyrillic letters, and digits, to the Latin
// letter they look like, in lower case.
var lookalikes = map[rune]rune{
	// Cyrillic
	'а': 'a', 'в': 'b', 'е': 'e', 'ё': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'с': 'c', 'т': 't', 'у': 'y', 'х': 'x',
	'і': 'i', 'ї': 'i', 'ј': 'j', 'ѕ': 's', 'һ': 'h', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'ɡ': 'g', 'ѵ': 'v', 'ӏ': 'l',
	// Greek
	'α': 'a', 'β': 'b', 'ε': 'e', 'ζ': 'z', 'η': 'n', 'ι': 'i', 'κ': 'k', 'μ': 'm', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x', 'γ': 'y',
	// Digits
	'0': 'o', '1': 'l', '3': 'e', '5': 's',
}

// skeleton is the form two names that look alike share: lower case, each
// look-alike letter as its Latin twin, invisible characters dropped,
// spaces single, no leading article (as SystemNamed compares).
func skeleton(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if isInvisible(r) {
			continue
		}
		r = unicode.ToLower(compatible(r))
		if l, ok := lookalikes[r]; ok {
			r = l
		}
		if r == 'i' {
			r = 'l' // an upper-case I and a lower-case l look alike
		}
		b.WriteRune(r)
	}
	return nameKey(b.String())
}

// compatible folds the letters and digits Unicode gives compatibility forms
// of to the ASCII they stand for: fullwidth forms (U+FF01 to U+FF5E, "Ｏｗｎｅｒ")
// and the mathematical alphanumeric symbols (U+1D400 to U+1D7FF, "𝐎𝐰𝐧𝐞𝐫"),
// which render as Latin letters and digits but belong to no script.
func compatible(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r >= 0x1D400 && r <= 0x1D6A3: // 13 styles of A-Z then a-z, 52 letters each
		i := (r - 0x1D400) % 52
		if i < 26 {
			return 'a' + i
		}
		return 'a' + i - 26
	case r >= 0x1D7CE && r <= 0x1D7FF: // 5 styles of the digits 0-9
		return '0' + (r-0x1D7CE)%10
	}
	return r
}
