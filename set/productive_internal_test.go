package set

import (
	"errors"
	"testing"

	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
)

// A set missing from the table of Productive's names still gets a readable
// name; System never makes one today (TestBaseRoleIDCoversSystems).
func TestProductiveNameFallback(t *testing.T) {
	if got, want := productiveName(role.Client, scope.Member, AddonTime), "Client (member, time)"; got != want {
		t.Errorf("productiveName = %q, want %q", got, want)
	}
	if i := entryOf(role.Staff, scope.Unlimited, AddonBudgets); i != -1 {
		t.Errorf("entryOf a set that does not exist = %d, want -1", i)
	}
}

// TestSystemSkeletonsDistinct: no two system sets of different roles read
// alike, so that systemSkeletons, which keeps one role per skeleton, finds
// every lookalike checkLookalike must refuse.
func TestSystemSkeletonsDistinct(t *testing.T) {
	seen := map[string]role.Role{}
	for _, e := range baseRoles {
		for _, n := range append([]string{e.name}, e.aliases...) {
			k := skeleton(n)
			if r, ok := seen[k]; ok && r != e.role {
				t.Errorf("%q (%v) reads as a name of %v", n, e.role, r)
			}
			seen[k] = e.role
		}
	}
	if len(systemSkeletons) != len(seen) {
		t.Errorf("systemSkeletons holds %d skeletons, want %d", len(systemSkeletons), len(seen))
	}
}

// TestCompatibleFolds: fullwidth and mathematical letters read as the
// system names they imitate ("Ｏｗｎｅｒ", "𝐎𝐰𝐧𝐞𝐫", "𝟎wner"), and checkLookalike
// refuses them on another base.
func TestCompatibleFolds(t *testing.T) {
	for _, name := range []string{"Ｏｗｎｅｒ", "𝐎𝐰𝐧𝐞𝐫", "𝑶𝒘𝒏𝒆𝒓", "𝖮𝗐𝗇𝖾𝗋", "Adm𝐢n"} {
		if err := checkLookalike(name, role.Staff); !errors.Is(err, ErrNameLookalike) {
			t.Errorf("checkLookalike(%q, staff) = %v, want ErrNameLookalike", name, err)
		}
	}
	if got := compatible('𝟗'); got != '9' {
		t.Errorf("compatible(𝟗) = %q", got)
	}
	if err := checkLookalike("Ｎｉｇｈｔ ｓｈｉｆｔ", role.Staff); err != nil {
		t.Errorf("a fullwidth name that reads as no system set: %v", err)
	}
}
