package main

// Reading a resource: its type, ID and the properties clearance's rules
// read, from one table.

import (
	"fmt"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/permission/clip"
	"github.com/clearance-go/clearance/permission/strictjson"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
)

// resourceProps are the resource properties this decision point reads: the
// name on the wire, where it goes (its type says how it is read: an ID, a
// visibility, a role or a boolean), the kind whose ID fills it (noField for
// none), and the name of the field of clearance's Resource it fills, which
// Decision.Field names when it is lacking. TestEveryPropertyIsRead holds
// every row to being read. A property not
// in this table is ignored and named in the answer's context
// (unknown_properties). A field added to clearance's Resource is read by
// adding one row.
var resourceProps = []struct {
	name  string
	dst   func(*facts) any
	idOf  kindField
	field string
}{
	{"organization", func(f *facts) any { return &f.organization }, organizationField, "Org"},
	{"project", func(f *facts) any { return &f.project }, projectField, "Project"},
	{"visibility", func(f *facts) any { return &f.visibility }, noField, "Visibility"},
	{"budget", func(f *facts) any { return &f.budget }, budgetField, "Budget"},
	{"client_access", func(f *facts) any { return &f.clientAccess }, noField, "ClientAccess"},
	{"deal", func(f *facts) any { return &f.deal }, dealField, "Deal"},
	{"person", func(f *facts) any { return &f.person }, personField, "Person"},
	{"person_role", func(f *facts) any { return &f.personRole }, noField, "PersonRole"},
	{"approver", func(f *facts) any { return &f.approver }, noField, "Approver"},
	{"workplace", func(f *facts) any { return &f.workplace }, noField, "Workplace"},
	{"manager", func(f *facts) any { return &f.manager }, noField, "Manager"},
	{"approvers", func(f *facts) any { return &f.approvers }, noField, "Approvers"},
	{"approval_required", func(f *facts) any { return &f.approvalRequired }, noField, "ApprovalRequired"},
	{"approved", func(f *facts) any { return &f.approved }, noField, "Approved"},
	{"manager_approves", func(f *facts) any { return &f.managerApproves }, noField, "ManagerApproves"},
	{"person_permissions", func(f *facts) any { return &f.personPermissions }, noField, "PersonPermissions"},
}

// propertyOfField returns the wire name of the Resource field a decision
// names as lacking ("Visibility" is "visibility", "Kind" is the resource's
// "type"), or the field's own name when no property fills it.
func propertyOfField(field string) string {
	if field == "Kind" {
		return "type"
	}
	for _, p := range resourceProps {
		if p.field == field {
			return "properties." + p.name
		}
	}
	return field
}

// maxUnknownNamed is how many unknown properties an answer names: enough to
// point out a misspelling, bounded so that an answer costs a bounded number
// of bytes per decision whatever the request.
const maxUnknownNamed = 4

// unknownProperty is a resource property this decision point does not
// read, with the known one nearest to it, if any is near.
type unknownProperty struct {
	Name    string `json:"name"`
	Nearest string `json:"did_you_mean,omitempty"`
}

// unknownProperties returns the first maxUnknownNamed properties of props
// that are not in resourceProps, each name cut to clip.Max bytes, with the
// nearest known name within two edits.
func unknownProperties(props value) []unknownProperty {
	var out []unknownProperty
	for _, m := range props.Members {
		if len(out) == maxUnknownNamed {
			break
		}
		best, dist := "", 3
		known := false
		for _, p := range resourceProps {
			if p.name == m.Key {
				known = true
				break
			}
			if d := clip.Distance(m.Key, p.name); d < dist {
				best, dist = p.name, d
			}
		}
		if !known {
			name := m.Key
			if len(name) > clip.Max {
				name = clip.Quote(name)
			}
			out = append(out, unknownProperty{name, best})
		}
	}
	return out
}

// parseFacts reads a resource: its type (clearance's kind), its ID and the
// properties the rules read. An unknown type is not an error: it is denied
// (ok false). Unknown properties are ignored; a known one of the wrong type
// is an error.
//
// A resource that names no organization is the loaded organization's (org).
func parseFacts(e *entity, path string, org scope.ID) (f facts, ok bool, err *protoError) {
	kind, field, known := parseKind(e.typ)
	f.kind = kind
	for _, p := range resourceProps {
		v, has := present(e.props, p.name)
		if !has {
			continue
		}
		at := path + ".properties." + p.name
		switch dst := p.dst(&f).(type) {
		case *scope.ID:
			if *dst, err = parseID(v, at); err != nil {
				return f, false, err
			}
		case *scope.Visibility:
			if v.Kind != strictjson.String {
				return f, false, badRequest("%s: want a string, got %v", at, v.Kind)
			}
			vis, perr := scope.ParseVisibility(v.Text)
			if perr != nil {
				return f, false, badRequest("%s: %v", at, perr)
			}
			*dst = vis
		case *role.Role:
			if v.Kind != strictjson.String {
				return f, false, badRequest("%s: want a string, got %v", at, v.Kind)
			}
			r, perr := role.Parse(v.Text)
			if perr != nil {
				return f, false, badRequest("%s: %v", at, perr)
			}
			*dst = r
		case *bool:
			if v.Kind != strictjson.Bool {
				return f, false, badRequest("%s: want a boolean, got %v", at, v.Kind)
			}
			*dst = v.IsTrue()
		case *[]scope.ID:
			if v.Kind != strictjson.Array {
				return f, false, badRequest("%s: want an array of IDs, got %v", at, v.Kind)
			}
			for i, item := range v.Elems {
				id, err := parseID(item, fmt.Sprintf("%s[%d]", at, i))
				if err != nil {
					return f, false, err
				}
				*dst = append(*dst, id)
			}
		case *permission.Mask:
			if v.Kind != strictjson.Array {
				return f, false, badRequest("%s: want an array of permission names, got %v", at, v.Kind)
			}
			names := make([]string, 0, len(v.Elems))
			for i, item := range v.Elems {
				name, err := strictString(item, fmt.Sprintf("%s[%d]", at, i))
				if err != nil {
					return f, false, err
				}
				names = append(names, name)
			}
			m, merr := permission.MaskFromNames(names)
			if merr != nil {
				return f, false, badRequest("%s: %v", at, merr)
			}
			*dst = m
		}
	}
	// The resource's ID is the record's number; for a project, budget,
	// deal, person or the organization it is also the field the rules read.
	// An ID that is not a decimal number is only a label.
	if id, isNum := idFromString(e.id); isNum {
		f.id = id
		for _, p := range resourceProps {
			if p.idOf != field || field == noField {
				continue
			}
			dst := p.dst(&f).(*scope.ID)
			switch *dst {
			case 0:
				*dst = id
			case id:
			default:
				return f, false, badRequest("%s: id %s and properties.%s %d disagree", path, clip.Quote(e.id), p.name, *dst)
			}
		}
	}
	if f.organization == 0 {
		f.organization = org
	}
	return f, known, nil
}
