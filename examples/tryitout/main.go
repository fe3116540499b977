// Command tryitout previews what a person holding a permission set may do,
// section by section, the way Productive's "Try it out" button does for a
// saved permission set.
//
// With no flags it previews every system set. Flags narrow the preview:
//
//	go run ./examples/tryitout -role manager -scope restricted
//	go run ./examples/tryitout -role staff -addons contacts,time
//	go run ./examples/tryitout -set testdata/sets/accounting.json
//	go run ./examples/tryitout -set testdata/sets/accounting.json -diff
//	go run ./examples/tryitout -json -role client -addons budgets
//
// Each action is tried on the most favourable resource of its kind (see
// [sample]), so a "denied" means the set itself does not allow the action,
// not that the person merely lacks a membership.
//
// With -diff it shows what a custom set grants and revokes against its
// base and the actions that change, and then, in a section of its own, the
// impact of switching an example organization's holders of the base to the
// set (package set/impact): who gains and who loses which actions, on any
// record of a kind and on each of a dozen records.
//
// Exit status: 0 on success, 1 for an unreadable or invalid -set file (only
// the decoder's error is printed, prefixed with the file name), 2 for a usage
// error.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// Exit codes.
const (
	exitOK      = 0
	exitInvalid = 1 // the -set file cannot be read or is not a valid set
	exitUsage   = 2 // bad flags
)

// The people and records of the preview. The previewed person is a member of
// the project, the budget and the deal, approves the budget, and the budget
// has Client access on: the most favourable relation for every reach rule.
const (
	previewOrg       scope.ID = 1 // the organization of the person and of every record
	previewPerson    scope.ID = 1 // the person holding the previewed set
	otherPerson      scope.ID = 2 // someone else, whose records others' actions act on
	previewProject   scope.ID = 10
	previewBudget    scope.ID = 20
	previewDeal      scope.ID = 30
	previewRecord    scope.ID = 40
	previewWorkplace scope.ID = 50 // the subsidiary of the person and of the others whose records they see
)

// intro explains the representative resources; it heads the text output.
const intro = `Try it out: each action is tried on the most favourable resource of its kind:
a public project the person is a member of, its tasks and docs; a budget of
that project they are a member of and approve, with Client access on, and its
invoices; a deal assigned to them; their own record for actions on one's own
records, and someone else's (a client's) otherwise.
`

// subjectFor returns the subject for the previewed person holding s, with
// the memberships of the preview.
func subjectFor(s set.Set) permission.Subject {
	subj := s.Subject(previewOrg, previewPerson)
	subj.Plan = set.Ultimate // the plan custom sets need, which includes clients' budgets
	subj.Projects = scope.NewMembers(previewProject)
	subj.Budgets = scope.NewMembers(previewBudget)
	subj.Deals = scope.NewMembers(previewDeal)
	subj.Workplace = previewWorkplace
	return subj
}

// sample returns the representative resource of kind k: the person's own
// record when own is true, someone else's otherwise. Every relation field is
// filled in; Authorize reads only those the kind needs.
func sample(k permission.Kind, own bool) permission.Resource {
	person := otherPerson
	if own {
		person = previewPerson
	}
	return permission.Resource{
		Org:          previewOrg,
		Kind:         k,
		ID:           previewRecord,
		Project:      previewProject,
		Visibility:   scope.Public,
		Deal:         previewDeal,
		Budget:       previewBudget,
		ClientAccess: true,
		Person:       person,
		PersonRole:   role.Client, // the person acted on: the lowest rank
		Approver:     previewPerson,
		// Awaiting approval, with the person as its approver; the record's
		// owner of the person's subsidiary, holding the Client Staff set,
		// which is within every system set (as set/impact's Favourable has
		// it).
		ApprovalRequired:  true,
		Approvers:         previewApprovers,
		Workplace:         previewWorkplace,
		PersonPermissions: set.MustSystem(role.Client, 0, 0).Permissions(),
	}
}

