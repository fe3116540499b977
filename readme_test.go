package clearance_test

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The README's code cannot drift: every fenced Go block in README.md is
// preceded by a marker naming the Example function of this directory that
// holds it,
//
//	<!-- example: Example_quickStart -->
//
// and every other block that shows what a program prints is preceded by
//
//	<!-- output: Example_sqlfilter -->
//
// TestReadmeGoBlocks checks that each Go block is, line for line and
// indentation aside, in the body of its Example (a whole program: its main
// function's body, and its imports among the example file's), so it is
// compiled, and run by go test; and that the output the block claims (the
// comment after a line that prints, and the comment lines after a "//
// Prints" line) is the Example's "// Output:". TestReadmeOutputBlocks checks
// each output block against its Example's output, whitespace aside.

// block is a fenced code block of README.md.
type block struct {
	line   int    // of the opening fence, from 1
	lang   string // the fence's info string: go, sh, sql
	marker string // "example: Name" or "output: Name" on the line before the fence, or ""
	text   string
}

// printsRE matches a line that prints, with the output it claims in a
// trailing comment.
var printsRE = regexp.MustCompile(`^fmt\.Print(?:f|ln)?\(.*\)\s+// (.*)$`)

var markerRE = regexp.MustCompile(`^<!-- (example|output): (Example\w*) -->$`)

// readmeBlocks returns the fenced blocks of README.md.
func readmeBlocks(t *testing.T) []block {
	t.Helper()
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	var out []block
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if !strings.HasPrefix(l, "```") || l == "```" {
			continue
		}
		b := block{line: i + 1, lang: strings.TrimPrefix(l, "```")}
		if i > 0 {
			if m := markerRE.FindStringSubmatch(lines[i-1]); m != nil {
				b.marker = m[1] + ": " + m[2]
			}
		}
		var body []string
		for i++; i < len(lines) && lines[i] != "```"; i++ {
			body = append(body, lines[i])
		}
		if i == len(lines) {
			t.Fatalf("README.md:%d: the block never closes", b.line)
		}
		b.text = strings.Join(body, "\n")
		out = append(out, b)
	}
	return out
}

// examples parses the example files of this directory: each Example's
// function body as source text, its output, and the files' imports.
type examples struct {
	bodies  map[string]string
	outputs map[string]*doc.Example
	imports map[string]bool
}

func parseExamples(t *testing.T) examples {
	t.Helper()
	fset := token.NewFileSet()
	ex := examples{bodies: map[string]string{}, outputs: map[string]*doc.Example{}, imports: map[string]bool{}}
	paths, err := readmeExampleFiles()
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, p, src, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
		for _, im := range f.Imports {
			path, _ := strconv.Unquote(im.Path.Value)
			ex.imports[path] = true
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil || !strings.HasPrefix(fn.Name.Name, "Example") {
				continue
			}
			ex.bodies[fn.Name.Name] = string(src[fset.Position(fn.Body.Lbrace).Offset+1 : fset.Position(fn.Body.Rbrace).Offset])
		}
	}
	for _, e := range doc.Examples(files...) {
		ex.outputs["Example"+e.Name] = e
	}
	return ex
}

// readmeExampleFiles are the files that hold the README's examples.
func readmeExampleFiles() ([]string, error) {
	entries, err := os.ReadDir(".")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "example_") && strings.HasSuffix(e.Name(), "_test.go") {
			out = append(out, e.Name())
		}
	}
	return out, nil
}

// lines returns text's non-blank lines, each trimmed of surrounding
// whitespace.
func lines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// contains reports whether want occurs in have as a contiguous run.
func contains(have, want []string) bool {
	for i := 0; i+len(want) <= len(have); i++ {
		if slices.Equal(have[i:i+len(want)], want) {
			return true
		}
	}
	return false
}

