//go:build !race

package kiosk

// shortSoak is how many visits TestSoak drives by default: make test runs
// the tests under the race detector (soak_race_test.go); go test without
// it runs these.
const shortSoak = 200
