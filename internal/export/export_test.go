package export_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"pasapas/internal/export"
	"pasapas/internal/failure"
	"pasapas/internal/journal"
	"pasapas/internal/report"
)

const stamp = "2026-10-20T09:30:00+02:00" // the fixture's clock, in Paris

// detailedTitles are the columns of the detailed activities export: the
// national tool's columns for a mediator's own data.
var detailedTitles = []string{"Date", "Enregistré le", "Dernière modification le", "Médiateur", "Type",
	"Participants", "Bénéficiaire", "Canaux d'accompagnement", "Nom du lieu", "Commune", "Code postal",
	"Durée (min)", "Nom de l'atelier", "Matériel numérique utilisé", "Thématique(s) d'accompagnement", "Tags",
	"Nom de la démarche administrative", "Niveau d'autonomie (ou de l'atelier)", "Bénéficiaire réorienté",
	"Structure de redirection", "Commune du bénéficiaire", "Code postal du bénéficiaire", "Genre",
	"Tranche d'âge", "Statut du bénéficiaire", "Notes supplémentaires", "ID CRA"}

// activityTitles are the columns of the funders' activities export: no
// "Bénéficiaire", no "Notes supplémentaires".
var activityTitles = withoutFields(detailedTitles, 6, 25)

// withoutFields returns r without its fields at the indexes given.
func withoutFields(r []string, at ...int) []string {
	var out []string
	for i, v := range r {
		if !slices.Contains(at, i) {
			out = append(out, v)
		}
	}
	return out
}

// wantDetailed returns the detailed activities of the fixture as plain
// CSV writes them.
func (f fixture) wantDetailed() [][]string {
	session := func(person, of, gender, age, status, commune, postal string, n int) []string {
		return []string{f.workshop.Sessions[n-1].Date.String(), stamp, stamp, mediator, "Atelier collectif", of,
			person, "Lieu d’activité", "Médiathèque", "", "", "90", "Premiers pas sur tablette", "Tablette",
			"Prendre en main du matériel", "", "", "1/3", "", "", commune, postal, gender, age, status,
			workshopNote, fmt.Sprintf("atelier-%d-séance-%d", f.workshop.ID, n)}
	}
	return [][]string{
		{"2026-10-01", stamp, stamp, mediator, "Accompagnement individuel", "1/1", "Anonyme", "Lieu d’activité",
			"Centre social des Lilas", "Saint-Étienne", "42000", "45", "", "Ordinateur, Téléphone",
			"E-mail, Aide aux démarches administratives, Logement", "'+33 rappel, -moins", "'" + formula, "2/3",
			"Oui", "Structure d’aide sociale (maison des solidarités, centre social…)", "Firminy", "42700",
			"Masculin", "40 - 59 ans", "En emploi", accompanimentNote, fmt.Sprintf("individuel-%d", f.acc1.ID)},
		session("Ébrard Zoé", "1/2", "Féminin", "70 ans et plus", "Retraité", "Villeurbanne", "69100", 1),
		session("anonyme 1", "2/2", "Féminin", "Non communiqué", "Non communiqué ou hétérogène", "", "", 1),
		session("anonyme 1", "1/2", "Féminin", "Non communiqué", "Non communiqué ou hétérogène", "", "", 2),
		session("anonyme 2", "2/2", "Non communiqué", "Non communiqué", "Non communiqué ou hétérogène", "", "", 2),
		{"2026-10-31", stamp, stamp, mediator, "Accompagnement individuel", "1/1", "Ébrard Zoé", "Lieu d’activité",
			"Centre social des Lilas", "", "", "30", "", "", "Navigation sur internet", "", "", "", "Non", "",
			"Villeurbanne", "69100", "Féminin", "70 ans et plus", "Retraité", "", fmt.Sprintf("individuel-%d", f.acc2.ID)},
	}
}

// wantActivities returns the funders' activities of the fixture: the
// detailed rows without the person's name and the notes.
func (f fixture) wantActivities() [][]string {
	var out [][]string
	for _, r := range f.wantDetailed() {
		out = append(out, withoutFields(r, 6, 25))
	}
	return out
}

var attendanceTitles = []string{"Date", "Début", "Atelier", "N° atelier", "Séance", "Participant", "Présence"}

