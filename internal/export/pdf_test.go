package export_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"pasapas/internal/export"
	"pasapas/internal/journal"
	"pasapas/internal/report"
)

// pdfText returns the text of a PDF as pdftotext -layout reads it, and its
// number of pages.
func pdfText(t *testing.T, pdf []byte) (string, int) {
	t.Helper()
	bin := tool(t, "pdftotext")
	path := filepath.Join(t.TempDir(), "out.pdf")
	check(t, "WriteFile", os.WriteFile(path, pdf, 0o600))
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", path, "-").Output()
	check(t, "pdftotext", err)
	info, err := exec.Command(tool(t, "pdfinfo"), path).Output()
	check(t, "pdfinfo", err)
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil {
		t.Fatalf("Got(pdfinfo) = %q, want a page count", info)
	}
	pages, _ := strconv.Atoi(string(m[1]))
	return string(out), pages
}

// lines returns the non-blank lines of text with their spaces collapsed.
func lines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func hasLine(ls []string, re string) bool {
	r := regexp.MustCompile(re)
	for _, l := range ls {
		if r.MatchString(l) {
			return true
		}
	}
	return false
}

func TestWriteStatsPDF(t *testing.T) {
	f := newFixture(t)
	st := report.StatsOf(f.load(t).Data, report.Options{Today: today, Location: paris})
	var buf bytes.Buffer
	check(t, "WriteStatsPDF", export.WriteStatsPDF(&buf, header(), st))
	text, _ := pdfText(t, buf.Bytes())
	ls := lines(text)
	for _, want := range []string{
		`^Statistiques$`,
		`^` + centre + `$`,
		`^Période du 1er octobre 2026 au 31 octobre 2026$`,
		`^Exporté par ` + mediator + `$`,
		`^Exporté le 20/10/2026 à 16:05$`,
		// Tiles: 6 accompaniments, 2 individual, 4 in workshops, 4 people.
		`^6 2 4 4$`,
		`^Accompagnements 6$`,
		`^dont accompagnements individuels 2 33,3 %$`,
		`^Taux de présence 50 %$`,
		// Bars: label, count, share.
		`^Thématiques de médiation numérique sur 4 activités$`,
		`^E-mail 1 25 %$`,
		`^Prendre en main du matériel 2 50 %$`,
		`^Aide aux démarches administratives 1 25 %$`,
		`^Logement 1 100 %$`,
		`^Féminin \d+ [\d,]+ %$`,
		`^Non communiqué ou hétérogène \d+ [\d,]+ %$`,
		// Hours: 45 + 30 min individual, 2 sessions × 90 min once each;
		// 4 participations × 90 min.
		`^4,25 6 3 1$`, // tiles: hours, participant-hours, participants, referrals
		`^Heures d'accompagnement \(individuel et ateliers\) 4,25 ?h$`,
		`^dont séances d'atelier \(durée de chaque séance, comptée une fois\) 3 ?h$`,
		`^Heures de présence des participants aux ateliers \(durée × participants\) 6 ?h$`,
		// The month chart's table: the month, then the period's total.
		`^Mois par mois accompagnements par mois$`,
		`^octobre 2026 6 2 4 4 2 3 4,25 1,25 3 6$`,
		`^Total de la période 6 2 4 4 2 3 4,25 1,25 3 6$`,
		// The new breakdowns.
		`^Matériel numérique utilisé sur 4 activités$`,
		`^Tablette 2 50 %$`,
		`^Sans tag 3 75 %$`,
		`^Niveau d'autonomie sur 2 accompagnements individuels$`,
		`^Autonome avec guidage en cas de besoin 1 50 %$`,
		`^Non orienté 1 50 %$`,
	} {
		if !hasLine(ls, want) {
			t.Errorf("Got(PDF text) has no line %s:\n%s", want, strings.Join(ls, "\n"))
		}
	}
}

func TestWriteStatsPDF_Empty(t *testing.T) {
	h := header()
	var buf bytes.Buffer
	check(t, "WriteStatsPDF", export.WriteStatsPDF(&buf, h, report.Stats{}))
	text, _ := pdfText(t, buf.Bytes())
	if ls := lines(text); !hasLine(ls, `^Accompagnements 0$`) || !hasLine(ls, `^Masculin|Rien à compter`) {
		t.Errorf("Got(empty statistics PDF) =\n%s\nwant the totals at 0", text)
	}
	if !strings.Contains(strings.Join(lines(text), " "), "Rien n'a été enregistré sur cette période") {
		t.Errorf("Got(empty statistics PDF) =\n%s\nwant the notice that nothing happened", text)
	}
	var full bytes.Buffer
	f := newFixture(t)
	check(t, "WriteStatsPDF", export.WriteStatsPDF(&full, h, report.StatsOf(f.load(t).Data, report.Options{Today: today})))
	if text, _ := pdfText(t, full.Bytes()); strings.Contains(text, "Rien n'a été enregistré") {
		t.Errorf("Got(statistics PDF of October) says nothing happened, want no notice")
	}
}

