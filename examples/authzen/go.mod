module github.com/clearance-go/clearance/examples/authzen

go 1.26.0

require (
	github.com/clearance-go/clearance v0.0.0-00010101000000-000000000000
	github.com/google/go-cmp v0.7.0
)

replace github.com/clearance-go/clearance => ../..