// wantAttendance returns the attendance of the fixture, participants
// named when detailed, numbered by their line on the sheet otherwise.
func (f fixture) wantAttendance(detailed bool) [][]string {
	id := fmt.Sprint(f.workshop.ID)
	names := []string{"participant 1", "participant 2", "participant 3"}
	if detailed {
		names = []string{"Ébrard Zoé", "anonyme 1", "anonyme 2"}
	}
	row := func(date string, n, who int, presence string) []string {
		return []string{date, "14:00", "Premiers pas sur tablette", id, fmt.Sprint(n), names[who], presence}
	}
	return [][]string{
		row("2026-10-07", 1, 0, "présent"),
		row("2026-10-07", 1, 1, "présent"),
		row("2026-10-07", 1, 2, "absent"),
		row("2026-10-14", 2, 0, "excusé"),
		row("2026-10-14", 2, 1, "non noté"),
		row("2026-10-14", 2, 2, "non noté"),
		row("2026-10-21", 3, 0, "à venir"),
		row("2026-10-21", 3, 1, "à venir"),
		row("2026-10-21", 3, 2, "à venir"),
	}
}

// wantHeader returns the header block as plain CSV writes it, starting
// with the internal-use mark when internal.
func wantHeader(title string, rows int, internal bool) [][]string {
	var mark [][]string
	if internal {
		mark = [][]string{{export.InternalMark}}
	}
	return append(mark, [][]string{
		{"Pas à pas — " + title},
		{"Centre", centre},
		{"Exporté par", mediator},
		{"Exporté le", "2026-10-20T16:05:00+02:00"},
		{"Du", "2026-10-01"},
		{"Au", "2026-10-31"},
		{"Filtres", "aucun"},
		{"Lignes", fmt.Sprint(rows)},
	}...)
}

// readCSV parses a CSV export, checking the BOM (present only for the
// French Excel variant), and returns its records, blank lines skipped.
func readCSV(t *testing.T, b []byte, french bool) [][]string {
	t.Helper()
	if got := bytes.HasPrefix(b, []byte(export.BOM)); got != french {
		t.Fatalf("Got(starts with BOM) = %v, want %v", got, french)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte(export.BOM))))
	r.FieldsPerRecord = -1
	if french {
		r.Comma = ';'
	}
	recs, err := r.ReadAll()
	check(t, "csv.ReadAll", err)
	return recs
}

var (
	frDay      = regexp.MustCompile(`^(\d\d)/(\d\d)/(\d{4})$`)
	frDateTime = regexp.MustCompile(`^(\d\d)/(\d\d)/(\d{4}) (\d\d:\d\d)$`)
	frFraction = regexp.MustCompile(`^(\d+) sur (\d+)$`)
	frDecimal  = regexp.MustCompile(`^\d+,\d+$`)
)

// plainFromFrench turns a value of the CSV for French Excel (or as XLSX
// shows it) back into the plain CSV's form, so that one expected table
// serves every format: jj/mm/aaaa is 2026-10-01, a time gets the
// fixture's offset, "1 sur 2" is "1/2", 12,5 is 12.5.
func plainFromFrench(s string) string {
	switch {
	case frDateTime.MatchString(s):
		return frDateTime.ReplaceAllString(s, "$3-$2-${1}T$4:00+02:00")
	case frDay.MatchString(s):
		return frDay.ReplaceAllString(s, "$3-$2-$1")
	case frFraction.MatchString(s):
		return frFraction.ReplaceAllString(s, "$1/$2")
	case frDecimal.MatchString(s):
		return strings.Replace(s, ",", ".", 1)
	}
	return s
}

func plainRows(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = make([]string, len(r))
		for j, v := range r {
			out[i][j] = plainFromFrench(v)
		}
	}
	return out
}

// compare checks got against want field by field.
func compare(t *testing.T, what string, got, want [][]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("Got(%s) = %d rows, want %d:\n%q", what, len(got), len(want), got)
	}
	for i := range min(len(got), len(want)) {
		if len(got[i]) != len(want[i]) {
			t.Errorf("Got(%s row %d) = %d fields %q, want %d %q", what, i+1, len(got[i]), got[i], len(want[i]), want[i])
			continue
		}
		for j := range got[i] {
			if got[i][j] != want[i][j] {
				t.Errorf("Got(%s row %d field %d) = %q, want %q", what, i+1, j+1, got[i][j], want[i][j])
			}
		}
	}
}

