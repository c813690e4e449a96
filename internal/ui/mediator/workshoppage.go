package mediator

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/audit"
	"pasapas/internal/export"
	"pasapas/internal/journal"
)

// openWorkshop reads a workshop off the UI goroutine and shows its page.
func (s *workshopsView) openWorkshop(id int64) {
	background(s.Space, func(ctx context.Context) (journal.Workshop, error) {
		return s.Journal.Workshop(ctx, id)
	}, func(w journal.Workshop, err error) {
		if err != nil {
			s.notice(s.recordError(err))
			return
		}
		s.ws.showWorkshop(w)
	})
}

// showWorkshop shows a workshop's sessions, each with its sign-in sheet,
// its attendance and « Annuler la séance »; the workshop can be changed
// or deleted (asked twice).
func (s *workshopsView) showWorkshop(w journal.Workshop) {
	tr := s.Tr
	box := container.NewVBox(bold(w.Title))
	edit := widget.NewButtonWithIcon(tr.T("workshop.edit"), theme.DocumentCreateIcon(), s.act(func() { s.ws.openWorkshopEdit(w) }))
	confirm := widget.NewButtonWithIcon(tr.T("workshop.delete.confirm"), theme.WarningIcon(), nil)
	confirm.Importance = widget.DangerImportance
	confirm.Hide()
	confirm.OnTapped = s.act(func() { s.ws.deleteWorkshop(w) })
	del := widget.NewButtonWithIcon(tr.T("workshop.delete"), theme.DeleteIcon(), s.act(confirm.Show))
	s.WorkshopDelete, s.WorkshopDeleteConfirm = del, confirm
	box.Add(container.NewHBox(edit, del, confirm))
	for i, sess := range w.Sessions {
		n := i + 1
		text := tr.T("workshop.session", "N", n, "Date", dayText(sess.Date), "Start", sess.Start.String(),
			"Duration", journal.DurationLabel(sess.DurationMinutes))
		label := widget.NewLabel(text)
		if sess.Cancelled {
			label.SetText(text + " — " + tr.T("workshop.session.cancelled"))
			label.Importance = widget.WarningImportance
		}
		sessID := sess.ID
		att := widget.NewButtonWithIcon(tr.T("workshop.attendance"), theme.CheckButtonCheckedIcon(),
			s.act(func() { s.ws.openAttendance(w.ID, sessID, n) }))
		if sess.Cancelled {
			att.Disable()
		}
		sheet := widget.NewButtonWithIcon(tr.T("workshop.sheet"), theme.DocumentPrintIcon(), s.act(func() { s.ws.sheet(w, n) }))
		if _, ok := s.Exports.(export.SheetSource); !ok {
			sheet.Hide()
		}
		toggle := tr.T("workshop.session.cancel")
		if sess.Cancelled {
			toggle = tr.T("workshop.session.restore")
		}
		cancel := widget.NewButtonWithIcon(toggle, theme.MediaPauseIcon(), s.act(func() { s.ws.toggleSession(w, i) }))
		box.Add(container.NewBorder(nil, nil, nil, container.NewHBox(sheet, att, cancel), label))
	}
	back := widget.NewButtonWithIcon(tr.T("journal.form.cancel"), theme.NavigateBackIcon(), s.act(s.showHome))
	s.paused = true // a page is open: the Now tab waits
	s.setContent(container.NewBorder(nil, container.NewHBox(back), nil, nil, container.NewVScroll(box)))
}

// sheet writes a session's sign-in sheet off the UI goroutine.
func (s *workshopsView) sheet(w journal.Workshop, n int) {
	background(s.Space, func(ctx context.Context) (string, error) { return s.ws.writeSheet(ctx, w, n) },
		func(path string, err error) {
			if err != nil {
				s.notice(s.Tr.T("export.failed", "Reason", s.errorText(err)))
				return
			}
			s.notice(s.Tr.T("export.done", "Path", path))
		})
}

// toggleSession cancels session i (kept, counted nowhere, no attendance)
// or brings it back.
func (s *workshopsView) toggleSession(w journal.Workshop, i int) {
	w.Sessions[i].Cancelled = !w.Sessions[i].Cancelled
	s.ws.saveThenShow(w, "workshop.saved")
}

// saveThenShow stores w off the UI goroutine and shows its page again.
func (s *workshopsView) saveThenShow(w journal.Workshop, done string) {
	background(s.Space, func(ctx context.Context) (journal.Workshop, error) {
		return s.Journal.SaveWorkshop(ctx, w)
	}, func(saved journal.Workshop, err error) {
		if err != nil {
			s.ws.openWorkshop(w.ID) // what is stored, not what failed
			s.notice(s.ws.workshopError(err))
			return
		}
		s.ws.showWorkshop(saved)
		s.notice(s.Tr.T(done))
	})
}

func (s *workshopsView) workshopError(err error) string {
	if ps := journal.Problems(err); len(ps) > 0 {
		return s.Tr.T(ps[0].MessageID())
	}
	return s.recordError(err)
}

// deleteWorkshop removes a workshop with its sessions and attendance.
func (s *workshopsView) deleteWorkshop(w journal.Workshop) {
	background(s.Space, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, s.Journal.DeleteWorkshop(ctx, w.ID)
	}, func(_ struct{}, err error) {
		if err != nil {
			s.notice(s.recordError(err))
			return
		}
		s.audit(audit.RecordDeleted, fmt.Sprintf("workshop %d", w.ID))
		s.showHome()
		s.notice(s.Tr.T("workshop.deleted"))
	})
}

