package mediator

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/journal"
)

// accForm is the form of an individual accompaniment, with the field set of
// the national mediators' tool. Labels are the tool's own French labels.
type accForm struct {
	s    *Space
	base journal.Accompaniment // what the form started from (id, visit, beneficiary…)

	date        *widget.Entry
	duration    *widget.RadioGroup
	custom      *widget.Entry
	placeType   *widget.RadioGroup
	placeName   *widget.SelectEntry
	commune     *widget.Entry
	equipment   *widget.CheckGroup
	themes      *widget.CheckGroup
	admin       *widget.CheckGroup
	adminBox    *fyne.Container
	procedure   *widget.Entry
	autonomy    *widget.RadioGroup
	referred    *widget.Check
	referral    *widget.Select
	tags        *widget.Entry
	notes       *widget.Entry
	already     *widget.Check
	pCommune    *widget.Entry
	gender      *widget.RadioGroup
	ageBand     *widget.Select
	status      *widget.Select
	errors      *widget.Label
	Save        *widget.Button
	Cancel      *widget.Button
	onDone      func(saved bool)
	beneficiary *widget.Label
}

// labels returns the French labels of enum values, and a reverse lookup.
func labels[T interface{ Label() string }](values []T) ([]string, func(string) (T, bool)) {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = v.Label()
	}
	return out, func(l string) (T, bool) {
		for _, v := range values {
			if v.Label() == l {
				return v, true
			}
		}
		var zero T
		return zero, false
	}
}

func durationLabel(m int) string { return journal.DurationLabel(m) }