// previewApprovers names the previewed person as an absence approver.
var previewApprovers = scope.NewMembers(previewPerson)

// ownRecord reports whether action a applies to the person's own records, so
// that its most favourable resource is their own.
func ownRecord(a permission.Action) bool {
	switch a.Rule() {
	case permission.OwnRecord, permission.OwnRecordInReach:
		return true
	}
	return false
}

// preview is what a person holding a set may do.
type preview struct {
	set      set.Set
	sections []sectionPreview
	allowed  int
	total    int
}

type sectionPreview struct {
	section   permission.Section
	decisions []permission.Decision
	ownOnly   []bool // decisions[i] is allowed on the person's own records only
}

// previewOf decides every action for a person holding s. It asks
// Capabilities, once per kind and record owner, which actions are allowed,
// and Authorize why the others are not; the two must agree.
func previewOf(s set.Set) (preview, error) {
	subj := subjectFor(s)
	type key struct {
		kind permission.Kind
		own  bool
	}
	caps := map[key]permission.ActionMask{}
	p := preview{set: s}
	for sec := range permission.Sections() {
		sp := sectionPreview{section: sec}
		for a := range permission.Actions() {
			if a.Section() != sec {
				continue
			}
			k := key{a.Kind(), ownRecord(a)}
			m, ok := caps[k]
			if !ok {
				m = permission.Capabilities(subj, sample(k.kind, k.own))
				caps[k] = m
			}
			d := permission.Authorize(subj, a, sample(k.kind, k.own))
			if d.Allowed() != m.Has(a) {
				return preview{}, fmt.Errorf("%s: Capabilities and Authorize disagree on %v (%v)", s.Name(), a, d)
			}
			// Someone else's record is denied, the person's own allowed:
			// show the allow, marked as for their own records only (their
			// own time entries, bookings, absence, expenses).
			ownOnly := false
			if !k.own && d.Reason() == permission.NotOwnRecord {
				if own := permission.Authorize(subj, a, sample(k.kind, true)); own.Allowed() {
					d, ownOnly = own, true
				}
			}
			sp.decisions = append(sp.decisions, d)
			sp.ownOnly = append(sp.ownOnly, ownOnly)
			p.total++
			if d.Allowed() {
				p.allowed++
			}
		}
		if len(sp.decisions) > 0 {
			p.sections = append(p.sections, sp)
		}
	}
	return p, nil
}

// why explains a deny: the reason's sentence and, when one was missing, the
// permission.
func why(d permission.Decision) string {
	if d.Allowed() {
		return ""
	}
	s := d.Reason().Sentence()
	if m := d.Missing(); m.IsValid() {
		s += " (" + m.String() + ")"
	}
	return s
}

func verdict(d permission.Decision) string {
	if d.Allowed() {
		return "allowed"
	}
	return "denied"
}