// exportCase is one export of the fixture and its expected table.
type exportCase struct {
	name     string
	table    export.Table
	title    string
	titles   []string
	rows     [][]string
	internal bool
}

func exportCases(t *testing.T, f fixture) []exportCase {
	d := f.load(t)
	dd := f.loadDetailed(t)
	empty, err := report.Days(journal.NewDate(2026, 12, 1), journal.NewDate(2026, 12, 31))
	check(t, "report.Days", err)
	ed, err := export.Load(t.Context(), f.db, empty, today, paris)
	check(t, "export.Load", err)
	eh := header()
	eh.From, eh.To = empty.From, empty.Last()
	return []exportCase{
		{"activities", export.Activities(header(), d), "Activités", activityTitles, f.wantActivities(), false},
		{"attendance", export.Attendance(header(), d), "Présences", attendanceTitles, f.wantAttendance(false), false},
		{"empty activities", export.Activities(eh, ed), "Activités", activityTitles, nil, false},
		{"empty attendance", export.Attendance(eh, ed), "Présences", attendanceTitles, nil, false},
		{"detailed activities", export.DetailedActivities(header(), dd), "Activités détaillées", detailedTitles,
			f.wantDetailed(), true},
		{"detailed attendance", export.DetailedAttendance(header(), dd), "Présences détaillées", attendanceTitles,
			f.wantAttendance(true), true},
		// A funder's export made from data with names still has none.
		{"activities from detailed data", export.Activities(header(), dd), "Activités", activityTitles,
			f.wantActivities(), false},
		{"attendance from detailed data", export.Attendance(header(), dd), "Présences", attendanceTitles,
			f.wantAttendance(false), false},
	}
}

// splitExport cuts an export's records into the header block (one row
// more when internal: the mark), the column titles and the rows.
func splitExport(t *testing.T, recs [][]string, internal bool) (head [][]string, titles []string, rows [][]string) {
	t.Helper()
	n := 8
	if internal {
		n = 9
	}
	if len(recs) < n+1 {
		t.Fatalf("Got(records) = %d, want at least the header block and the titles: %q", len(recs), recs)
	}
	return recs[:n], recs[n], recs[n+1:]
}

func TestWriteCSV(t *testing.T) {
	f := newFixture(t)
	for _, tc := range exportCases(t, f) {
		for _, french := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s french=%v", tc.name, french), func(t *testing.T) {
				var buf bytes.Buffer
				format := export.CSV
				if french {
					format = export.CSVExcel
				}
				check(t, "Write", export.Write(&buf, tc.table, format))
				recs := readCSV(t, buf.Bytes(), french)
				if french {
					at := 3
					if tc.internal {
						at = 4
					}
					if got := recs[at][1]; got != "20/10/2026 16:05" {
						t.Errorf("Got(Exporté le) = %q, want %q", got, "20/10/2026 16:05")
					}
					recs = plainRows(recs)
				}
				head, titles, rows := splitExport(t, recs, tc.internal)
				wantHead := wantHeader(tc.title, len(tc.rows), tc.internal)
				if strings.HasPrefix(tc.name, "empty") {
					wantHead[4][1], wantHead[5][1] = "2026-12-01", "2026-12-31"
				}
				compare(t, "header", head, wantHead)
				compare(t, "titles", [][]string{titles}, [][]string{tc.titles})
				compare(t, "rows", rows, tc.rows)
			})
		}
	}
}

func TestWriteCSV_FrenchExcel(t *testing.T) {
	f := newFixture(t)
	var buf bytes.Buffer
	check(t, "Write", export.Write(&buf, export.Activities(header(), f.load(t)), export.CSVExcel))
	recs := readCSV(t, buf.Bytes(), true)
	first := recs[9]
	for i, want := range map[int]string{0: "01/10/2026", 1: "20/10/2026 09:30", 5: "1 sur 1", 16: "2 sur 3"} {
		if first[i] != want {
			t.Errorf("Got(%s) = %q, want %q", activityTitles[i], first[i], want)
		}
	}
	if !bytes.Contains(buf.Bytes(), []byte("\r\n")) {
		t.Errorf("Got(line ends) = LF, want CRLF")
	}
}

