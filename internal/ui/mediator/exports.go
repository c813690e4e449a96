package mediator

import (
	"context"
	"errors"
	"net/url"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/export"
	"pasapas/internal/exportjob"
	"pasapas/internal/report"
)

// exportPanel offers the exports of the period shown: what (activities,
// attendance, statistics), a format among those that apply to it, and —
// for activities and attendance — the detailed export with names, for the
// centre's own use only, ticked on purpose and audited. Funders' exports
// carry no name, phone, e-mail or note. The file is written off the UI
// goroutine; then « Ouvrir le dossier » and « Imprimer ».
type exportPanel struct {
	s        *Space
	What     *widget.Select
	Format   *widget.Select
	Detailed *widget.Check
	Run      *widget.Button
	Result   *widget.Label
	open     *widget.Button
	print    *widget.Button
	whats    map[string]export.What
	formats  map[string]export.Format
	path     string
}

func (s *statsView) newExportPanel() *exportPanel {
	tr := s.Tr
	p := &exportPanel{s: s.Space, whats: map[string]export.What{}, formats: map[string]export.Format{}}
	var whats []string
	for _, w := range []export.What{export.WhatActivities, export.WhatAttendance, export.WhatStats} {
		l := tr.T("export." + string(w))
		p.whats[l] = w
		whats = append(whats, l)
	}
	p.Format = widget.NewSelect(nil, nil)
	p.Format.PlaceHolder = tr.T("export.format.choose")
	p.Detailed = widget.NewCheck(tr.T("export.detailed"), nil)
	p.What = widget.NewSelect(whats, func(string) { p.whatChanged() })
	p.What.PlaceHolder = tr.T("export.what.choose")
	p.Run = widget.NewButtonWithIcon(tr.T("export.run"), theme.DownloadIcon(), s.act(p.run))
	p.Run.Importance = widget.HighImportance
	p.Result = widget.NewLabel("")
	p.Result.Wrapping = fyne.TextWrapWord
	p.open = widget.NewButtonWithIcon(tr.T("export.open"), theme.FolderOpenIcon(), s.act(p.openFolder))
	p.print = widget.NewButtonWithIcon(tr.T("export.print"), theme.DocumentPrintIcon(), s.act(p.printFile))
	p.open.Hide()
	p.print.Hide()
	p.What.SetSelected(whats[0])
	return p
}

// whatChanged offers only the formats that apply, and the detailed
// choice only where there are names to leave out.
func (p *exportPanel) whatChanged() {
	w := p.whats[p.What.Selected]
	keep := p.Format.Selected
	p.formats = map[string]export.Format{}
	var labels []string
	for _, f := range exportjob.Formats(w) {
		l := p.s.Tr.T("export.format." + string(f))
		p.formats[l] = f
		labels = append(labels, l)
	}
	p.Format.Options = labels
	if _, ok := p.formats[keep]; ok {
		p.Format.SetSelected(keep)
	} else {
		p.Format.SetSelected(p.s.Tr.T("export.format." + string(export.CSVExcel)))
		if _, ok := p.formats[p.Format.Selected]; !ok {
			p.Format.SetSelected(labels[0])
		}
	}
	p.Format.Refresh()
	p.Detailed.SetChecked(false)
	if exportjob.Detailable(w) {
		p.Detailed.Show()
	} else {
		p.Detailed.Hide()
	}
}

func (p *exportPanel) content() fyne.CanvasObject {
	return container.NewVBox(
		widget.NewLabelWithStyle(p.s.Tr.T("export.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewGridWithColumns(3, p.What, p.Format, p.Run),
		p.Detailed,
		p.Result,
		container.NewHBox(p.open, p.print))
}

// run writes the export of the period shown.
func (p *exportPanel) run() {
	s := p.s
	if s.Exports == nil || s.Period.Empty() || s.user == nil {
		return
	}
	spec := export.Spec{What: p.whats[p.What.Selected], Format: p.formats[p.Format.Selected], Detailed: p.Detailed.Checked}
	req := exportjob.Request{Spec: spec, Period: s.Period, Dir: s.ExportDir, ExportedBy: s.user.DisplayName}
	job := exportjob.Job{Source: s.Exports, Now: s.Now, GuideTitle: s.guideTitle}
	user := s.user.ID
	p.Run.Disable()
	p.open.Hide()
	p.print.Hide()
	p.Result.Importance = widget.MediumImportance
	p.Result.SetText(s.Tr.T("export.working"))
	background(s, func(ctx context.Context) (exportjob.Result, error) {
		if st, err := s.Settings.LoadSettings(ctx); err == nil {
			req.Centre = st.CentreName
		}
		res, err := job.Run(ctx, req)
		if err == nil && s.Audit != nil {
			if aerr := s.Audit.AddAudit(ctx, res.AuditEntry(user)); aerr != nil {
				s.Log.Error("audit export", "err", aerr)
			}
		}
		return res, err
	}, func(res exportjob.Result, err error) {
		p.Run.Enable()
		if err != nil {
			p.Result.Importance = widget.DangerImportance
			p.Result.SetText(p.errorText(err))
			return
		}
		p.path = res.Path
		p.Result.Importance = widget.SuccessImportance
		p.Result.SetText(s.Tr.T("export.done", "Path", res.Path))
		p.open.Show()
		if s.Print != nil {
			p.print.Show()
		}
	})
}

// errorText words an export failure: what happened and what to do.
func (p *exportPanel) errorText(err error) string {
	r := exportjob.ReasonOf(err)
	var e *exportjob.Error
	folder, path := "", ""
	if errors.As(err, &e) {
		folder, path = e.Folder, e.Path
	}
	if r == exportjob.Invalid && p.s.Period.Empty() {
		return p.s.Tr.T("stats.bad_period")
	}
	p.s.Log.Error("export", "reason", r, "err", err)
	return p.s.Tr.T(r.MessageID(), "Folder", folder, "Path", path)
}

func (p *exportPanel) openFolder() {
	if p.path == "" || p.s.App == nil {
		return
	}
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Dir(p.path))}
	if err := p.s.App.OpenURL(u); err != nil {
		p.Result.Importance = widget.DangerImportance
		p.Result.SetText(p.s.Tr.T("export.open.failed", "Path", filepath.Dir(p.path)))
	}
}

func (p *exportPanel) printFile() {
	path := p.path
	if path == "" || p.s.Print == nil {
		return
	}
	p.Result.SetText(p.s.Tr.T("export.printing"))
	background(p.s, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, p.s.Print(ctx, path)
	}, func(_ struct{}, err error) {
		if err != nil {
			p.Result.Importance = widget.DangerImportance
			p.Result.SetText(p.s.Tr.T("export.print.failed", "Reason", p.s.errorText(err)))
			return
		}
		p.Result.Importance = widget.SuccessImportance
		p.Result.SetText(p.s.Tr.T("export.printed", "Path", path))
	})
}

// periodLabel names a period for the mediator: its preset, translated, or
// its two dates.
func (s *statsView) periodLabel(p report.Period) string {
	l := p.Label()
	if l.Preset == report.Custom && !l.First.IsZero() {
		return l.First.In(timeLocal()).Format("02/01/2006") + " – " + l.Last.In(timeLocal()).Format("02/01/2006")
	}
	return s.Tr.T(l.MessageID)
}
