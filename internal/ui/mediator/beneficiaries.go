package mediator

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/audit"
	"pasapas/internal/journal"
	"pasapas/internal/ui/controls"
)

// beneficiaryPicker chooses named beneficiaries by searching their names.
type beneficiaryPicker struct {
	s       *Space
	search  *controls.Field
	results *fyne.Container
	chosen  *fyne.Container
	picked  []journal.Beneficiary
	// onPick, when set, is told of a beneficiary chosen instead of adding
	// it to the list (a walk-in).
	onPick   func(journal.Beneficiary)
	searchID int
}

func (s *beneficiariesView) newBeneficiaryPicker() *beneficiaryPicker {
	p := &beneficiaryPicker{s: s.Space, search: field(maxSearch), results: container.NewVBox(), chosen: container.NewVBox()}
	p.search.SetPlaceHolder(s.Tr.T("beneficiary.search"))
	p.search.OnChanged = func(q string) {
		s.touch()
		p.searchID++
		id := p.searchID
		if strings.TrimSpace(q) == "" {
			p.results.Objects = nil
			p.results.Refresh()
			return
		}
		background(s.Space, func(ctx context.Context) ([]journal.Beneficiary, error) {
			return s.Journal.SearchBeneficiaries(ctx, q, 8)
		}, func(found []journal.Beneficiary, err error) {
			if id != p.searchID {
				return // typed on meanwhile
			}
			p.results.Objects = nil
			if err != nil {
				p.results.Add(widget.NewLabel(s.errorText(err)))
			}
			for _, b := range found {
				p.results.Add(widget.NewButtonWithIcon(b.DisplayName(), theme.ContentAddIcon(), s.act(func() { p.add(b) })))
			}
			p.s.themed(p.results)
		})
	}
	return p
}

func (p *beneficiaryPicker) add(b journal.Beneficiary) {
	if p.onPick != nil {
		p.onPick(b)
		return
	}
	if slices.ContainsFunc(p.picked, func(x journal.Beneficiary) bool { return x.ID == b.ID }) {
		return
	}
	p.picked = append(p.picked, b)
	p.redraw()
}

func (p *beneficiaryPicker) redraw() {
	p.chosen.Objects = nil
	for i, b := range p.picked {
		rm := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), p.s.act(func() {
			p.picked = slices.Delete(p.picked, i, i+1)
			p.redraw()
		}))
		p.chosen.Add(container.NewBorder(nil, nil, nil, rm, widget.NewLabel(b.DisplayName())))
	}
	p.s.themed(p.chosen)
}

func (p *beneficiaryPicker) ids() []int64 {
	var out []int64
	for _, b := range p.picked {
		out = append(out, b.ID)
	}
	return out
}

func (p *beneficiaryPicker) content() fyne.CanvasObject {
	return container.NewVBox(p.chosen, p.search, p.results)
}

// beneficiariesTab searches the named beneficiaries and creates new ones.
func (s *beneficiariesView) beneficiariesTab() fyne.CanvasObject {
	add := widget.NewButtonWithIcon(s.Tr.T("beneficiary.new"), theme.ContentAddIcon(), s.act(func() { s.bn.openBeneficiaryForm() }))
	add.Importance = widget.HighImportance
	intro := widget.NewLabel(s.Tr.T("beneficiary.intro"))
	intro.Wrapping = fyne.TextWrapWord
	search := field(maxSearch)
	search.SetPlaceHolder(s.Tr.T("beneficiary.search"))
	list := container.NewVBox()
	asked := 0 // the search typed last: an older answer is dropped
	fill := func(q string) {
		s.touch()
		asked++
		n := asked
		background(s.Space, func(ctx context.Context) ([]journal.Beneficiary, error) {
			return s.Journal.SearchBeneficiaries(ctx, q, 50)
		}, func(found []journal.Beneficiary, err error) {
			if n != asked {
				return
			}
			list.Objects = nil
			if err != nil {
				list.Add(widget.NewLabel(s.errorText(err)))
			}
			for _, b := range found {
				text := fmt.Sprintf("%s — %s — %s", b.DisplayName(), b.AgeBandAt(journal.DateOf(s.Now())).Label(), b.Commune)
				open := widget.NewButtonWithIcon(s.Tr.T("workshop.open"), theme.FolderOpenIcon(), s.act(func() { s.bn.openBeneficiary(b.ID) }))
				list.Add(container.NewBorder(nil, nil, nil, open, widget.NewLabel(text)))
			}
			s.themed(list)
		})
	}
	search.OnChanged = fill
	fill("")
	return container.NewBorder(container.NewVBox(container.NewHBox(add), intro, search), nil, nil, nil, container.NewVScroll(list))
}

