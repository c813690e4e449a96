package kiosk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

	"pasapas/internal/guide"
	"pasapas/internal/ui/controls"
	"pasapas/internal/ui/themes"
	"pasapas/internal/visit"
)

// checklistScreen: one "before you start" item at a time, Yes / Not yet;
// after "Not yet", what to do, and Continue anyway / Stop for today.
func (v *View) checklistScreen() page {
	d := v.dir
	g := v.Kiosk.Guide().In(v.Kiosk.Lang())
	i, missed := v.Kiosk.ChecklistIndex()
	item := g.Checklist[i]
	box := container.NewVBox(
		d.Paragraph(v.tr.T("kiosk.checklist.title")+" — "+v.tr.T("kiosk.checklist.progress",
			"N", v.number(i+1), "Total", v.number(len(g.Checklist)))),
		v.progress(i+1, len(g.Checklist)),
	)
	box.Add(v.titled(item.Pictogram, guide.Plain(item.Text)))
	if !missed {
		// The question under the item; its answers stay at the bottom of
		// the screen, in view whatever the text size (they were under
		// « Écouter » and the glossary, below the fold from the third size).
		box.Add(d.Paragraph(v.tr.T("kiosk.checklist.question")))
	}
	if read := v.readAloud(item.Text, v.tr.T("kiosk.checklist.question"), missingText(missed, item.Missing)); read != nil {
		box.Add(read)
	}
	if terms := v.terms([]string{item.Text}); terms != nil {
		box.Add(terms)
	}
	if !missed {
		yes := v.primary(v.tr.T("kiosk.checklist.yes"), theme.ConfirmIcon(), func() { v.Kiosk.Answer(true) })
		notYet := v.button(v.tr.T("kiosk.checklist.notyet"), theme.CancelIcon(), controls.Plain, func() { v.Kiosk.Answer(false) })
		return page{body: box, nav: v.answers(v.previous(), notYet, yes)}
	}
	what := container.NewVBox(d.Heading(v.tr.T("kiosk.checklist.what")), v.text([]string{item.Missing}))
	box.Add(controls.Box(themes.ColorNameAttention, what))
	box.Add(v.button(v.tr.T("kiosk.checklist.stop"), theme.CancelIcon(), controls.Plain, v.Kiosk.StopForToday))
	return page{body: box, nav: v.answers(v.previous(), v.primary(v.tr.T("kiosk.checklist.continue"), v.nextIcon(), v.Kiosk.ContinueAnyway))}
}

// stepScreen: "Étape 3 sur 8" and the title stay at the top; the step's
// sentences and warnings scroll; the official site's button and Previous /
// Next stay at the bottom. On a step that opens the site, « Ouvrir le
// site » is the main button until the site is open; then the step says so
// and offers « Revoir le site ».
func (v *View) stepScreen() page {
	d := v.dir
	lg := v.Kiosk.Guide().In(v.Kiosk.Lang())
	i := v.Kiosk.StepIndex()
	s := lg.Steps[i]
	counter := d.Paragraph(v.tr.T("kiosk.step.progress", "N", v.number(i+1), "Total", v.number(len(lg.Steps))))
	head := container.NewVBox(counter, v.progress(i+1, len(lg.Steps)), v.titled(s.Pictogram, guide.Plain(s.Title)))
	box := container.NewVBox()
	read := v.readAloud(stepReading(s)...)
	if v.maxWidth > 0 { // the guide column: the counter, « Écouter » and the title, nothing that takes lines from the text
		counter = d.Small(v.tr.T("kiosk.step.progress", "N", v.number(i+1), "Total", v.number(len(lg.Steps))))
		if read != nil {
			counter = d.Trail(counter, read)
		}
		head = container.NewVBox(counter, d.Heading(guide.Plain(s.Title)))
	} else if read != nil {
		box.Add(read)
	}
	open := v.Kiosk.SiteOpen()
	switch {
	case open && v.siteWaiting:
		box.Add(controls.Box(themes.ColorNameAttention, d.Paragraph(v.tr.T("kiosk.step.site.opening"))))
	case open && s.OpenSite:
		box.Add(d.Small(v.tr.T("kiosk.step.site.beside")))
	}
	if host := v.Kiosk.Guide().Host(); host != "" && (s.OpenSite || open) {
		// The official site's name, large: what the visitor checks at the
		// top of the browser before typing anything.
		name := d.Heading(host)
		if v.maxWidth > 0 { // a name has no space to wrap at: in the column, the text's size
			name = d.Paragraph(host)
		}
		box.Add(container.NewVBox(d.Small(v.tr.T("kiosk.step.site.official")), name))
	}
	box.Add(v.text(s.Sentences))
	if pic := v.stepPicture(s.Picture); pic != nil {
		box.Add(pic)
	}
	if len(s.Attention) > 0 {
		box.Add(v.attention(v.tr.T("kiosk.step.attention"), s.Attention))
	}
	siteButton := 0 // none; 1: the main button; 2: a small one
	switch {
	case s.OpenSite && !open:
		siteButton = 1
	case open: // a second way to the site, smaller than the step's own buttons
		siteButton = 2
	}
	// The row is the same from step to step: it stays on screen.
	nav := v.stepNavFor(siteButton, lg.URL, func() stepNav {
		var site *controls.Button
		switch siteButton {
		case 1:
			site = v.primary(v.tr.T("kiosk.step.open"), v.picto("navigateur"), func() { v.openSite(lg.URL) })
		case 2:
			site = v.button(v.tr.T("kiosk.step.again"), v.picto("navigateur"), controls.Plain, func() { v.openSite(lg.URL) })
			site.SizeName = themes.SizeNameBar
		}
		var next *controls.Button
		if site != nil && site.Style == controls.Primary {
			next = v.button(v.tr.T("kiosk.step.next"), v.nextIcon(), controls.Plain, v.Kiosk.Next)
		} else {
			next = v.primary(v.tr.T("kiosk.step.next"), v.nextIcon(), v.Kiosk.Next)
		}
		row := container.NewVBox()
		if site != nil {
			v.Site = site
			row.Add(d.Row(site))
		}
		row.Add(v.nav(v.previous(), next))
		return stepNav{row: row, prev: v.Prev, next: v.Next, site: v.Site, p: v.Primary}
	})
	return page{head: head, body: box, nav: nav}
}

