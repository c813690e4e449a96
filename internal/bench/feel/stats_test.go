package main

import "testing"

// TestMetrics reads each benchmark's figures from go test's output, where
// a log line may split a benchmark's line from its figures.
func TestMetrics(t *testing.T) {
	out := []byte(`goos: linux
BenchmarkStepChange/whole/fr-2         	     300	   1240298 ns/op	         0.4500 cpu-p50-ms	         0.9330 cpu-p95-ms	         0.4520 p50-ms	         4.358 p95-ms
BenchmarkStepChange/whole/ar-2         	     300	   5113614 ns/op	         1.112 cpu-p50-ms	         2.130 cpu-p95-ms	         1.172 p50-ms	        17.79 p95-ms
BenchmarkStepChange/column/fr-2        	2026/12/03 18:09:02 INFO official site opened host=www.ameli.fr
     300	   3000000 ns/op	         0.7 cpu-p50-ms	         1.5 cpu-p95-ms	         0.8 p50-ms	        9.1 p95-ms
PASS
`)
	for _, tt := range []struct {
		name string
		key  string
		want float64
	}{
		{"BenchmarkStepChange/whole/fr", "cpu-p95-ms", 0.933},
		{"BenchmarkStepChange/whole/ar", "p95-ms", 17.79},
		{"BenchmarkStepChange/column/fr", "cpu-p95-ms", 1.5},
		{"BenchmarkStepChange/column/fr", "p50-ms", 0.8},
	} {
		if got := metrics(out, tt.name)[tt.key]; got != tt.want {
			t.Errorf("Got(metrics(%s)[%s]) = %v, want %v", tt.name, tt.key, got, tt.want)
		}
	}
}
