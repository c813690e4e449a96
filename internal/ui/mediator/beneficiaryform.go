package mediator

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/journal"
)

// beneficiaryForm creates a beneficiary (base.ID 0) or changes one: the
// stored record's id, consent and stamp are kept, so that a change made
// meanwhile by someone else is refused rather than lost. The commune is
// checked against the official list, like the place's; problems show
// under their fields; the record is stored off the UI goroutine.
func (s *beneficiariesView) beneficiaryForm(base journal.Beneficiary) {
	tr := s.Tr
	errs := newFieldErrors(tr)
	s.beneficiaryProblems = errs
	first, last, year := field(journal.MaxNameLen), field(journal.MaxNameLen), field(maxNumber)
	phone, email := field(maxPhone), field(maxEmail)
	year.SetPlaceHolder("1956")
	com := newCommuneField(s.Space)
	gender := newChoice(journal.Genders(), journal.Gender.Label, tr.T("journal.form.choose"), nil)
	gender.Set(journal.GenderNonCommunique)
	status := newChoice(journal.SocialStatuses(), journal.SocialStatus.Label, tr.T("journal.form.choose"), nil)
	status.Set(journal.StatusNonCommunique)
	consent := widget.NewCheck(tr.T("beneficiary.consent"), nil)
	s.BeneficiaryFields = []*widget.Entry{&first.Entry, &last.Entry, &year.Entry, &com.Name.Entry, &com.Postal.Entry}
	s.BeneficiaryConsent = consent
	var save *widget.Button
	save = widget.NewButtonWithIcon(tr.T("journal.form.save"), theme.DocumentSaveIcon(), s.act(func() {
		b := journal.NewBeneficiary(journal.DateOf(s.Now()), s.user.ID)
		if base.ID != 0 {
			b = base
		}
		b.FirstName, b.LastName = strings.TrimSpace(first.Text), strings.TrimSpace(last.Text)
		b.BirthYear = 0
		if y := strings.TrimSpace(year.Text); y != "" {
			n, err := strconv.Atoi(y)
			if err != nil {
				n = -1 // reported as an invalid year
			}
			b.BirthYear = n
		}
		var ps []journal.Problem
		var err error
		if b.Commune, b.PostalCode, b.INSEE, err = com.read(); err != nil {
			ps = append(ps, journal.Problem{Field: "commune", Code: journal.CodeCommuneUnknown})
		}
		b.Phone, b.Email = strings.TrimSpace(phone.Text), strings.TrimSpace(email.Text)
		b.Gender, _ = gender.Value()
		b.Status, _ = status.Value()
		if !consent.Checked {
			b.ConsentDate, b.ConsentBy = journal.Date{}, 0
		} else if b.ConsentDate.IsZero() {
			b.ConsentDate, b.ConsentBy = journal.DateOf(s.Now()), s.user.ID
		}
		if len(ps) == 0 {
			ps = journal.Problems(b.Validate())
		}
		if len(ps) > 0 {
			errs.showProblems(ps)
			return
		}
		save.Disable()
		background(s.Space, func(ctx context.Context) (journal.Beneficiary, error) {
			return s.Journal.SaveBeneficiary(ctx, b)
		}, func(saved journal.Beneficiary, err error) {
			save.Enable()
			switch {
			case errors.Is(err, journal.ErrModified):
				errs.showGeneral(s.recordError(err))
			case len(journal.Problems(err)) > 0:
				errs.showProblems(journal.Problems(err))
			case err != nil:
				errs.showGeneral(s.errorText(err))
			default:
				s.bn.openBeneficiary(saved.ID)
			}
		})
	}))
	save.Importance = widget.HighImportance
	s.BeneficiarySave = save
	cancel := widget.NewButtonWithIcon(tr.T("journal.form.cancel"), theme.CancelIcon(), s.act(s.showHome))
	field := func(id, problems string, w fyne.CanvasObject) fyne.CanvasObject {
		return container.NewVBox(widget.NewLabel(tr.T(id)), w, errs.errLabel(problems))
	}
	if base.ID != 0 {
		first.SetText(base.FirstName)
		last.SetText(base.LastName)
		if base.BirthYear > 0 {
			year.SetText(strconv.Itoa(base.BirthYear))
		}
		com.set(base.Commune, base.PostalCode)
		phone.SetText(base.Phone)
		email.SetText(base.Email)
		gender.Set(base.Gender)
		status.Set(base.Status)
		consent.SetChecked(!base.ConsentDate.IsZero())
		cancel.OnTapped = s.act(func() { s.openBeneficiary(base.ID) })
	}
	intro := widget.NewLabel(tr.T("beneficiary.intro"))
	intro.Wrapping = fyne.TextWrapWord
	title := map[bool]string{true: "beneficiary.edit", false: "beneficiary.new"}[base.ID != 0]
	body := container.NewVBox(
		bold(tr.T(title)), intro, errs.errs["general"],
		container.NewGridWithColumns(2, field("beneficiary.first", "first_name", first), field("beneficiary.last", "last_name", last)),
		container.NewGridWithColumns(2, field("beneficiary.year", "birth_year", year), field("beneficiary.commune", "commune", com.content())),
		container.NewGridWithColumns(2, field("journal.form.person.gender", "gender", gender), field("journal.form.person.status", "status", status)),
		container.NewGridWithColumns(2, field("beneficiary.phone", "phone", phone), field("beneficiary.email", "email", email)),
		consent, errs.errLabel("consent"))
	errs.errs["postal_code"] = errs.errs["commune"]
	errs.errs["insee"] = errs.errs["commune"]
	errs.errs["consent_by"] = errs.errs["consent"]
	s.paused = true // a page is open: the Now tab waits
	bar := container.NewBorder(nil, nil, container.NewHBox(save, cancel), nil, errs.summary)
	s.setContent(container.NewBorder(nil, bar, nil, nil, errs.scrolled(body)))
}
