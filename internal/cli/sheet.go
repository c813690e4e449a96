package cli

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"time"

	"pasapas/internal/export"
	"pasapas/internal/failure"
)

const sheetUsage = "sheet --data DIR --workshop ID --session N -o FILE.pdf   sign-in sheet of session N (from 1, in date order) of a workshop"

// sheetCmd runs "pasapasctl sheet": the sign-in sheet of one workshop
// session as an A4 PDF. The workshop ID is the "N° atelier" column of the
// attendance export; N counts the workshop's sessions from 1 in date
// order. Errors are printed on stderr and give status 1.
func sheetCmd(args []string, stdout, stderr io.Writer) int {
	fs, data := commandFlags("sheet", stderr)
	workshop := fs.String("workshop", "", "workshop number (N° atelier of the attendance export)")
	session := fs.String("session", "", "session number, from 1 in date order")
	out := fs.String("o", "", "PDF file to write")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "pasapasctl sheet: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if err := runSheet(*data, *workshop, *session, *out, stdout); err != nil {
		fmt.Fprintf(stderr, "pasapasctl sheet: %v\n", err)
		return 1
	}
	return 0
}

func runSheet(data, workshop, session, out string, stdout io.Writer) error {
	id, err := strconv.ParseInt(workshop, 10, 64)
	if err != nil || id <= 0 {
		return fmt.Errorf("--workshop %q is not a workshop number", workshop)
	}
	n, err := strconv.Atoi(session)
	if err != nil || n <= 0 {
		return fmt.Errorf("--session %q is not a session number (1, 2, …)", session)
	}
	if out == "" {
		return fmt.Errorf("missing -o FILE.pdf")
	}
	ctx := context.Background()
	_, db, err := openData(ctx, data)
	if err != nil {
		return err
	}
	defer db.Close()
	st, err := db.LoadSettings(ctx)
	if err != nil {
		return err
	}
	if _, err := db.Workshop(ctx, id); failure.KindOf(err) == failure.NotFound {
		return fmt.Errorf("no workshop %d", id)
	}
	s, err := export.LoadSheet(ctx, db, st.CentreName, id, n)
	if failure.KindOf(err) == failure.NotFound {
		return fmt.Errorf("workshop %d has no session %d", id, n)
	}
	if err != nil {
		return err
	}
	s.Printed = time.Now()
	if err := writeFile(out, func(w io.Writer) error { return export.WriteSheet(w, s) }); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s written (%s, session %d of %d, %s)\n", out, s.Title, s.Number, s.Of, s.Session.Date)
	return nil
}