// openBeneficiary shows a beneficiary's record and history, with Erase.
func (s *beneficiariesView) openBeneficiary(id int64) {
	type page struct {
		b journal.Beneficiary
		h journal.History
	}
	background(s.Space, func(ctx context.Context) (page, error) {
		b, err := s.Journal.Beneficiary(ctx, id)
		if err != nil {
			return page{}, err
		}
		h, err := s.Journal.BeneficiaryHistory(ctx, id)
		return page{b, h}, err
	}, func(p page, err error) {
		if err != nil {
			s.notice(s.recordError(err))
			return
		}
		s.showBeneficiary(p.b, p.h)
	})
}

// showBeneficiary shows a followed beneficiary's history, with « Modifier »,
// a new accompaniment, and « Effacer » (asked twice).
func (s *beneficiariesView) showBeneficiary(b journal.Beneficiary, h journal.History) {
	box := container.NewVBox(
		widget.NewLabelWithStyle(b.DisplayName(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabel(s.Tr.T("beneficiary.summary", "Age", b.AgeBandAt(journal.DateOf(s.Now())).Label(),
			"Commune", b.Commune, "Consent", dayText(b.ConsentDate))),
		widget.NewLabelWithStyle(s.Tr.T("beneficiary.history"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
	)
	for _, a := range h.Accompaniments {
		box.Add(widget.NewLabel(fmt.Sprintf("%s — %s — %s", dayText(a.Date), journal.DurationLabel(a.DurationMinutes), themesText(a))))
	}
	for _, w := range h.Workshops {
		box.Add(widget.NewLabel(fmt.Sprintf("%s — %s", dayText(w.FirstDate()), w.Title)))
	}
	if len(h.Accompaniments)+len(h.Workshops) == 0 {
		box.Add(widget.NewLabel(s.Tr.T("beneficiary.nohistory")))
	}
	back := widget.NewButtonWithIcon(s.Tr.T("journal.form.cancel"), theme.NavigateBackIcon(), s.act(s.showHome))
	log := widget.NewButtonWithIcon(s.Tr.T("journal.form.new"), theme.DocumentCreateIcon(), s.act(func() {
		a := journal.NewAccompaniment(journal.DateOf(s.Now()), s.user.ID)
		a.BeneficiaryID = b.ID
		s.jr.openForm(a, s.Tr.T("journal.form.new"))
	}))
	confirm := widget.NewButtonWithIcon(s.Tr.T("beneficiary.erase.confirm"), theme.DeleteIcon(), nil)
	confirm.Importance = widget.DangerImportance
	confirm.Hide()
	erase := widget.NewButtonWithIcon(s.Tr.T("beneficiary.erase"), theme.DeleteIcon(), s.act(func() { confirm.Show() }))
	warn := widget.NewLabel(s.Tr.T("beneficiary.erase.what"))
	warn.Wrapping = fyne.TextWrapWord
	confirm.OnTapped = s.act(func() {
		background(s.Space, func(ctx context.Context) (struct{}, error) {
			return struct{}{}, s.Journal.EraseBeneficiary(ctx, b.ID)
		}, func(_ struct{}, err error) {
			if err != nil {
				s.notice(s.errorText(err))
				return
			}
			s.audit(audit.Erase, "beneficiary "+strconv.FormatInt(b.ID, 10))
			s.showHome()
			s.notice(s.Tr.T("beneficiary.erased"))
		})
	})
	edit := widget.NewButtonWithIcon(s.Tr.T("beneficiary.edit"), theme.DocumentCreateIcon(), s.act(func() { s.beneficiaryForm(b) }))
	s.EraseConfirm = confirm
	s.paused = true // a page is open: the Now tab waits
	s.setContent(container.NewBorder(nil, container.NewVBox(warn, container.NewHBox(back, edit, log, erase, confirm)), nil, nil,
		container.NewVScroll(box)))
}

// openBeneficiaryForm creates a named beneficiary, with consent recorded.
func (s *beneficiariesView) openBeneficiaryForm() { s.beneficiaryForm(journal.Beneficiary{}) }

// audit records a sensitive action of the logged-in account.
func (s *Space) audit(action audit.Action, detail string) {
	if s.Audit == nil || s.user == nil {
		return
	}
	e := audit.Entry{At: s.Now(), AccountID: s.user.ID, Action: action, Detail: detail}
	background(s, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, s.Audit.AddAudit(ctx, e)
	}, func(_ struct{}, err error) {
		if err != nil {
			s.Log.Error("audit", "err", err)
		}
	})
}