// missingText is what to do about a missing item, once the visitor said
// they do not have it.
func missingText(missed bool, text string) string {
	if missed {
		return text
	}
	return ""
}

// progress draws n of total as a row of blocks, filled from the start of
// the reading direction.
func (v *View) progress(n, total int) fyne.CanvasObject {
	var blocks []fyne.CanvasObject
	h := theme.TextSize() * 0.5
	for i := 1; i <= total; i++ {
		r := canvas.NewRectangle(theme.Color(theme.ColorNameButton))
		r.StrokeColor = theme.Color(theme.ColorNameForeground)
		r.StrokeWidth = 2
		if i <= n {
			r.FillColor = theme.Color(theme.ColorNamePrimary)
		}
		r.SetMinSize(fyne.NewSize(h, h))
		blocks = append(blocks, r)
	}
	if v.dir.RTL {
		for i, j := 0, len(blocks)-1; i < j; i, j = i+1, j-1 {
			blocks[i], blocks[j] = blocks[j], blocks[i]
		}
	}
	return container.New(layout.NewGridLayoutWithColumns(total), blocks...)
}

// resultScreen: "Did you manage?" with three big answers.
func (v *View) resultScreen() page {
	d := v.dir
	done := v.primary(v.tr.T("kiosk.result.done"), theme.ConfirmIcon(), func() { v.Kiosk.Finish(visit.Done) })
	notYet := v.button(v.tr.T("kiosk.result.notyet"), theme.HistoryIcon(), controls.Plain, func() { v.Kiosk.Finish(visit.NotYet) })
	appt := v.button(v.tr.T("kiosk.result.appointment"), v.picto("calendrier"), controls.Plain, func() { v.Kiosk.Finish(visit.Appointment) })
	// « Oui, j'ai réussi » where « Suivant » was, in view at every size;
	// the other answers under the question.
	body := container.NewVBox(d.Heading(v.tr.T("kiosk.result.title")), notYet, appt)
	return page{body: body, nav: v.answers(v.previous(), done)}
}

// documentsScreen: « Vos documents » — what the visitor downloaded from
// the site, each with « Imprimer », and a reminder that they will be
// deleted at the end of the visit.
func (v *View) documentsScreen() page {
	d := v.dir
	box := container.NewVBox(d.Heading(v.tr.T("kiosk.documents.title")), d.Paragraph(v.tr.T("kiosk.documents.body")))
	for _, doc := range v.docs {
		doc := doc
		row := []fyne.CanvasObject{d.Paragraph(doc.Name)}
		if v.Print != nil {
			row = append(row, v.button(v.tr.T("kiosk.documents.print"), theme.DocumentPrintIcon(), controls.Plain,
				func() { v.printDocument(doc) }))
		}
		box.Add(controls.Box(theme.ColorNameBackground, container.NewVBox(row...)))
	}
	box.Add(controls.Box(themes.ColorNameAttention, d.Paragraph(v.tr.T("kiosk.documents.deleted"))))
	next := v.primary(v.tr.T("kiosk.documents.continue"), v.nextIcon(), v.Kiosk.DocumentsDone)
	return page{body: box, nav: v.nav(nil, next)}
}

// goodbyeScreen: what to keep, what to bring next time, and Finish.
func (v *View) goodbyeScreen() page {
	d := v.dir
	box := container.NewVBox(d.Heading(v.tr.T("kiosk.goodbye.title")))
	vis, _ := v.Kiosk.Visit()
	if g := v.Kiosk.Guide(); g != nil {
		lg := g.In(v.Kiosk.Lang())
		if missing := v.Kiosk.Missing(); len(missing) > 0 {
			var items []string
			for _, it := range lg.Checklist {
				for _, id := range missing {
					if it.ID == id {
						items = append(items, "• "+it.Text)
					}
				}
			}
			box.Add(d.Paragraph(v.tr.T("kiosk.goodbye.bring")))
			box.Add(v.text(items))
		}
		switch vis.Outcome {
		case visit.Appointment:
			box.Add(d.Paragraph(v.tr.T("kiosk.goodbye.appointment")))
		case visit.NotYet:
			box.Add(d.Paragraph(v.tr.T("kiosk.goodbye.notyet")))
		}
		if len(lg.Keep) > 0 {
			var items []string
			for _, k := range lg.Keep {
				items = append(items, "• "+k)
			}
			box.Add(controls.Box(themes.ColorNameAttention, container.NewVBox(
				d.Heading(v.tr.T("kiosk.goodbye.keep")), v.text(items))))
		}
	}
	end := v.primary(v.tr.T("kiosk.goodbye.end"), theme.ConfirmIcon(), v.Kiosk.Leave)
	return page{body: box, nav: v.nav(nil, end)}
}