// newAccForm builds the form filled with a; onDone is called after Save
// (true) or Cancel (false).
func (s *Space) newAccForm(a journal.Accompaniment, onDone func(bool)) *accForm {
	f := &accForm{s: s, base: a, onDone: onDone}
	tr := s.Tr
	f.date = widget.NewEntry()
	f.date.SetPlaceHolder("jj/mm/aaaa")
	var presets []string
	for _, m := range journal.DurationPresets() {
		presets = append(presets, durationLabel(m))
	}
	presets = append(presets, tr.T("journal.form.custom"))
	f.custom = widget.NewEntry()
	f.custom.SetPlaceHolder(tr.T("journal.form.minutes"))
	f.duration = widget.NewRadioGroup(presets, func(string) { s.touch() })
	f.duration.Horizontal = true

	placeLabels, _ := labels(journal.PlaceTypes())
	f.placeType = widget.NewRadioGroup(placeLabels, func(string) { s.touch() })
	f.placeType.Horizontal = true
	f.placeName = widget.NewSelectEntry(s.places())
	f.commune = widget.NewEntry()
	f.commune.SetPlaceHolder(tr.T("journal.form.commune"))

	eqLabels, _ := labels(journal.Equipments())
	f.equipment = widget.NewCheckGroup(eqLabels, func([]string) { s.touch() })
	f.equipment.Horizontal = true

	digital, _ := labels(journal.DigitalThemes())
	adminLabels, _ := labels(journal.AdminThemes())
	f.admin = widget.NewCheckGroup(adminLabels, func([]string) { s.touch() })
	f.procedure = widget.NewEntry()
	f.adminBox = container.NewVBox(
		widget.NewLabelWithStyle(tr.T("journal.form.admin"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewGridWithColumns(2, f.admin),
		widget.NewLabel(tr.T("journal.form.procedure")), f.procedure)
	f.themes = widget.NewCheckGroup(digital, func(sel []string) {
		s.touch()
		f.adminBox.Hidden = !slices.Contains(sel, journal.ThemeAideAuxDemarchesAdministratives.Label())
		f.adminBox.Refresh()
	})

	autLabels, _ := labels(journal.Autonomies())
	f.autonomy = widget.NewRadioGroup(autLabels, func(string) { s.touch() })
	refLabels, _ := labels(journal.Referrals())
	f.referral = widget.NewSelect(refLabels, func(string) { s.touch() })
	f.referred = widget.NewCheck(tr.T("journal.form.referred"), func(on bool) {
		s.touch()
		if on {
			f.referral.Enable()
		} else {
			f.referral.ClearSelected()
			f.referral.Disable()
		}
	})
	f.tags = widget.NewEntry()
	f.tags.SetPlaceHolder(tr.T("journal.form.tags.hint"))
	f.notes = widget.NewMultiLineEntry()
	f.notes.Wrapping = fyne.TextWrapWord
	f.notes.SetMinRowsVisible(3)

	f.already = widget.NewCheck(tr.T("journal.form.already"), func(bool) { s.touch() })
	f.pCommune = widget.NewEntry()
	f.pCommune.SetPlaceHolder(tr.T("journal.form.commune"))
	gLabels, _ := labels(journal.Genders())
	f.gender = widget.NewRadioGroup(gLabels, func(string) { s.touch() })
	f.gender.Horizontal = true
	aLabels, _ := labels(journal.AgeBands())
	f.ageBand = widget.NewSelect(aLabels, func(string) { s.touch() })
	sLabels, _ := labels(journal.SocialStatuses())
	f.status = widget.NewSelect(sLabels, func(string) { s.touch() })
	f.beneficiary = widget.NewLabel("")

	f.errors = widget.NewLabel("")
	f.errors.Wrapping = fyne.TextWrapWord
	f.errors.Importance = widget.DangerImportance
	f.errors.Hide()
	f.Save = widget.NewButtonWithIcon(tr.T("journal.form.save"), theme.DocumentSaveIcon(), s.act(f.save))
	f.Save.Importance = widget.HighImportance
	f.Cancel = widget.NewButtonWithIcon(tr.T("journal.form.cancel"), theme.CancelIcon(), s.act(func() { f.onDone(false) }))
	f.load(a)
	return f
}

// places returns the centre's activity places from the settings; with
// none set, the centre's name stands for its one place.
func (s *Space) places() []string {
	if s.Settings == nil {
		return nil
	}
	st, err := s.Settings.LoadSettings(context.Background())
	if err != nil {
		s.Log.Error("load settings", "err", err)
		return nil
	}
	if len(st.Places) == 0 && st.CentreName != "" {
		return []string{st.CentreName}
	}
	return st.Places
}

// load fills the widgets from a.
func (f *accForm) load(a journal.Accompaniment) {
	if !a.Date.IsZero() {
		f.date.SetText(a.Date.In(timeLocal()).Format("02/01/2006"))
	}
	if a.DurationMinutes > 0 {
		if journal.IsPreset(a.DurationMinutes) {
			f.duration.SetSelected(durationLabel(a.DurationMinutes))
		} else {
			f.duration.SetSelected(f.s.Tr.T("journal.form.custom"))
			f.custom.SetText(strconv.Itoa(a.DurationMinutes))
		}
	}
	f.placeType.SetSelected(a.Place.Type.Label())
	name := a.Place.Name
	if name == "" && a.Place.Type == journal.PlaceLieuActivite {
		if ps := f.s.places(); len(ps) > 0 {
			name = ps[0]
		}
	}
	f.placeName.SetText(name)
	f.commune.SetText(a.Place.Commune)
	var eq []string
	for _, e := range a.Equipment {
		eq = append(eq, e.Label())
	}
	f.equipment.SetSelected(eq)
	var th, ad []string
	for _, t := range a.Themes {
		th = append(th, t.Label())
	}
	for _, t := range a.AdminThemes {
		ad = append(ad, t.Label())
	}
	f.themes.SetSelected(th)
	f.admin.SetSelected(ad)
	f.adminBox.Hidden = !a.HasAdminTheme()
	f.procedure.SetText(a.Procedure)
	if a.Autonomy != "" {
		f.autonomy.SetSelected(a.Autonomy.Label())
	}
	f.referred.SetChecked(a.Referred)
	if a.Referral != "" {
		f.referral.SetSelected(a.Referral.Label())
	}
	if !a.Referred {
		f.referral.Disable()
	}
	f.tags.SetText(strings.Join(a.Tags, ", "))
	f.notes.SetText(a.Notes)
	f.already.SetChecked(a.Person.AlreadyAccompanied)
	f.pCommune.SetText(a.Person.Commune)
	f.gender.SetSelected(a.Person.Gender.Label())
	f.ageBand.SetSelected(a.Person.AgeBand.Label())
	f.status.SetSelected(a.Person.Status.Label())
	if a.BeneficiaryID != 0 {
		f.beneficiary.SetText(f.s.Tr.T("journal.form.named", "ID", a.BeneficiaryID))
	}
}

// read returns the accompaniment the form describes.
func (f *accForm) read() journal.Accompaniment {
	a := f.base
	a.Date = journal.Date{}
	if d, err := parseDay(f.date.Text); err == nil {
		a.Date = d
	}
	a.DurationMinutes = 0
	for _, m := range journal.DurationPresets() {
		if f.duration.Selected == durationLabel(m) {
			a.DurationMinutes = m
		}
	}
	if f.duration.Selected == f.s.Tr.T("journal.form.custom") {
		if m, err := strconv.Atoi(strings.TrimSpace(f.custom.Text)); err == nil {
			a.DurationMinutes = m
		}
	}
	_, place := labels(journal.PlaceTypes())
	a.Place = journal.Place{}
	a.Place.Type, _ = place(f.placeType.Selected)
	switch a.Place.Type {
	case journal.PlaceLieuActivite:
		a.Place.Name = strings.TrimSpace(f.placeName.Text)
	case journal.PlaceDomicile, journal.PlaceAutre:
		a.Place.Commune = strings.TrimSpace(f.commune.Text)
	}
	_, eq := labels(journal.Equipments())
	a.Equipment = nil
	for _, l := range f.equipment.Selected {
		if e, ok := eq(l); ok {
			a.Equipment = append(a.Equipment, e)
		}
	}
	_, th := labels(journal.Themes())
	a.Themes, a.AdminThemes = nil, nil
	for _, l := range f.themes.Selected {
		if t, ok := th(l); ok {
			a.Themes = append(a.Themes, t)
		}
	}
	a.Procedure = ""
	if a.HasAdminTheme() {
		for _, l := range f.admin.Selected {
			if t, ok := th(l); ok {
				a.AdminThemes = append(a.AdminThemes, t)
			}
		}
		a.Procedure = strings.TrimSpace(f.procedure.Text)
	}
	_, aut := labels(journal.Autonomies())
	a.Autonomy, _ = aut(f.autonomy.Selected)
	a.Referred = f.referred.Checked
	_, ref := labels(journal.Referrals())
	a.Referral = ""
	if a.Referred {
		a.Referral, _ = ref(f.referral.Selected)
	}
	a.Tags = nil
	for _, t := range strings.Split(f.tags.Text, ",") {
		if t = strings.TrimSpace(t); t != "" {
			a.Tags = append(a.Tags, t)
		}
	}
	a.Notes = strings.TrimSpace(f.notes.Text)
	if a.BeneficiaryID == 0 {
		_, g := labels(journal.Genders())
		_, ab := labels(journal.AgeBands())
		_, st := labels(journal.SocialStatuses())
		a.Person.AlreadyAccompanied = f.already.Checked
		a.Person.Commune = strings.TrimSpace(f.pCommune.Text)
		a.Person.Gender, _ = g(f.gender.Selected)
		a.Person.AgeBand, _ = ab(f.ageBand.Selected)
		a.Person.Status, _ = st(f.status.Selected)
	}
	if f.s.user != nil {
		a.MediatorID = f.s.user.ID
	}
	return a
}

// save validates and stores the accompaniment; problems are listed, in the
// mediator's language, above the buttons.
func (f *accForm) save() {
	a := f.read()
	if _, err := parseDay(f.date.Text); err != nil && strings.TrimSpace(f.date.Text) != "" {
		f.showErrors([]string{f.s.Tr.T("journal.form.bad_date")})
		return
	}
	if err := a.Validate(); err != nil {
		f.showValidation(err)
		return
	}
	if _, err := f.s.Journal.SaveAccompaniment(context.Background(), a); err != nil {
		f.showValidation(err)
		return
	}
	f.onDone(true)
}

func (f *accForm) showValidation(err error) {
	ps := journal.Problems(err)
	if len(ps) == 0 {
		f.showErrors([]string{f.s.errorText(err)})
		return
	}
	var msgs []string
	for _, p := range ps {
		msgs = append(msgs, f.s.Tr.T(p.MessageID()))
	}
	f.showErrors(msgs)
}

func (f *accForm) showErrors(msgs []string) {
	f.errors.SetText("• " + strings.Join(msgs, "\n• "))
	f.errors.Show()
}

// Errors returns the problems shown, one per line (for tests).
func (f *accForm) Errors() string {
	if f.errors.Hidden {
		return ""
	}
	return f.errors.Text
}

// content lays the form out.
func (f *accForm) content(title string) fyne.CanvasObject {
	tr := f.s.Tr
	bold := func(id string) *widget.Label {
		return widget.NewLabelWithStyle(tr.T(id), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	reminder := widget.NewLabel(tr.T("journal.form.notes.reminder"))
	reminder.Wrapping = fyne.TextWrapWord
	reminder.Importance = widget.WarningImportance
	person := container.NewVBox(bold("journal.form.person"), f.beneficiary)
	if f.base.BeneficiaryID == 0 {
		person.Add(f.already)
		person.Add(container.NewGridWithColumns(2,
			container.NewVBox(widget.NewLabel(tr.T("journal.form.person.commune")), f.pCommune),
			container.NewVBox(widget.NewLabel(tr.T("journal.form.person.gender")), f.gender)))
		person.Add(container.NewGridWithColumns(2,
			container.NewVBox(widget.NewLabel(tr.T("journal.form.person.age")), f.ageBand),
			container.NewVBox(widget.NewLabel(tr.T("journal.form.person.status")), f.status)))
	}
	body := container.NewVBox(
		widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewGridWithColumns(2,
			container.NewVBox(bold("journal.form.date"), f.date),
			container.NewVBox(bold("journal.form.duration"), f.duration, f.custom)),
		bold("journal.form.place"), f.placeType,
		container.NewGridWithColumns(2, f.placeName, f.commune),
		bold("journal.form.equipment"), f.equipment,
		bold("journal.form.themes"), container.NewGridWithColumns(3, f.themes),
		f.adminBox,
		bold("journal.form.autonomy"), f.autonomy,
		container.NewGridWithColumns(2, f.referred, f.referral),
		bold("journal.form.tags"), f.tags,
		bold("journal.form.notes"), reminder, f.notes,
		widget.NewSeparator(), person,
		f.errors,
	)
	return container.NewBorder(nil, container.NewHBox(f.Save, f.Cancel), nil, nil, container.NewVScroll(body))
}
