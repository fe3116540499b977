package permission

import (
	"errors"
	"fmt"
	"iter"
	"math/bits"
	"strings"

	"github.com/clearance-go/clearance/permission/clip"
)

// Conditions is a set of [Condition] values: the conditions any one of
// which passes a check ([Failure.Members]), or those a clause names. It
// prints as their names joined by "|" in table order ("project_is_shared|
// budget_is_shared"), the empty set as "", and encodes as that text. The
// zero Conditions is the empty set.
type Conditions uint32

// ConditionsOf returns the set of the given conditions; a value that is not
// one condition adds the conditions it holds.
func ConditionsOf(cs ...Condition) Conditions {
	var m Conditions
	for _, c := range cs {
		m |= Conditions(c) & Conditions(endCondition-1)
	}
	return m
}

// Has reports whether c is in m.
func (m Conditions) Has(c Condition) bool {
	return bits.OnesCount32(uint32(c)) == 1 && c < endCondition && m&Conditions(c) != 0
}

// IsEmpty reports whether m holds no condition.
func (m Conditions) IsEmpty() bool { return m&Conditions(endCondition-1) == 0 }

// Len returns the number of conditions in m.
func (m Conditions) Len() int { return bits.OnesCount32(uint32(m & Conditions(endCondition-1))) }

// All iterates over the conditions of m in table order.
func (m Conditions) All() iter.Seq[Condition] {
	return func(yield func(Condition) bool) {
		for b := uint32(m & Conditions(endCondition-1)); b != 0; b &= b - 1 {
			if !yield(Condition(b & -b)) {
				return
			}
		}
	}
}

// String returns the names of m's conditions joined by "|", in table order.
func (m Conditions) String() string {
	var names []string
	for c := range m.All() {
		names = append(names, c.String())
	}
	return strings.Join(names, "|")
}

// MarshalText implements [encoding.TextMarshaler] with [Conditions.String].
func (m Conditions) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// ErrUnknownCondition is returned (wrapped, with the offending name) by
// [ParseConditions] for a name that is not a condition.
var ErrUnknownCondition = errors.New("unknown condition")

// ParseConditions reads the form [Conditions.String] writes: condition
// names joined by "|", the empty string for the empty set. An unknown or
// repeated name is an error that quotes it, wrapping [ErrUnknownCondition].
func ParseConditions(s string) (Conditions, error) {
	var m Conditions
	if s == "" {
		return m, nil
	}
	for _, name := range strings.Split(s, "|") {
		c, ok := conditionsByName[name]
		switch {
		case !ok:
			hint := ""
			if near := nearest(name, conditionNames[:]); near != "" {
				hint = fmt.Sprintf(" (did you mean %q?)", near)
			}
			return 0, fmt.Errorf("permission: condition %s: %w%s", clip.Quote(name), ErrUnknownCondition, hint)
		case m.Has(c):
			return 0, fmt.Errorf("permission: condition %s listed twice: %w", clip.Quote(name), ErrUnknownCondition)
		}
		m |= Conditions(c)
	}
	return m, nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] with
// [ParseConditions]; on error m is left unchanged.
func (m *Conditions) UnmarshalText(text []byte) error {
	v, err := ParseConditions(string(text))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// conditionsByName is built once from the condition names.
var conditionsByName = func() map[string]Condition {
	m := make(map[string]Condition, len(conditionNames))
	for i, name := range conditionNames {
		m[name] = Condition(1) << i
	}
	return m
}()
