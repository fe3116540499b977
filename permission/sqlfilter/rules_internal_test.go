package sqlfilter

import (
	"errors"
	"strings"
	"testing"

	"github.com/clearance-go/clearance/permission"
)

// TestRulesCoverEveryCondition: every condition the permission package
// names has a row in the condition table, and every row's fact exists.
func TestRulesCoverEveryCondition(t *testing.T) {
	n := 0
	for i := range 32 {
		c := permission.Condition(1 << i)
		if strings.HasPrefix(c.String(), "condition(") {
			continue
		}
		n++
		ru, ok := rules[c]
		if !ok {
			t.Errorf("%v has no row in the condition table", c)
			continue
		}
		if ru.fact >= endFact || ru.op < equals || ru.op > refused {
			t.Errorf("%v: row %+v", c, ru)
		}
	}
	if n != len(rules) {
		t.Errorf("%d conditions, %d rows", n, len(rules))
	}
}

// An unknown condition fails closed.
func TestUnknownCondition(t *testing.T) {
	r, err := New(Schema{Dialect: SQLite, Kinds: map[permission.Kind]Facts{permission.KindProject: {Org: Column{Table: "t", Name: "o"}}}})
	if err != nil {
		t.Fatal(err)
	}
	var f permission.Filter
	if err := r.condition(&writer{dialect: SQLite}, r.kinds[permission.KindProject], &f, 1<<30, Params, 1, permission.KindProject); !errors.Is(err, ErrCondition) {
		t.Errorf("condition(1<<30) = %v, want ErrCondition", err)
	}
}
