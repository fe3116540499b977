//go:build race

package main

// raceEnabled is true when the tests run under the race detector, which
// slows everything about tenfold: the load test asks less.
const raceEnabled = true
