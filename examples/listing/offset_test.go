package main

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/permission/sqlfilter"
	"github.com/clearance-go/clearance/scope"
)

// TestOffsetLimitOnPostgres: a host query that binds 65,535 - n values of
// its own before a fragment of n arguments runs on PostgreSQL, its last
// placeholder $65535, and lists what Authorize allows; one more host value
// and Render refuses (ErrOffset); and the limit is PostgreSQL's own, not
// the renderer's caution: a statement with a $65536 does not run (pgx
// refuses it before sending: the protocol's Bind message counts parameters
// in 16 bits).
func TestOffsetLimitOnPostgres(t *testing.T) {
	db := openPostgres(t)
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	orgs := agency()
	if err := load(ctx, tx, sqlfilter.PostgreSQL, plain, orgs); err != nil {
		t.Fatal(err)
	}
	r, err := sqlfilter.New(plain.filterSchema(sqlfilter.PostgreSQL))
	if err != nil {
		t.Fatal(err)
	}
	northwind := orgs[0]
	// host returns "t.id NOT IN ($1, ..., $n) AND " and its n arguments, IDs
	// that no record has.
	host := func(n int) (string, []any) {
		var b strings.Builder
		args := make([]any, n)
		b.WriteString(`"t"."id" NOT IN (`)
		for i := range n {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("$" + strconv.Itoa(i+1))
			args[i] = int64(-1 - i)
		}
		b.WriteString(") AND ")
		return b.String(), args
	}
	for _, p := range northwind.people {
		s := northwind.subject(p)
		for _, form := range []sqlfilter.Form{sqlfilter.Exists, sqlfilter.Params} {
			f := permission.List(s, permission.ViewInvoice)
			_, base, err := r.Render(f, sqlfilter.Options{Form: form})
			if err != nil {
				t.Fatal(err)
			}
			offset := sqlfilter.MaxPlaceholder - len(base)
			if _, _, err := r.Render(f, sqlfilter.Options{Form: form, Offset: offset + 1}); !errors.Is(err, sqlfilter.ErrOffset) {
				t.Errorf("%s, %v: offset %d: %v, want ErrOffset", names[p.id], form, offset+1, err)
			}
			where, args, err := r.Render(f, sqlfilter.Options{Form: form, Offset: offset})
			if err != nil {
				t.Fatal(err)
			}
			if len(base) > 0 && !strings.Contains(where, "$65535") {
				t.Errorf("%s, %v: the fragment does not end at $65535: %s", names[p.id], form, where)
			}
			cond, hostArgs := host(offset)
			head, _ := plain.listQuery(sqlfilter.PostgreSQL, permission.KindInvoice, 1, `"t"."id"`)
			rows, err := tx.QueryContext(ctx, head+cond+where+` ORDER BY "t"."id"`, append(hostArgs, args...)...)
			if err != nil {
				t.Fatalf("%s, %v: %v", names[p.id], form, err)
			}
			var got []scope.ID
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					t.Fatal(err)
				}
				got = append(got, scope.ID(id))
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			var want []scope.ID
			for _, rec := range northwind.records[permission.KindInvoice] {
				if permission.Authorize(s, permission.ViewInvoice, northwind.resource(permission.KindInvoice, rec)).Allowed() {
					want = append(want, rec.id)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s, %v at offset %d: listed %v, Authorize allows %v", names[p.id], form, offset, got, want)
			}
		}
	}
	cond, args := host(sqlfilter.MaxPlaceholder + 1)
	if _, err := tx.ExecContext(ctx, `SELECT 1 FROM invoices "t" WHERE `+cond+"TRUE", args...); err == nil {
		t.Error("PostgreSQL ran a statement with $65536")
	} else {
		t.Logf("a statement with $65536: %v", err)
	}
}
