package kiosk

// On a « poste public » (issue 14) the help request goes to the
// mediator's station: the kiosk's screens say what the station answered.

// HelpNews is what the station said of the visitor's help request.
type HelpNews int

// What the station said, from the least to the most news.
const (
	// HelpSent: nothing yet; the help screen says « Un médiateur arrive. »
	// as on a « poste seul ».
	HelpSent HelpNews = iota
	// HelpNotReceived: the station did not acknowledge it within 2 s: the
	// visitor is told to raise their hand or go to the reception desk.
	HelpNotReceived
	// HelpReceived: the station has it (after a HelpNotReceived, the
	// usual text comes back).
	HelpReceived
	// HelpSeen: a mediator pressed « J'arrive » on the station.
	HelpSeen
	// HelpDone: a mediator pressed « Aide terminée » on the station: the
	// help screen closes, the visitor is back on their step and the visit
	// ends for inactivity as usual again (visit.Kiosk.HelpAnswered).
	HelpDone
)

// RoomHelp shows what the station said of the latest help request of the
// visit visitKey ("" for the visit going on). News of another visit is
// ignored, and so is « delivered » after « J'arrive » or « Aide
// terminée ». A new request of the visit starts again from HelpSent.
//
// « Aide terminée » ends the help of the visit only once the station had
// its latest request (HelpReceived or HelpSeen): a request made since,
// which the station may not have yet, keeps waiting for a mediator.
func (v *View) RoomHelp(visitKey string, n HelpNews) {
	cur, ok := v.Kiosk.Visit()
	if !ok || !cur.Ended.IsZero() || (visitKey != "" && visitKey != cur.Key) {
		return
	}
	was := v.helpNews()
	switch {
	case n == HelpReceived && was >= HelpSeen:
		return
	case n == HelpDone && was != HelpReceived && was != HelpSeen:
		return
	}
	v.help, v.helpVisit, v.helpCount = n, cur.Key, cur.HelpCount
	if n == HelpDone {
		v.helpDone()
	}
	v.Render()
}

// helpDone closes the help screen and ends the waiting of the request,
// as « Aide terminée » does on a « poste seul ».
func (v *View) helpDone() {
	if v.Kiosk.HelpShown() {
		v.Kiosk.DismissHelp()
	}
	v.Kiosk.HelpAnswered()
}

// helpNews returns the station's news of the latest help request of the
// visit going on.
func (v *View) helpNews() HelpNews {
	cur, ok := v.Kiosk.Visit()
	if !ok || v.helpVisit != cur.Key || v.helpCount != cur.HelpCount {
		return HelpSent
	}
	return v.help
}

// helpTexts returns the help screen's title and sentences.
func (v *View) helpTexts() (title string, body []string) {
	switch v.helpNews() {
	case HelpNotReceived:
		return v.tr.T("kiosk.help.notreceived"), []string{v.tr.T("kiosk.help.notreceived.body")}
	case HelpSeen:
		return v.tr.T("kiosk.help.seen"), []string{v.tr.T("kiosk.help.body")}
	}
	return v.tr.T("kiosk.help.title"), []string{v.tr.T("kiosk.help.body"), v.tr.T("kiosk.help.nobody")}
}

// waitingText is the banner while the help request waits, once the help
// screen was closed.
func (v *View) waitingText() string {
	switch v.helpNews() {
	case HelpNotReceived:
		return v.tr.T("kiosk.help.notreceived") + " " + v.tr.T("kiosk.help.notreceived.body")
	case HelpSeen:
		return v.tr.T("kiosk.help.seen")
	}
	return v.tr.T("kiosk.help.waiting")
}
