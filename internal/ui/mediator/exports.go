package mediator

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/audit"
	"pasapas/internal/export"
	"pasapas/internal/journal"
	"pasapas/internal/report"
)

// exportRow offers the exports of the period shown: a format, and one
// button per export. Files go to the export folder; the path is shown.
func (s *Space) exportRow() fyne.CanvasObject {
	formats := map[string]export.Format{}
	var labels []string
	for _, f := range export.Formats() {
		l := s.Tr.T("export.format." + string(f))
		formats[l] = f
		labels = append(labels, l)
	}
	format := widget.NewSelect(labels, nil)
	format.SetSelected(s.Tr.T("export.format." + string(export.CSVExcel)))
	s.ExportFormat = format
	row := container.NewHBox(widget.NewLabel(s.Tr.T("export.title")), format)
	for _, what := range []export.What{export.WhatActivities, export.WhatAttendance, export.WhatStats} {
		b := widget.NewButtonWithIcon(s.Tr.T("export."+string(what)), theme.DownloadIcon(), s.act(func() {
			path, err := s.exportTo(what, formats[format.Selected])
			if err != nil {
				s.notice(s.Tr.T("export.failed", "Reason", s.errorText(err)))
				return
			}
			s.notice(s.Tr.T("export.done", "Path", path))
		}))
		row.Add(b)
	}
	return row
}

// exportTo writes one export of the current period and returns its path.
func (s *Space) exportTo(what export.What, f export.Format) (string, error) {
	if s.Exports == nil || s.Period.Empty() {
		return "", fmt.Errorf("no period")
	}
	ctx := context.Background()
	now := s.Now()
	today := journal.DateOf(now)
	d, err := export.Load(ctx, s.Exports, s.Period, today, time.Local)
	if err != nil {
		return "", err
	}
	centre := ""
	if st, err := s.Settings.LoadSettings(ctx); err == nil {
		centre = st.CentreName
	}
	h := export.Header{Centre: centre, ExportedBy: s.user.DisplayName, ExportedAt: now, From: s.Period.From, To: s.Period.Last()}
	write, err := export.Build(what, d, h, f, report.Options{Today: today, Location: time.Local,
		GuideTitle: func(id string) string { return s.guideTitle(id) }})
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(s.ExportDir, 0o700); err != nil {
		return "", err
	}
	name := fmt.Sprintf("pasapas-%s-%s-%s%s", what, s.Period.From, s.Period.Last(), f.Ext())
	path := filepath.Join(s.ExportDir, name)
	if err := export.WriteFile(path, write); err != nil {
		return "", err
	}
	s.audit(audit.Export, string(what))
	return path, nil
}