// claimedOutput returns the output a Go block says it prints: the comment
// after each line that calls fmt.Print, Printf or Println, and the comment
// lines after a line that begins "// Prints".
func claimedOutput(text string) []string {
	var out []string
	prints := false
	for _, l := range lines(text) {
		switch {
		case prints && strings.HasPrefix(l, "//"):
			out = append(out, strings.TrimSpace(strings.TrimPrefix(l, "//"))) // indentation aside, as lines compares
		case strings.HasPrefix(l, "// Prints"):
			prints = true
		default:
			if m := printsRE.FindStringSubmatch(l); m != nil {
				out = append(out, m[1])
			}
		}
	}
	return out
}

// mainBody returns the body of a whole program's main function and its
// imports.
func mainBody(t *testing.T, b block) (string, []string) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "README.md", b.text, parser.ParseComments)
	if err != nil {
		t.Fatalf("README.md:%d: %v", b.line, err)
	}
	var imports []string
	for _, im := range f.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		imports = append(imports, p)
	}
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Name.Name == "main" {
			return b.text[fset.Position(fn.Body.Lbrace).Offset+1 : fset.Position(fn.Body.Rbrace).Offset], imports
		}
	}
	t.Fatalf("README.md:%d: a program without func main", b.line)
	return "", nil
}

// TestReadmeGoBlocks: every Go block of the README is in the body of the
// Example its marker names, and claims the output that Example prints.
func TestReadmeGoBlocks(t *testing.T) {
	ex := parseExamples(t)
	n := 0
	for _, b := range readmeBlocks(t) {
		if b.lang != "go" {
			continue
		}
		n++
		name, ok := strings.CutPrefix(b.marker, "example: ")
		if !ok {
			t.Errorf("README.md:%d: a Go block without a <!-- example: ExampleName --> line before it", b.line)
			continue
		}
		body, found := ex.bodies[name]
		if !found {
			t.Errorf("README.md:%d: no %s in the example files", b.line, name)
			continue
		}
		code := b.text
		if strings.HasPrefix(code, "package ") {
			var imports []string
			code, imports = mainBody(t, b)
			for _, p := range imports {
				if !ex.imports[p] {
					t.Errorf("README.md:%d: imports %q, which no example file does", b.line, p)
				}
			}
		}
		if !contains(lines(body), lines(code)) {
			t.Errorf("README.md:%d: the block is not in %s's body, line for line (indentation aside): update one or the other.\nREADME:\n%s\n%s:\n%s", b.line, name, code, name, body)
		}
		claimed := claimedOutput(b.text)
		if len(claimed) == 0 {
			continue
		}
		e := ex.outputs[name]
		if e == nil || e.Output == "" && !e.EmptyOutput {
			t.Errorf("README.md:%d: the block claims output, and %s checks none", b.line, name)
			continue
		}
		if got := lines(e.Output); !slices.Equal(got, claimed) {
			t.Errorf("README.md:%d: the block claims\n%s\n%s prints\n%s", b.line, strings.Join(claimed, "\n"), name, strings.Join(got, "\n"))
		}
	}
	if n < 6 {
		t.Errorf("%d Go blocks in README.md; the test expects at least 6, so that it is not reading the wrong file", n)
	}
}

// TestReadmeOutputBlocks: every block marked as an Example's output is that
// output, whitespace aside.
func TestReadmeOutputBlocks(t *testing.T) {
	ex := parseExamples(t)
	n := 0
	for _, b := range readmeBlocks(t) {
		name, ok := strings.CutPrefix(b.marker, "output: ")
		if !ok {
			continue
		}
		n++
		e := ex.outputs[name]
		if e == nil || e.Output == "" {
			t.Errorf("README.md:%d: no %s with an output", b.line, name)
			continue
		}
		if got, want := strings.Join(strings.Fields(e.Output), " "), strings.Join(strings.Fields(b.text), " "); got != want {
			t.Errorf("README.md:%d: the block shows\n%s\n%s prints\n%s", b.line, b.text, name, e.Output)
		}
	}
	if n == 0 {
		t.Error("no output blocks in README.md")
	}
}