// options are the parsed flags.
type options struct {
	role    role.Role
	scope   scope.Scope
	addons  set.Addons
	setFile string
	diff    bool
	json    bool
	given   map[string]bool
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	flags := flag.NewFlagSet("tryitout", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Func("role", "preview the system set of `role` (staff, coordinator, manager, profitability_manager, admin, owner, client, contractor)", func(v string) error {
		r, err := role.Parse(v)
		o.role = r
		return err
	})
	flags.Func("scope", "with -role: the `scope` of the set (member, restricted, unlimited); the role's default if absent", func(v string) error {
		s, err := scope.ParseScope(v)
		o.scope = s
		return err
	})
	flags.Func("addons", "with -role: comma-separated `add-ons` (contacts, time for staff; budgets for client)", func(v string) error {
		o.addons = 0
		for _, name := range strings.Split(v, ",") {
			a, err := set.ParseAddon(strings.TrimSpace(name))
			if err != nil {
				return err
			}
			o.addons |= a
		}
		return nil
	})
	flags.StringVar(&o.setFile, "set", "", "preview the permission set in JSON `file` (decoded for the Ultimate plan)")
	flags.BoolVar(&o.diff, "diff", false, "with -set: show what the set grants and revokes against its base, the actions that change, and who gains and loses what in an example organization")
	flags.BoolVar(&o.json, "json", false, "print JSON instead of text")
	flags.Usage = func() {
		fmt.Fprintf(flags.Output(), "usage: tryitout [-role ROLE [-scope SCOPE] [-addons A,B] | -set FILE [-diff]] [-json]\n")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return o, err
	}
	o.given = map[string]bool{}
	flags.Visit(func(f *flag.Flag) { o.given[f.Name] = true })
	var problem string
	switch {
	case flags.NArg() > 0:
		problem = fmt.Sprintf("unexpected argument %q", flags.Arg(0))
	case o.given["set"] && (o.given["role"] || o.given["scope"] || o.given["addons"]):
		problem = "-set cannot be combined with -role, -scope or -addons"
	case o.given["set"] && o.setFile == "":
		problem = "-set needs a file name"
	case (o.given["scope"] || o.given["addons"]) && !o.given["role"]:
		problem = "-scope and -addons need -role"
	case o.diff && !o.given["set"]:
		problem = "-diff needs -set"
	}
	if problem != "" {
		fmt.Fprintf(stderr, "tryitout: %s\n", problem)
		flags.Usage()
		return o, errUsage
	}
	return o, nil
}

var errUsage = errors.New("usage")

// run is the program: it parses args, writes the preview to stdout and
// problems to stderr, and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case err != nil:
		return exitUsage
	}

	var sets []set.Set
	switch {
	case o.given["set"]:
		s, msg := readSet(o.setFile)
		if msg != "" {
			fmt.Fprintln(stderr, msg)
			return exitInvalid
		}
		sets = append(sets, s)
	case o.given["role"]:
		s, err := set.System(o.role, o.scope, o.addons)
		if err != nil {
			fmt.Fprintf(stderr, "tryitout: %v\n", err)
			return exitUsage
		}
		sets = append(sets, s)
	default:
		for s := range set.Systems() {
			sets = append(sets, s)
		}
	}

	var out bytes.Buffer
	if err := render(&out, sets, o); err != nil {
		fmt.Fprintf(stderr, "tryitout: %v\n", err)
		return exitInvalid
	}
	if _, err := stdout.Write(out.Bytes()); err != nil {
		fmt.Fprintf(stderr, "tryitout: %v\n", err)
		return exitInvalid
	}
	return exitOK
}

// readSet reads and decodes the set in file. On failure it returns the
// message to print: the file name and the decoder's error (which names the
// JSON path and the offending value), or the file name and why it cannot be
// read.
func readSet(file string) (set.Set, string) {
	data, err := os.ReadFile(file)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return set.Set{}, fmt.Sprintf("%s: %v", file, err)
	}
	s, err := set.Decode(data, set.Ultimate)
	if err != nil {
		return set.Set{}, fmt.Sprintf("%s: %v", file, err)
	}
	return s, ""
}

func render(w io.Writer, sets []set.Set, o options) error {
	var previews []preview
	var diffs []*setDiff
	for _, s := range sets {
		p, err := previewOf(s)
		if err != nil {
			return err
		}
		previews = append(previews, p)
		if o.diff {
			d, err := diffOf(s, p)
			if err != nil {
				return err
			}
			diffs = append(diffs, d)
		}
	}
	if o.json {
		return writeJSON(w, previews, diffs)
	}
	return writeText(w, previews, diffs)
}

// setDiff is what a custom set changes against its base.
type setDiff struct {
	base    set.Set
	delta   set.Delta
	changes []change
	impact  *setImpact // switching an example organization from the base to the set
}

// change is an action whose decision differs between the base and the set.
type change struct {
	section        permission.Section
	was, now       permission.Decision
	wasOwn, nowOwn bool // allowed on the person's own records only
}

