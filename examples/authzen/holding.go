package main

// What a person holds, as the organization file describes it, or a subject
// described in full in its properties (stateless mode, off unless
// -stateless is given, and only for callers that presented a token).

import (
	"fmt"
	"slices"
	"strings"

	"github.com/clearance-go/clearance/permission/clip"
	"github.com/clearance-go/clearance/permission/strictjson"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// holdingKeys are the keys of a description that say something about the
// person's authority.
var holdingKeys = []string{"role", "scope", "addons", "set", "memberships", "organization", "workplace"}

// requestKeys are the specification's common subject properties: they say
// where the request comes from, not who the person is, and are accepted and
// ignored in a description.
var requestKeys = []string{"ip_address", "device_id"}

// isStateless reports whether subject properties describe the subject in
// full: they do when they name a role or a set, the keys that grant
// authority.
func isStateless(props value) bool {
	return props.Get("role").Kind != strictjson.Absent || props.Get("set").Kind != strictjson.Absent
}

// authorityKey returns the first key of props that describes authority, or
// "".
func authorityKey(props value) string {
	for _, m := range props.Members {
		if slices.Contains(holdingKeys, m.Key) {
			return m.Key
		}
	}
	return ""
}

// holdingMode says where a holding is read: the org file (which adds "id"
// and lets the file's organization stand) or a stateless subject (which may
// name its organization, which must be the loaded one, and carry the
// specification's common properties).
type holdingMode uint8

const (
	inOrgFile holdingMode = iota + 1
	inSubject
)

// parseHolding reads what a person holds: a system set ("role", with
// optional "scope" and "addons") or a custom set ("set", clearance's set
// document, decoded by set.Decode for the organization's plan), and
// "memberships" {"projects", "deals", "budgets"}.
//
// Every key is checked: an unknown key is an error, never ignored (a key
// repeated is refused when the whole input is read). The lenient rule for
// unknown fields does not apply here, because this object describes
// authority: a misspelled "scop": "restricted" ignored would leave a Manager
// with the default Unlimited scope, and a misspelled "memberships" would
// silently change what the person reaches.
func parseHolding(o value, path string, plan set.Plan, mode holdingMode) (scope.ID, holding, *protoError) {
	if o.Kind != strictjson.Object {
		return 0, holding{}, badRequest("%s: want an object, got %v", path, o.Kind)
	}
	for _, m := range o.Members {
		k := m.Key
		switch {
		case slices.Contains(holdingKeys, k) && (k != "organization" || mode == inSubject):
		case (k == "id" || k == "manager") && mode == inOrgFile:
		case slices.Contains(requestKeys, k) && mode == inSubject:
		default:
			known := "role, scope, addons, set, memberships, workplace, manager, id"
			if mode == inSubject {
				known = "role, scope, addons, set, memberships, workplace, organization, " + strings.Join(requestKeys, ", ")
			}
			return 0, holding{}, badRequest("%s: unknown property of a person's description (known: %s)", keyPath(path, k), known)
		}
	}
	var h holding
	var id scope.ID
	var err *protoError
	if mode == inOrgFile {
		v, ok := present(o, "id")
		if !ok {
			return 0, holding{}, badRequest("%s.id: missing", path)
		}
		if id, err = parseID(v, path+".id"); err != nil {
			return 0, holding{}, err
		}
	}
	hasRole := o.Get("role").Kind != strictjson.Absent
	doc := o.Get("set")
	switch hasSet := doc.Kind != strictjson.Absent; {
	case hasRole && hasSet:
		return 0, holding{}, badRequest("%s: role and set both given: a person holds one set", path)
	case hasSet:
		for _, k := range []string{"scope", "addons"} {
			if o.Get(k).Kind != strictjson.Absent {
				return 0, holding{}, badRequest("%s.%s: given with set: the set document says its own %s", path, k, k)
			}
		}
		s, derr := customSet(doc.Raw, plan)
		if derr != nil {
			return 0, holding{}, badRequest("%s.set: %v", path, derr)
		}
		h.set = s
	case hasRole:
		s, err := systemFrom(o, path)
		if err != nil {
			return 0, holding{}, err
		}
		h.set = s
	default:
		return 0, holding{}, badRequest("%s: neither role nor set: a person holds a system set (role, scope, addons) or a custom set (set)", path)
	}
	if v := o.Get("memberships"); v.Kind != strictjson.Absent {
		if err := parseMemberships(v, path+".memberships", &h); err != nil {
			return 0, holding{}, err
		}
	}
	if v := o.Get("organization"); v.Kind != strictjson.Absent {
		if h.organization, err = parseID(v, path+".organization"); err != nil {
			return 0, holding{}, err
		}
	}
	// The person's subsidiary (workplace) and, in the organization file,
	// their manager: the relations the rules of subsidiaries and absence
	// approval read.
	for _, rel := range []struct {
		key string
		dst *scope.ID
	}{{"workplace", &h.workplace}, {"manager", &h.manager}} {
		if v := o.Get(rel.key); v.Kind != strictjson.Absent {
			if *rel.dst, err = parseID(v, path+"."+rel.key); err != nil {
				return 0, holding{}, err
			}
		}
	}
	return id, h, nil
}

// strictString reads a required string value of a strict description.
func strictString(v value, path string) (string, *protoError) {
	if v.Kind != strictjson.String {
		return "", badRequest("%s: want a string, got %v", path, v.Kind)
	}
	return v.Text, nil
}

// systemFrom reads role, scope and addons into a system set.
func systemFrom(o value, path string) (set.Set, *protoError) {
	name, err := strictString(o.Get("role"), path+".role")
	if err != nil {
		return set.Set{}, err
	}
	r, perr := role.Parse(name)
	if perr != nil {
		return set.Set{}, badRequest("%s.role: %v", path, perr)
	}
	var sc scope.Scope
	if v := o.Get("scope"); v.Kind != strictjson.Absent {
		name, err := strictString(v, path+".scope")
		if err != nil {
			return set.Set{}, err
		}
		if sc, perr = scope.ParseScope(name); perr != nil {
			return set.Set{}, badRequest("%s.scope: %v", path, perr)
		}
	}
	var addons set.Addons
	if v := o.Get("addons"); v.Kind != strictjson.Absent {
		if v.Kind != strictjson.Array {
			return set.Set{}, badRequest("%s.addons: want an array of add-on names, got %v", path, v.Kind)
		}
		for i, item := range v.Elems {
			name, err := strictString(item, fmt.Sprintf("%s.addons[%d]", path, i))
			if err != nil {
				return set.Set{}, err
			}
			a, perr := set.ParseAddon(name)
			if perr != nil {
				return set.Set{}, badRequest("%s.addons[%d]: %v", path, i, perr)
			}
			if addons.Has(a) {
				return set.Set{}, badRequest("%s.addons[%d]: %s listed twice", path, i, clip.Quote(name))
			}
			addons |= a
		}
	}
	s, serr := systemSet(r, sc, addons)
	if serr != nil {
		return set.Set{}, badRequest("%s: %v", path, serr)
	}
	return s, nil
}

// parseMemberships reads {"projects": [...], "deals": [...], "budgets":
// [...]}, strictly: unknown keys, zero and repeated IDs are errors.
func parseMemberships(o value, path string, h *holding) *protoError {
	if o.Kind != strictjson.Object {
		return badRequest("%s: want an object, got %v", path, o.Kind)
	}
	for _, m := range o.Members {
		var dst *[]scope.ID
		switch m.Key {
		case "projects":
			dst = &h.projects
		case "deals":
			dst = &h.deals
		case "budgets":
			dst = &h.budgets
		default:
			return badRequest("%s: unknown membership (known: projects, deals, budgets)", keyPath(path, m.Key))
		}
		if m.Value.Kind != strictjson.Array {
			return badRequest("%s.%s: want an array of IDs, got %v", path, m.Key, m.Value.Kind)
		}
		seen := make(map[scope.ID]bool, len(m.Value.Elems))
		for i, item := range m.Value.Elems {
			id, err := parseID(item, fmt.Sprintf("%s.%s[%d]", path, m.Key, i))
			if err != nil {
				return err
			}
			if seen[id] {
				return badRequest("%s.%s[%d]: %d listed twice", path, m.Key, i, id)
			}
			seen[id] = true
			*dst = append(*dst, id)
		}
	}
	return nil
}