// openAttendance reads a session's marks and shows them.
func (s *workshopsView) openAttendance(workshopID, sessionID int64, n int) {
	type page struct {
		w     journal.Workshop
		marks []journal.Mark
		names map[journal.Participant]string
	}
	background(s.Space, func(ctx context.Context) (page, error) {
		w, err := s.Journal.Workshop(ctx, workshopID)
		if err != nil {
			return page{}, err
		}
		marks, err := s.Journal.WorkshopAttendance(ctx, workshopID)
		if err != nil {
			return page{}, err
		}
		names := map[journal.Participant]string{}
		for _, p := range w.ParticipantList() {
			names[p] = s.ws.participantName(ctx, p)
		}
		return page{w, marks, names}, nil
	}, func(pg page, err error) {
		if err != nil {
			s.notice(s.recordError(err))
			return
		}
		s.ws.showAttendance(pg.w, pg.marks, pg.names, sessionID, n)
	})
}

// showAttendance: present / absent / excused for every participant of one
// session, « Tous présents », and a person who came without being on the
// sheet (anonymous in one tap, or a followed beneficiary by name).
func (s *workshopsView) showAttendance(w journal.Workshop, marks []journal.Mark, names map[journal.Participant]string, sessionID int64, n int) {
	tr := s.Tr
	current := map[journal.Participant]journal.Presence{}
	for _, m := range marks {
		if m.SessionID == sessionID {
			current[m.Participant] = m.Presence
		}
	}
	type row struct {
		p     journal.Participant
		radio *choice[journal.Presence]
	}
	var rows []row
	box := container.NewVBox(bold(tr.T("workshop.attendance.title", "Title", w.Title, "N", n)))
	s.Attendance = nil
	for _, p := range w.ParticipantList() {
		r := newChoice(journal.Presences(), func(pr journal.Presence) string { return tr.T(pr.MessageID()) },
			tr.T("journal.form.choose"), func() { s.touch() })
		if pr, ok := current[p]; ok {
			r.Set(pr)
		}
		rows = append(rows, row{p, r})
		s.Attendance = append(s.Attendance, r)
		box.Add(container.NewGridWithColumns(2, widget.NewLabel(names[p]), r))
	}
	all := widget.NewButtonWithIcon(tr.T("workshop.attendance.all"), theme.ConfirmIcon(), s.act(func() {
		for _, r := range rows {
			r.radio.Set(journal.Present)
		}
	}))
	s.AttendanceAll = all
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	save := widget.NewButtonWithIcon(tr.T("journal.form.save"), theme.DocumentSaveIcon(), s.act(func() {
		var ms []journal.Mark
		for _, r := range rows {
			if pr, ok := r.radio.Value(); ok {
				ms = append(ms, journal.Mark{SessionID: sessionID, Participant: r.p, Presence: pr})
			}
		}
		background(s.Space, func(ctx context.Context) (struct{}, error) {
			return struct{}{}, s.Journal.SetAttendance(ctx, sessionID, ms)
		}, func(_ struct{}, err error) {
			if err != nil {
				msg.SetText(s.ws.workshopError(err))
				return
			}
			s.ws.openWorkshop(w.ID)
			s.notice(tr.T("workshop.attendance.saved"))
		})
	}))
	save.Importance = widget.HighImportance
	s.AttendanceSave = save
	walkIn := func(p journal.WalkIn) {
		background(s.Space, func(ctx context.Context) (struct{}, error) {
			_, _, err := s.Journal.AddWalkIn(ctx, sessionID, p)
			return struct{}{}, err
		}, func(_ struct{}, err error) {
			if err != nil {
				msg.SetText(s.ws.workshopError(err))
				return
			}
			s.ws.openAttendance(w.ID, sessionID, n)
			s.notice(tr.T("workshop.walkin.added"))
		})
	}
	anon := widget.NewButtonWithIcon(tr.T("workshop.walkin.anonymous"), theme.ContentAddIcon(),
		s.act(func() { walkIn(journal.WalkIn{Profile: journal.UnknownProfile()}) }))
	s.WalkInAnonymous = anon
	picker := s.bn.newBeneficiaryPicker()
	picker.onPick = func(b journal.Beneficiary) { walkIn(journal.WalkIn{BeneficiaryID: b.ID}) }
	box.Add(widget.NewSeparator())
	box.Add(bold(tr.T("workshop.walkin.title")))
	box.Add(container.NewHBox(anon))
	box.Add(picker.search)
	box.Add(picker.results)
	back := widget.NewButtonWithIcon(tr.T("journal.form.cancel"), theme.NavigateBackIcon(), s.act(func() { s.ws.showWorkshop(w) }))
	s.setContent(container.NewBorder(nil, container.NewVBox(msg, container.NewHBox(save, all, back)), nil, nil, container.NewVScroll(box)))
}

// participantName is the named beneficiary's name, or "anonyme N"; it
// reads the store, off the UI goroutine.
func (s *workshopsView) participantName(ctx context.Context, p journal.Participant) string {
	if p.BeneficiaryID == 0 {
		return s.Tr.T("workshop.anonymous", "N", p.Anonymous)
	}
	b, err := s.Journal.Beneficiary(ctx, p.BeneficiaryID)
	if err != nil || b.IsErased() {
		return s.Tr.T("workshop.erased", "ID", p.BeneficiaryID)
	}
	return b.DisplayName()
}
