//go:build race

package kiosk

// shortSoak is how many visits TestSoak drives by default under the race
// detector, as make test runs it: every way a visit goes, twice. A visit
// takes ten times longer there (3.4 s on two cores); make soak runs 10,000
// without it.
const shortSoak = 16
