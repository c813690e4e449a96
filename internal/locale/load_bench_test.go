package locale_test

import (
	"testing"

	"pasapas/internal/locale"
	"pasapas/locales"
)

// BenchmarkLoad_Start is the catalog's share of the program's start: the
// embedded messages loaded and the welcome screen's translator made (the
// other languages are read when a visitor chooses one).
//
//	go test -run '^$' -bench Load_Start -benchmem ./internal/locale/
func BenchmarkLoad_Start(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		c, err := locale.Load(locales.Files(), nil)
		if err != nil {
			b.Fatal(err)
		}
		if c.For(locale.Reference).T("app.name") == "app.name" {
			b.Fatal("the French messages are not there")
		}
	}
}