// apiNames returns, for the library's packages (role, scope, permission and
// its subpackages, set), each package's exported top-level names, and for
// every exported type, its exported methods and struct fields.
func apiNames(t *testing.T) (pkgs map[string]map[string]bool, members map[string]map[string]bool) {
	t.Helper()
	pkgs, members = map[string]map[string]bool{}, map[string]map[string]bool{}
	add := func(m map[string]map[string]bool, k, v string) {
		if m[k] == nil {
			m[k] = map[string]bool{}
		}
		m[k][v] = true
	}
	for _, dir := range []string{"role", "scope", "set", "permission", "permission/sqlfilter", "permission/strictjson", "permission/clip", "set/impact"} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		fset := token.NewFileSet()
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, dir+"/"+e.Name(), nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			pkg := f.Name.Name
			for _, d := range f.Decls {
				switch d := d.(type) {
				case *ast.FuncDecl:
					if d.Recv == nil {
						add(pkgs, pkg, d.Name.Name)
						continue
					}
					typ := d.Recv.List[0].Type
					if s, ok := typ.(*ast.StarExpr); ok {
						typ = s.X
					}
					if ix, ok := typ.(*ast.IndexExpr); ok {
						typ = ix.X
					}
					if id, ok := typ.(*ast.Ident); ok {
						add(members, id.Name, d.Name.Name)
					}
				case *ast.GenDecl:
					for _, s := range d.Specs {
						switch s := s.(type) {
						case *ast.ValueSpec:
							for _, n := range s.Names {
								add(pkgs, pkg, n.Name)
							}
						case *ast.TypeSpec:
							add(pkgs, pkg, s.Name.Name)
							if st, ok := s.Type.(*ast.StructType); ok {
								for _, fl := range st.Fields.List {
									for _, n := range fl.Names {
										add(members, s.Name.Name, n.Name)
									}
								}
							}
						}
					}
				}
			}
		}
	}
	return pkgs, members
}

// codeRE matches a name in a README code span: pkg.Name, pkg.Type.Member or
// Type.Member, optionally called.
var codeRE = regexp.MustCompile("`((?:[a-z]+\\.)?[A-Z]\\w*(?:\\.[A-Z]\\w*)?)(?:\\([^`]*\\))?`")

// testNameRE matches the name of a test, fuzz target, benchmark or example
// in a README code span.
var testNameRE = regexp.MustCompile("`((?:Test|Fuzz|Benchmark|Example)[A-Z_]\\w*)`")

// TestReadmeNames: every identifier of the library the README's prose names
// in a code span (permission.List, set.ErrPlan, Decision.Field,
// Renderer.Facts) exists, and so does every test, fuzz target, benchmark
// and example it names.
func TestReadmeNames(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	pkgs, members := apiNames(t)
	checked := 0
	for _, m := range codeRE.FindAllStringSubmatch(string(data), -1) {
		parts := strings.Split(m[1], ".")
		ok := true
		switch {
		case len(parts) == 2 && pkgs[parts[0]] != nil:
			ok = pkgs[parts[0]][parts[1]]
		case len(parts) == 3 && pkgs[parts[0]] != nil:
			ok = pkgs[parts[0]][parts[1]] && members[parts[1]][parts[2]]
		case len(parts) == 2 && members[parts[0]] != nil:
			ok = members[parts[0]][parts[1]]
		default:
			continue // not a name of the library: a field of the wire, a Go name
		}
		checked++
		if !ok {
			t.Errorf("README.md names `%s`, which the library does not have", m[1])
		}
	}
	if checked < 50 {
		t.Errorf("checked %d names of the library in README.md; expected more", checked)
	}

	defined := map[string]bool{}
	funcRE := regexp.MustCompile(`(?m)^func ((?:Test|Fuzz|Benchmark|Example)\w*)\(`)
	err = filepathWalk(".", func(path string) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range funcRE.FindAllStringSubmatch(string(src), -1) {
			defined[m[1]] = true
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range testNameRE.FindAllStringSubmatch(string(data), -1) {
		if !defined[m[1]] {
			t.Errorf("README.md names `%s`, which no test file defines", m[1])
		}
	}
}

// filepathWalk calls f with the path of every _test.go file under root.
func filepathWalk(root string, f func(path string)) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && path != root {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, "_test.go") {
			f(path)
		}
		return nil
	})
}