func diffOf(s set.Set, p preview) (*setDiff, error) {
	base := set.BaseOf(s)
	bp, err := previewOf(base)
	if err != nil {
		return nil, err
	}
	im, err := impactOf(s)
	if err != nil {
		return nil, err
	}
	d := &setDiff{base: base, delta: set.Diff(base, s), impact: im}
	for i, sec := range p.sections {
		for j, now := range sec.decisions {
			was := bp.sections[i].decisions[j]
			wasOwn, nowOwn := bp.sections[i].ownOnly[j], sec.ownOnly[j]
			if was.Allowed() != now.Allowed() || wasOwn != nowOwn {
				d.changes = append(d.changes, change{sec.section, was, now, wasOwn, nowOwn})
			}
		}
	}
	return d, nil
}

// describe says what s is: base, scope, seat.
func describe(s set.Set) string {
	var b strings.Builder
	if s.Custom() {
		fmt.Fprintf(&b, "custom set based on %s; ", set.BaseOf(s).Name())
	}
	fmt.Fprintf(&b, "role %v, %v scope", s.Role(), s.Scope())
	if a := s.Addons(); a != 0 {
		fmt.Fprintf(&b, ", add-ons %v", a)
	}
	fmt.Fprintf(&b, ", %v seat", s.Seat())
	return b.String()
}

