package mediator

import (
	"context"
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/account"
	"pasapas/internal/demo"
	"pasapas/internal/journal"
	"pasapas/internal/screen"
)

// The mediator space at the window sizes of a 1366 × 768 laptop (the
// space's own 1240 × 680), of a 1280 × 720 screen less its panels, of a
// 1024 × 768 screen and of a 1366 × 768 laptop at 125 % (FitScreen),
// over three months of demo data: every tab and every page fits without
// widening the window, and after a failed save of each form the count of
// problems beside « Enregistrer » and the first problem are in view.
func TestSpace_EveryTabAndPageFits(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 1240, Height: 680}, {Width: 1280, Height: 690},
		windowSize(screen.Rect{W: 1024, H: 768}, 1), windowSize(screen.Rect{W: 1366, H: 728}, 1.25)} {
		t.Run(fmt.Sprintf("%.0fx%.0f", size.Width, size.Height), func(t *testing.T) {
			h := newSpace(t)
			ctx := context.Background()
			if _, err := demo.Fill(ctx, h.db, demo.Options{Months: 3, Now: h.now}); err != nil {
				t.Fatal(err)
			}
			me := h.login(account.Coordinator)
			h.w.Resize(size)
			fits := func(what string) {
				t.Helper()
				if m := h.w.Content().MinSize(); m.Width > size.Width || m.Height > size.Height {
					t.Errorf("%s needs %.0f × %.0f: larger than the %.0f × %.0f window", what, m.Width, m.Height, size.Width, size.Height)
				}
				h.w.Resize(size) // a test window grows to its content: bring it back
			}
			for i, it := range h.s.Tabs.Items {
				h.s.Tabs.SelectIndex(i)
				fits("tab « " + it.Text + " »")
			}
			// In view: inside the window, and inside the form's scroll
			// when it is in one.
			inView := func(what string, o fyne.CanvasObject, sc *container.Scroll) {
				t.Helper()
				d := fyne.CurrentApp().Driver()
				p, s := d.AbsolutePositionForObject(o), o.Size()
				top, bottom := float32(0), size.Height
				if sc != nil {
					sp := d.AbsolutePositionForObject(sc)
					top, bottom = sp.Y, sp.Y+sc.Size().Height
				}
				if o.Visible() && p.Y >= top && p.Y+s.Height <= bottom && p.X+s.Width <= size.Width {
					return
				}
				t.Errorf("%s at %v (%v) is out of view (%.0f–%.0f)", what, p, s, top, bottom)
			}
			failed := func(form string, errs *fieldErrors, save *widget.Button) {
				t.Helper()
				fits(form)
				test.Tap(save)
				if errs.summary.Text == "" {
					t.Fatalf("%s: a failed save said nothing beside « Enregistrer »", form)
				}
				inView(form+": the count beside « Enregistrer »", errs.summary, nil)
				var first *widget.Label
				for _, l := range errs.errs {
					if !l.Hidden && l.Text != "" && (first == nil || l.Position().Y < first.Position().Y) {
						first = l
					}
				}
				if first == nil {
					t.Fatalf("%s: no problem under a field", form)
				}
				inView(form+": the first problem", first, errs.scroll)
			}

			h.s.jr.openForm(journal.NewAccompaniment(journal.DateOf(h.now), me.ID), "Nouvel accompagnement")
			h.s.Form.duration.ClearSelected()
			failed("the accompaniment form", h.s.Form.fieldErrors, h.s.Form.Save)

			ws, err := h.db.UpcomingWorkshops(ctx, journal.DateOf(h.now))
			if err != nil || len(ws) == 0 {
				t.Fatalf("UpcomingWorkshops = %d, %v, want demo workshops", len(ws), err)
			}
			h.s.ws.openWorkshop(ws[0].ID)
			fits("the workshop page")
			h.s.ws.openAttendance(ws[0].ID, ws[0].Sessions[0].ID, 1)
			fits("the attendance page")
			h.s.ws.openWorkshopEdit(ws[0])
			fits("the workshop edit form")
			h.s.ws.openWorkshopForm()
			failed("the new workshop form", h.s.Workshop.fieldErrors, h.s.WorkshopSave)

			found, err := h.db.SearchBeneficiaries(ctx, "", 1)
			if err != nil || len(found) == 0 {
				t.Fatalf("SearchBeneficiaries = %v, %v, want demo beneficiaries", found, err)
			}
			h.s.bn.openBeneficiary(found[0].ID)
			fits("the beneficiary page")
			h.s.bn.openBeneficiaryForm()
			failed("the beneficiary form", h.s.beneficiaryProblems, h.s.BeneficiarySave)
		})
	}
}