func TestLoadSheet(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	s, err := export.LoadSheet(ctx, f.db, centre, f.workshop.ID, 2)
	check(t, "LoadSheet", err)
	want := export.Sheet{Centre: centre, Title: "Premiers pas sur tablette", Place: "Médiathèque",
		Session: f.workshop.Sessions[1], Number: 2, Of: 3, Mediator: mediator,
		Named: []string{"Ébrard Zoé"}, Anonymous: 2}
	if s.Centre != want.Centre || s.Title != want.Title || s.Place != want.Place || s.Session != want.Session ||
		s.Number != want.Number || s.Of != want.Of || s.Mediator != want.Mediator ||
		strings.Join(s.Named, "|") != strings.Join(want.Named, "|") || s.Anonymous != want.Anonymous {
		t.Errorf("Got(LoadSheet) = %+v, want %+v", s, want)
	}
	for _, n := range []int{0, 4} {
		if _, err := export.LoadSheet(ctx, f.db, centre, f.workshop.ID, n); err == nil {
			t.Errorf("Got(LoadSheet session %d) = nil error, want not found", n)
		}
	}
	if _, err := export.LoadSheet(ctx, f.db, centre, f.workshop.ID+100, 1); err == nil {
		t.Errorf("Got(LoadSheet unknown workshop) = nil error, want not found")
	}
}

func TestWriteSheet(t *testing.T) {
	base := export.Sheet{Centre: centre, Title: "Premiers pas sur tablette", Place: "Médiathèque",
		Session: journal.Session{Date: journal.NewDate(2026, 10, 7), Start: journal.TimeOfDay{Hour: 14}, DurationMinutes: 90},
		Number:  1, Of: 3, Mediator: mediator, Named: []string{"Ébrard Zoé", "Łukasiewicz Paweł"}, Anonymous: 2,
		Printed: exported}
	var buf bytes.Buffer
	check(t, "WriteSheet", export.WriteSheet(&buf, base))
	text, pages := pdfText(t, buf.Bytes())
	ls := lines(text)
	for _, want := range []string{
		`^Feuille d'émargement$`,
		`^` + centre + `$`,
		`^Atelier : Premiers pas sur tablette$`,
		`^Date : mercredi 7 octobre 2026 — séance 1 sur 3$`,
		`^Horaires : 14:00 – 15:30$`,
		`^Lieu : Médiathèque$`,
		`^Médiateur·rice : ` + mediator + `$`,
		`^N° Nom et prénom Signature$`,
		`^1 Ébrard Zoé$`,
		`^2 Łukasiewicz Paweł$`,
		`^3 Participant anonyme 1$`,
		`^4 Participant anonyme 2$`,
		`^Personnes venues sans inscription$`,
		`^7$`, // the walk-ins' empty rows are numbered on
		`^Nombre de présents : Signature du médiateur·rice :$`,
		`page 1/1$`,
	} {
		if !hasLine(ls, want) {
			t.Errorf("Got(sheet text) has no line %s:\n%s", want, strings.Join(ls, "\n"))
		}
	}
	if pages != 1 {
		t.Errorf("Got(pages) = %d, want 1", pages)
	}

	// 40 registered people: the list goes on over more pages, each with
	// the titles again, and ends with the mediator's signature.
	long := base
	long.Named = nil
	for i := range 40 {
		long.Named = append(long.Named, "Martin Personne"+strconv.Itoa(i+1))
	}
	buf.Reset()
	check(t, "WriteSheet", export.WriteSheet(&buf, long))
	text, pages = pdfText(t, buf.Bytes())
	ls = lines(text)
	if pages < 2 {
		t.Errorf("Got(pages of 42 rows) = %d, want at least 2", pages)
	}
	titles := 0
	for _, l := range ls {
		if l == "N° Nom et prénom Signature" {
			titles++
		}
	}
	if titles != pages {
		t.Errorf("Got(table titles) = %d, want one per page (%d)", titles, pages)
	}
	for _, want := range []string{`^40 Martin Personne40$`, `^42 Participant anonyme 2$`,
		`^Feuille d'émargement \(suite\) — Premiers pas sur tablette — 07/10/2026, 14:00 – 15:30$`,
		`Signature du médiateur·rice :$`, `page ` + strconv.Itoa(pages) + `/` + strconv.Itoa(pages) + `$`} {
		if !hasLine(ls, want) {
			t.Errorf("Got(long sheet text) has no line %s:\n%s", want, strings.Join(ls, "\n"))
		}
	}
}

// A PDF is the same bytes for the same input: nothing depends on the
// clock or on map order.
func TestWriteSheet_Reproducible(t *testing.T) {
	s := export.Sheet{Title: "Atelier", Session: journal.Session{Date: journal.NewDate(2026, 1, 5), DurationMinutes: 60},
		Number: 1, Of: 1, Printed: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	var a, b bytes.Buffer
	check(t, "WriteSheet", export.WriteSheet(&a, s))
	check(t, "WriteSheet", export.WriteSheet(&b, s))
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Errorf("Got(two writes) differ, want the same bytes")
	}
}