func TestWriteXLSX(t *testing.T) {
	f := newFixture(t)
	for _, tc := range exportCases(t, f) {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			check(t, "Write", export.Write(&buf, tc.table, export.XLSX))
			x, err := excelize.OpenReader(&buf)
			check(t, "OpenReader", err)
			defer x.Close()
			sheet := x.GetSheetName(0)
			if sheet != tc.table.Sheet || strings.Contains(sheet, "usage interne") != tc.internal {
				t.Errorf("Got(sheet) = %q, want %q, saying « usage interne » when internal (%v)", sheet,
					tc.table.Sheet, tc.internal)
			}
			hf, err := x.GetHeaderFooter(sheet)
			check(t, "GetHeaderFooter", err)
			if printed := hf != nil && strings.Contains(hf.OddHeader, export.InternalMark) &&
				strings.Contains(hf.OddFooter, export.InternalMark); printed != tc.internal {
				t.Errorf("Got(mark on every printed page) = %v (%+v), want %v", printed, hf, tc.internal)
			}
			recs, err := x.GetRows(sheet)
			check(t, "GetRows", err)
			// GetRows leaves out the blank line and trailing empty cells.
			recs = slices.DeleteFunc(recs, func(r []string) bool { return len(r) == 0 })
			for i, r := range recs {
				recs[i] = pad(r, len(tc.titles))
			}
			head, titles, rows := splitExport(t, plainRows(recs), tc.internal)
			wantHead := wantHeader(tc.title, len(tc.rows), tc.internal)
			if strings.HasPrefix(tc.name, "empty") {
				wantHead[4][1], wantHead[5][1] = "2026-12-01", "2026-12-31"
			}
			for i := range wantHead {
				head[i] = head[i][:len(wantHead[i])]
			}
			compare(t, "header", head, wantHead)
			compare(t, "titles", [][]string{titles}, [][]string{tc.titles})
			compare(t, "rows", rows, tc.rows)

			panes, err := x.GetPanes(sheet)
			check(t, "GetPanes", err)
			titleRow := 10
			if tc.internal {
				titleRow = 11
			}
			if !panes.Freeze || panes.YSplit != titleRow || panes.TopLeftCell != fmt.Sprintf("A%d", titleRow+1) {
				t.Errorf("Got(panes) = %+v, want rows 1–%d frozen (the titles on row %d)", panes, titleRow, titleRow)
			}
		})
	}
}

// pad returns r with empty strings added up to n fields.
func pad(r []string, n int) []string {
	for len(r) < n {
		r = append(r, "")
	}
	return r
}

// TestWriteXLSX_Types checks that numbers are numbers, dates are dates
// with a date format, and text (a formula among it) is text.
func TestWriteXLSX_Types(t *testing.T) {
	f := newFixture(t)
	var buf bytes.Buffer
	check(t, "Write", export.Write(&buf, export.Activities(header(), f.load(t)), export.XLSX))
	x, err := excelize.OpenReader(&buf)
	check(t, "OpenReader", err)
	defer x.Close()
	const sheet = "Activités"
	tests := []struct {
		cell   string
		what   string
		typ    excelize.CellType
		raw    string // the stored value
		format string // the number format, "" for none asked
	}{
		{"A11", "Date", excelize.CellTypeUnset, "46296", "dd/mm/yyyy"},
		{"B11", "Enregistré le", excelize.CellTypeUnset, "46315.395833333336", "dd/mm/yyyy hh:mm"},
		{"K11", "Durée (min)", excelize.CellTypeUnset, "45", ""},
		{"F11", "Participants", excelize.CellTypeInlineString, "1/1", "@"},
		{"P11", "Nom de la démarche administrative", excelize.CellTypeInlineString, "'" + formula, "@"},
		{"B4", "Exporté le", excelize.CellTypeUnset, "46315.67013888889", "dd/mm/yyyy hh:mm"},
		{"B8", "Lignes", excelize.CellTypeUnset, "6", ""},
	}
	for _, tc := range tests {
		typ, err := x.GetCellType(sheet, tc.cell)
		check(t, "GetCellType", err)
		if typ != tc.typ {
			t.Errorf("Got(type of %s %s) = %v, want %v", tc.cell, tc.what, typ, tc.typ)
		}
		raw, err := x.GetCellValue(sheet, tc.cell, excelize.Options{RawCellValue: true})
		check(t, "GetCellValue", err)
		if raw != tc.raw {
			t.Errorf("Got(value of %s %s) = %q, want %q", tc.cell, tc.what, raw, tc.raw)
		}
		if f, err := x.GetCellFormula(sheet, tc.cell); err != nil || f != "" {
			t.Errorf("Got(formula of %s) = %q, %v, want none", tc.cell, f, err)
		}
		id, err := x.GetCellStyle(sheet, tc.cell)
		check(t, "GetCellStyle", err)
		style, err := x.GetStyle(id)
		check(t, "GetStyle", err)
		format := ""
		if style.CustomNumFmt != nil {
			format = *style.CustomNumFmt
		} else if style.NumFmt == 49 {
			format = "@"
		}
		if format != tc.format {
			t.Errorf("Got(number format of %s %s) = %q, want %q", tc.cell, tc.what, format, tc.format)
		}
	}
}

