package strictjson

import "fmt"

// Kind is the JSON type of a [Value].
type Kind uint8

// The kinds of JSON values. The zero Kind is no value: a [Value.Get] that
// found nothing.
const (
	Absent Kind = iota // no value
	Null               // null
	Bool               // true or false
	Number             // a number, its literal in Raw
	String             // a string, its text in Text
	Array              // an array, its elements in Elems
	Object             // an object, its members in Members
)

var kindNames = [...]string{Absent: "nothing", Null: "null", Bool: "a boolean", Number: "a number", String: "a string", Array: "an array", Object: "an object"}

// String names the kind for messages: "an object", "a string", "nothing".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// Value is one JSON value of an input read by [Parse]. Its fields are
// exported for reading; a Value built by hand means what its fields say.
type Value struct {
	Kind Kind
	// Raw is the value's bytes in the input, as written: a string with its
	// quotes and escapes, a number's literal, an object's braces and all.
	Raw []byte
	// Text is a String's text, unescaped; for other kinds, "".
	Text string
	// Members are an Object's members in input order, each key once.
	Members []Member
	// Elems are an Array's elements.
	Elems []Value
}

// Member is one key and value of an object.
type Member struct {
	Key   string
	Value Value
}

// Get returns the value of key in an object, compared byte for byte: no
// case folding, no Unicode folding. A key that is not there, or a Value that
// is not an object, gives the zero Value (Kind Absent).
func (v Value) Get(key string) Value {
	for _, m := range v.Members {
		if m.Key == key {
			return m.Value
		}
	}
	return Value{}
}

// IsTrue reports whether the value is the JSON literal true.
func (v Value) IsTrue() bool { return v.Kind == Bool && v.Raw[0] == 't' }

// Limits bound what [Parse] reads: the depth of nested arrays and objects
// (MaxDepth) and the number of values (MaxValues: every scalar, array and
// object counts one). Parse keeps about 100 bytes per value and allocates
// at most about 350, so MaxValues bounds its memory whatever the input's
// shape.
type Limits struct {
	MaxDepth  int
	MaxValues int
}

// Parse reads data, one JSON value with nothing after it, into a Value
// tree. It refuses a repeated key in any object at any depth, data nested
// deeper or holding more values than limits allow, and malformed JSON or
// invalid UTF-8, with an [*Error]. The tree's Raw fields share data's bytes.
func Parse(data []byte, limits Limits) (Value, error) {
	s, err := NewScanner(data, limits.MaxDepth)
	if err != nil {
		return Value{}, err
	}
	p := parser{s: s, budget: limits.MaxValues}
	c, err := s.Begin()
	if err != nil {
		return Value{}, err
	}
	v, err := p.value(c)
	if err != nil {
		return Value{}, err
	}
	if err := s.End("the value"); err != nil {
		return Value{}, err
	}
	return v, nil
}

// parser builds a Value tree from a Scanner, counting values. The elements
// and members of the arrays and objects being read wait on two stacks and
// are copied into slices of their exact length when their array or object
// ends, so a tree costs its own size (about 100 bytes a value) and at most
// twice that again in stacks and their garbage, not the garbage of growing
// each slice by appending.
type parser struct {
	s       *Scanner
	budget  int // values still allowed
	elems   []Value
	members []Member
}

// value reads the value starting with c.
func (p *parser) value(c byte) (Value, error) {
	if p.budget--; p.budget < 0 {
		return Value{}, p.s.fail(ErrTooMany, "more than the limit of values")
	}
	start := p.s.pos
	var v Value
	var err error
	switch c {
	case '{':
		v.Kind = Object
		err = p.object(&v)
	case '[':
		v.Kind = Array
		if err = p.s.Open(); err == nil {
			mark := len(p.elems)
			err = p.s.Elements(func(c byte) error {
				e, err := p.value(c)
				p.elems = appendDoubling(p.elems, e)
				return err
			})
			p.s.Close()
			if len(p.elems) > mark {
				v.Elems = append([]Value(nil), p.elems[mark:]...)
			}
			clear(p.elems[mark:])
			p.elems = p.elems[:mark]
		}
	case '"':
		v.Kind = String
		var b []byte
		if b, err = p.s.String(); err == nil {
			v.Text = string(b)
		}
	case 't', 'f':
		v.Kind = Bool
		err = p.s.Scalar(c)
	case 'n':
		v.Kind = Null
		err = p.s.Scalar(c)
	default:
		v.Kind = Number
		err = p.s.Number()
	}
	if err != nil {
		return Value{}, err
	}
	v.Raw = p.s.data[start:p.s.pos]
	return v, nil
}

// object reads an object's members into v, refusing a repeated key.
func (p *parser) object(v *Value) error {
	if err := p.s.Open(); err != nil {
		return err
	}
	var seen keySet
	mark := len(p.members)
	defer func() {
		if len(p.members) > mark {
			v.Members = append([]Member(nil), p.members[mark:]...)
		}
		clear(p.members[mark:])
		p.members = p.members[:mark]
	}()
	for first := true; ; first = false {
		key, more, err := p.s.Key(first)
		if err != nil {
			return err
		}
		if !more {
			break
		}
		k := string(key)
		if seen.add(k) {
			return p.s.Duplicate(key)
		}
		c, err := p.s.Value()
		if err != nil {
			return err
		}
		e, err := p.value(c)
		if err != nil {
			return err
		}
		p.members = appendDoubling(p.members, Member{k, e})
		p.s.Pop()
	}
	p.s.Close()
	return nil
}

// appendDoubling is append that doubles a full slice's capacity, where
// append grows large slices by a quarter: the stacks of a parser then leave
// behind at most their own size in garbage, whatever the input.
func appendDoubling[T any](s []T, v T) []T {
	if len(s) == cap(s) {
		grown := make([]T, len(s), max(2*cap(s), 16))
		copy(grown, s)
		s = grown
	}
	return append(s, v)
}
