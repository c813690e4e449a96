package commune

import "testing"

// BenchmarkLoad measures what the first Load costs: decompressing and
// indexing the embedded file (later calls return the same table).
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearch measures a keystroke of search-as-you-type, 10 results,
// over queries from narrow to broad.
func BenchmarkSearch(b *testing.B) {
	tb := table(b)
	for _, q := range []string{"s", "saint etienne", "st", "sur", "lyon 3", "zzz", "690"} {
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				tb.Search(q, 10)
			}
		})
	}
}

func BenchmarkTable_ByPostalCode(b *testing.B) {
	tb := table(b)
	b.ReportAllocs()
	for b.Loop() {
		tb.ByPostalCode("01400")
	}
}

func BenchmarkTable_Check(b *testing.B) {
	tb := table(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tb.Check("75001", "Paris"); err != nil {
			b.Fatal(err)
		}
	}
}