func TestWrite_PDFUnsupported(t *testing.T) {
	f := newFixture(t)
	err := export.Write(&bytes.Buffer{}, export.Activities(header(), f.load(t)), export.PDF)
	if err == nil || !strings.Contains(err.Error(), "not supported") {
		t.Errorf("Got(Write activities as pdf) = %v, want ErrUnsupported", err)
	}
}

func TestParseFormat(t *testing.T) {
	for _, s := range []string{"csv", "csv-excel", "xlsx", "pdf"} {
		if f, err := export.ParseFormat(s); err != nil || string(f) != s {
			t.Errorf("Got(ParseFormat(%q)) = %q, %v, want it back", s, f, err)
		}
	}
	if _, err := export.ParseFormat("ods"); err == nil {
		t.Errorf("Got(ParseFormat(%q)) = nil error, want one", "ods")
	}
}

// A format that does not apply to an export is known before anything is
// written: FormatsFor leaves it out and Check refuses it.
func TestSpec_Check(t *testing.T) {
	tests := []struct {
		spec export.Spec
		want error // nil when it can be written
	}{
		{export.Spec{What: export.WhatActivities, Format: export.CSV}, nil},
		{export.Spec{What: export.WhatActivities, Format: export.XLSX, Detailed: true}, nil},
		{export.Spec{What: export.WhatAttendance, Format: export.CSVExcel, Detailed: true}, nil},
		{export.Spec{What: export.WhatStats, Format: export.PDF}, nil},
		{export.Spec{What: export.WhatActivities, Format: export.PDF}, export.ErrUnsupported},
		{export.Spec{What: export.WhatAttendance, Format: export.PDF, Detailed: true}, export.ErrUnsupported},
		{export.Spec{What: export.WhatStats, Format: export.XLSX, Detailed: true}, export.ErrNotDetailed},
		{export.Spec{What: export.WhatStats, Format: "ods"}, export.ErrUnsupported},
		{export.Spec{What: "visits", Format: export.CSV}, export.ErrUnknownWhat},
	}
	for _, tt := range tests {
		err := tt.spec.Check()
		if !errors.Is(err, tt.want) || (err != nil && failure.KindOf(err) != failure.Invalid) {
			t.Errorf("Got(%+v.Check()) = %v, want %v (kind invalid)", tt.spec, err, tt.want)
		}
		listed := slices.Contains(export.FormatsFor(tt.spec.What), tt.spec.Format)
		if listed != (tt.want == nil || errors.Is(tt.want, export.ErrNotDetailed)) {
			t.Errorf("Got(FormatsFor(%s) lists %s) = %v, want %v", tt.spec.What, tt.spec.Format, listed, !listed)
		}
		if _, berr := export.BuildSpec(tt.spec, export.Data{}, header(), report.Options{}); !errors.Is(berr, tt.want) {
			t.Errorf("Got(BuildSpec(%+v)) = %v, want %v", tt.spec, berr, tt.want)
		}
	}
	if got := export.FormatsFor(export.WhatStats); !slices.Equal(got, export.Formats()) {
		t.Errorf("Got(FormatsFor(stats)) = %v, want every format", got)
	}
}