func writeText(w io.Writer, previews []preview, diffs []*setDiff) error {
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 8, 2, ' ', 0)
	if diffs == nil {
		fmt.Fprint(tw, intro)
	}
	for i, p := range previews {
		if diffs == nil || i > 0 {
			fmt.Fprintln(tw)
		}
		fmt.Fprintf(tw, "%s\n  %s\n", p.set.Name(), describe(p.set))
		if diffs != nil {
			writeTextDiff(tw, diffs[i])
			continue
		}
		fmt.Fprintf(tw, "  %d of %d actions allowed\n\n", p.allowed, p.total)
		for _, sec := range p.sections {
			fmt.Fprintf(tw, "%v\t\t\n", sec.section)
			for j, d := range sec.decisions {
				note := why(d)
				if sec.ownOnly[j] {
					note = "their own records only"
				}
				fmt.Fprintf(tw, "  %v\t%s\t%s\n", d.Action(), verdict(d), note)
			}
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return writeTrimmed(w, buf.Bytes())
}

func writeTextDiff(w io.Writer, d *setDiff) {
	list := func(title string, m permission.Mask) {
		fmt.Fprintf(w, "\n%s (%d)\n", title, m.Len())
		if m.IsEmpty() {
			fmt.Fprintf(w, "  none\n")
		}
		for p := range m.All() {
			fmt.Fprintf(w, "  %v\t%v\t%s\n", p.Section(), p, p.Description())
		}
	}
	list("Grants", d.delta.Grant)
	list("Revokes", d.delta.Revoke)
	fmt.Fprintf(w, "\nActions that change (%d)\n", len(d.changes))
	if len(d.changes) == 0 {
		fmt.Fprintf(w, "  none\n")
	}
	for _, c := range d.changes {
		switch {
		case c.now.Allowed() && c.was.Allowed() && c.wasOwn:
			fmt.Fprintf(w, "  %v\t%v\tnow allowed on everyone's records (was their own only)\n", c.section, c.now.Action())
		case c.now.Allowed() && c.was.Allowed():
			fmt.Fprintf(w, "  %v\t%v\tnow allowed on their own records only (was everyone's)\n", c.section, c.now.Action())
		case c.now.Allowed():
			fmt.Fprintf(w, "  %v\t%v\tnow allowed (was denied: %s)\n", c.section, c.now.Action(), why(c.was))
		default:
			fmt.Fprintf(w, "  %v\t%v\tnow denied: %s\n", c.section, c.now.Action(), why(c.now))
		}
	}
	writeTextImpact(w, d.impact)
}

// writeTrimmed writes text with the trailing blanks tabwriter leaves after
// empty cells removed from every line.
func writeTrimmed(w io.Writer, text []byte) error {
	lines := bytes.SplitAfter(text, []byte("\n"))
	var out bytes.Buffer
	for _, l := range lines {
		nl := bytes.HasSuffix(l, []byte("\n"))
		out.Write(bytes.TrimRight(l, " \n"))
		if nl {
			out.WriteByte('\n')
		}
	}
	_, err := w.Write(out.Bytes())
	return err
}

// The JSON form, for tools.
type (
	jsonOutput struct {
		Sets []jsonSet `json:"sets"`
	}
	jsonSet struct {
		Name     string        `json:"name"`
		Custom   bool          `json:"custom"`
		Base     string        `json:"base_set,omitempty"`
		Role     role.Role     `json:"role"`
		Scope    scope.Scope   `json:"scope"`
		Addons   []string      `json:"addons"`
		Seat     string        `json:"seat"`
		Allowed  int           `json:"allowed"`
		Total    int           `json:"total"`
		Sections []jsonSection `json:"sections,omitempty"`
		Diff     *jsonDiff     `json:"diff,omitempty"`
		Impact   *jsonImpact   `json:"impact,omitempty"` // with -diff: switching an example organization from the base to the set
	}
	jsonSection struct {
		Section string         `json:"section"`
		Actions []jsonDecision `json:"actions"`
	}
	jsonDecision struct {
		Action   permission.Action `json:"action"`
		Allowed  bool              `json:"allowed"`
		Reason   string            `json:"reason"`
		Sentence string            `json:"sentence,omitempty"`
		Missing  string            `json:"missing,omitempty"`
		OwnOnly  bool              `json:"own_only,omitempty"` // allowed on the person's own records only
	}
	jsonDiff struct {
		Base    string       `json:"base"`
		Grant   []string     `json:"grant"`
		Revoke  []string     `json:"revoke"`
		Changes []jsonChange `json:"changes"`
	}
	jsonChange struct {
		Section string       `json:"section"`
		Was     jsonDecision `json:"was"`
		Now     jsonDecision `json:"now"`
	}
)

func decisionJSON(d permission.Decision) jsonDecision {
	j := jsonDecision{Action: d.Action(), Allowed: d.Allowed(), Reason: d.Reason().String()}
	if !d.Allowed() {
		j.Sentence = d.Reason().Sentence()
	}
	if m := d.Missing(); m.IsValid() {
		j.Missing = m.String()
	}
	return j
}

func writeJSON(w io.Writer, previews []preview, diffs []*setDiff) error {
	out := jsonOutput{Sets: []jsonSet{}}
	for i, p := range previews {
		s := p.set
		js := jsonSet{
			Name: s.Name(), Custom: s.Custom(), Role: s.Role(), Scope: s.Scope(), Addons: []string{},
			Seat: s.Seat().String(), Allowed: p.allowed, Total: p.total,
		}
		if s.Custom() {
			js.Base = set.BaseOf(s).Name()
		}
		if a := s.Addons(); a != 0 {
			js.Addons = strings.Split(a.String(), "+")
		}
		if diffs == nil {
			for _, sec := range p.sections {
				jsec := jsonSection{Section: sec.section.String()}
				for j, d := range sec.decisions {
					jd := decisionJSON(d)
					jd.OwnOnly = sec.ownOnly[j]
					jsec.Actions = append(jsec.Actions, jd)
				}
				js.Sections = append(js.Sections, jsec)
			}
		} else {
			d := diffs[i]
			jd := &jsonDiff{Base: d.base.Name(), Grant: d.delta.Grant.Names(), Revoke: d.delta.Revoke.Names(), Changes: []jsonChange{}}
			for _, c := range d.changes {
				was, now := decisionJSON(c.was), decisionJSON(c.now)
				was.OwnOnly, now.OwnOnly = c.wasOwn, c.nowOwn
				jd.Changes = append(jd.Changes, jsonChange{c.section.String(), was, now})
			}
			js.Diff = jd
			js.Impact = impactJSON(d.impact)
		}
		out.Sets = append(out.Sets, js)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
