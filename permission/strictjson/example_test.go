package strictjson_test

import (
	"errors"
	"fmt"

	"github.com/clearance-go/clearance/permission/strictjson"
)

// Parse reads a request once: a key repeated anywhere is refused, naming
// it, and keys are compared exactly.
func ExampleParse() {
	limits := strictjson.Limits{MaxDepth: 32, MaxValues: 1000}

	v, err := strictjson.Parse([]byte(`{"subject": {"type": "user", "id": "3"}, "Subject": {"id": "1"}}`), limits)
	fmt.Println(v.Get("subject").Get("id").Text, err)
	fmt.Println(v.Get("SUBJECT").Kind)

	_, err = strictjson.Parse([]byte(`{"resource": {"properties": {"visibility": "private", "visibility": "public"}}}`), limits)
	fmt.Println(err)
	fmt.Println(errors.Is(err, strictjson.ErrDuplicate))
	// Output:
	// 3 <nil>
	// nothing
	// $.resource.properties.visibility: key "visibility": key listed twice
	// true
}

// A Scanner walks an input by its schema in one pass, here summing an
// array of numbers without building a tree.
func ExampleScanner() {
	s, err := strictjson.NewScanner([]byte(`[1, 2, 3]`), 8)
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := s.Begin()
	if err == nil && c == '[' {
		err = s.Open()
	}
	n := 0
	if err == nil {
		err = s.Elements(func(c byte) error {
			start := s.Offset()
			if err := s.Number(); err != nil {
				return err
			}
			n += int(s.Bytes(start)[0] - '0')
			return nil
		})
		s.Close()
	}
	if err == nil {
		err = s.End("the array")
	}
	fmt.Println(n, err)
	// Output: 6 <nil>
}
