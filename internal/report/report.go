// Package report computes the statistics that staff owe funders for a
// period — the counts of the national mediators' tool (La Coop de la
// médiation numérique, cra-fields.md §5) and the kiosk's own figures — from
// the journal of accompaniments and workshops and the kiosk visits. It is
// plain Go: the screen draws its charts from Stats, the exports write its
// figures, and internal/sqlite implements the one read it needs (Source).
//
// Typical use:
//
//	p, _ := report.PresetPeriod(report.ThisMonth, journal.DateOf(time.Now()))
//	st, err := report.Compute(ctx, db, p, report.Options{Today: today, GuideTitle: title})
//	for _, c := range st.Themes.Counts { bar(tr(c.MessageID, c.Label), c.Value, st.Themes.Share(c)) }
//
// # Definitions
//
// An activity is an individual accompaniment, or one session of a workshop
// held in the period (dated on or before Options.Today). A session dated
// later is planned, not held: it counts nothing.
//
// An accompaniment is what the national tool calls an Accompagnement: one
// person at one activity. An individual accompaniment is one. A held
// session gives one collective accompaniment per participant on its sheet
// (named, or "anonyme N") who was not marked absent or excused: a
// participant without a mark counts as present, since the tool records who
// took part and knows nothing of attendance.
//
// A person is a named beneficiary (counted once however often they came),
// an anonymous individual accompaniment (the tool creates one anonymous
// beneficiary for each), or an anonymous participant of a workshop
// ("anonyme N" of one workshop is one person across its sessions). Only
// people with at least one accompaniment in the period count.
//
// A person is new when the period holds their first accompaniment ever;
// otherwise already accompanied: a named beneficiary with activity before
// the period, or whose first individual accompaniment of the period says
// "déjà accompagné"; an anonymous person said "déjà accompagné"; the
// anonymous participants numbered 1 to the workshop's AlreadyAccompanied
// count. New + AlreadyAccompanied = People.
//
// The attendance rate is Present / (Present + Absent + Excused) over the
// marks of the sessions held in the period; participants without a mark are
// left out of it (Attendance.Unmarked counts them).
//
// Breakdowns count activities (themes, administrative themes, durations,
// place types), individual accompaniments with "Aide aux démarches
// administratives" (procedures), people (age band, gender, status,
// commune) or kiosk visits (guides, outcomes). The profile of a named
// person is the beneficiary's at their last activity of the period; the
// gender, age band and status counts given for a workshop's anonymous
// participants go to them in number order (the tool spreads them at
// random: this is the same spread, made reproducible), the rest being
// "non communiqué"; they have no commune. A field with several values per
// activity (themes) counts the activity once under each, so its values
// add up to more than its Total.
//
// A kiosk visit counts in the period when it started in it, in the
// centre's local time: a visit at 23:59:59 on the last day is in, one at
// 00:00 the next day is out. On a mediator's station the visits are those
// of every kiosk of the room and of the station itself; Kiosk.ByKiosk
// gives each one's share.
//
// # Hours
//
// Hours are counted in minutes (Totals, Month) and shown as decimal hours
// (Hours). Three sums, never mixed:
//
//   - individual minutes: the duration of each individual accompaniment;
//   - session minutes: the duration of each workshop session held, once
//     per session whatever the number of people in it (a 90-minute
//     session with 8 people is 90 minutes) — the mediator's time;
//   - participant minutes: the duration of the session once per
//     collective accompaniment (that session with 8 people present is
//     720 participant-minutes) — the public's time, given separately.
//
// The hours of accompaniment (Totals.Minutes) are individual + session
// minutes: the time mediators spent accompanying people. A session after
// Options.Today is planned and counts nothing.
//
// # Months
//
// Stats.Months has one row per calendar month the period touches, empty
// months included, each counting the days of the period in that month.
// The accompaniments, sessions and minutes of the months add up to the
// period's; People and WorkshopParticipants count distinct people within
// each month, so a person who came in two months counts in both and the
// months add up to more than the period's figure.
//
// # Equipment, tags, autonomy and referral
//
// Equipment and tags count activities (an activity with two values counts
// under each; one with none counts under KeyUnknown: "Non communiqué",
// "Sans tag"); tags are grouped ignoring case, accents and spaces.
// Autonomy and referral are fields of individual accompaniments only (a
// workshop has a level instead): they count individual accompaniments,
// with KeyUnknown for an autonomy not given and KeyNotReferred for a
// person not referred.
package report

import (
	"context"
	"errors"
	"time"

	"pasapas/internal/failure"
	"pasapas/internal/journal"
	"pasapas/internal/visit"
)

// ——— Periods ———

// Period is a span of calendar days, half-open: From is the first day,
// To the day after the last. From == To is an empty period.
type Period struct {
	From   journal.Date
	To     journal.Date
	Preset Preset // the preset it was made from, or Custom
}

// Preset is a named period relative to today.
type Preset string

// Presets. Custom is a period of two chosen dates.
const (
	ThisMonth   Preset = "this_month"
	LastMonth   Preset = "last_month"
	ThisQuarter Preset = "this_quarter"
	LastQuarter Preset = "last_quarter"
	ThisYear    Preset = "this_year"
	LastYear    Preset = "last_year"
	Custom      Preset = "custom"
)

// ErrPeriodOrder is wrapped (with kind failure.Invalid) by NewPeriod and
// Days when the period would end before it starts.
var ErrPeriodOrder = errors.New("the period ends before it starts")

// ErrUnknownPreset is wrapped (with kind failure.Invalid) by PresetPeriod
// for Custom or an unknown preset.
var ErrUnknownPreset = errors.New("unknown period preset")

// Query is what a Source reads: the days [From, To), and the same days as
// instants in the centre's time zone, [Start, End), for kiosk visits.
type Query struct {
	From, To   journal.Date
	Start, End time.Time
}

// ——— The read ———

// Data is the journal and kiosk records of one period: what statistics
// and exports are computed from.
type Data struct {
	// Period is the period read; Load sets it (a Source leaves it zero).
	Period Period
	// Accompaniments are the individual accompaniments dated in
	// [From, To), oldest first.
	Accompaniments []journal.Accompaniment
	// Workshops are the workshops with a session dated in [From, To),
	// with all their sessions (also those outside the period).
	Workshops []journal.Workshop
	// Marks are the attendance marks of the sessions dated in [From, To).
	Marks []journal.Mark
	// Beneficiaries are the named beneficiaries of the accompaniments and
	// workshops above, by id, with only what statistics need: ID,
	// BirthYear, Commune, PostalCode, Gender, Status, Erased,
	// ErasedAgeBand (no names, no contact details).
	Beneficiaries map[int64]journal.Beneficiary
	// Earlier holds the ids of those beneficiaries who have an
	// accompaniment, or are on the sheet of a workshop session, dated
	// before From.
	Earlier map[int64]bool
	// Visits are the kiosk visits started in [Start, End), oldest first.
	Visits []visit.Visit
	// VisitKiosks names, on a mediator's station, the kiosk of the room
	// each visit came from: visit key → the kiosk's name (its id when the
	// station never recorded its name). A visit made on this PC has no
	// entry, nor has any visit of a PC that is not a station.
	VisitKiosks map[string]string
}

// Source reads the records of a period. *sqlite.DB implements it, in one
// read transaction. Errors have a failure kind.
type Source interface {
	ReportData(ctx context.Context, q Query) (Data, error)
}

// Participation is one line of a workshop session's attendance sheet:
// one participant at one session dated in the period. Participations
// lists them; statistics count them.
type Participation struct {
	WorkshopID  int64
	Session     journal.Session
	Number      int // the session's number in its workshop, from 1, in date order
	Participant journal.Participant
	Presence    journal.Presence // "" when not marked
	Held        bool             // the session is dated on or before today
	// Counted is whether it is a collective accompaniment: held, and not
	// marked absent or excused.
	Counted bool
	// Person is the profile counted for the participant: the
	// beneficiary's at the session's date, or the anonymous participant's
	// share of the workshop's counts. AlreadyAccompanied is as defined in
	// the package comment.
	Person journal.Profile
}

// ——— Results ———

// Count is one bar of a breakdown.
type Count struct {
	// Key is the stable code: a CRA code ("Email", "NonCommunique"), a
	// duration bucket, a guide id, an outcome, a folded procedure or
	// commune, KeyOther or KeyUnknown.
	Key string
	// Label is the French label, the fallback when MessageID has no
	// translation. For data (a procedure, a commune, a guide title) it is
	// the text itself.
	Label string
	// MessageID localizes Label ("cra.gender.Feminin",
	// "report.outcome.done"); "" when Label is data, not to translate.
	MessageID string
	Value     int
}

// Keys shared by several breakdowns.
const (
	// KeyUnknown is "non communiqué": the CRA code of the enums, and the
	// key of an unknown commune or an unspecified procedure.
	KeyUnknown = "NonCommunique"
	// KeyOther gathers the values left out of a top list ("Autres").
	KeyOther = "autres"
	// KeyNoGuide counts the kiosk visits that chose no guide.
	KeyNoGuide = ""
	// KeyNotReferred counts the individual accompaniments whose person
	// was not referred to another structure.
	KeyNotReferred = "NonOriente"
)

// Breakdown is a value → count table, in display order: the enum order
// for enums (every value, zero included, "non communiqué" last), the
// largest first for free texts and guides (KeyOther then KeyUnknown last).
type Breakdown struct {
	Counts []Count
	// Total is the base of the shares: how many activities, accompaniments,
	// people or visits were counted. For a field with several values (the
	// themes) the values add up to more than Total.
	Total int
}

// Totals are the headline figures of a period. See the package comment
// for the definitions.
type Totals struct {
	Accompaniments int // Individual + Collective
	Individual     int // individual accompaniments
	Collective     int // participants × held sessions, absent and excused left out

	Activities int // Individual + Sessions
	Workshops  int // workshops with a session held in the period
	Sessions   int // workshop sessions held in the period

	People             int // Named + Anonymous
	Named              int // distinct named beneficiaries ("suivis")
	Anonymous          int // anonymous people ("anonymes")
	New                int // people accompanied for the first time
	AlreadyAccompanied int // People - New

	// WorkshopParticipants is how many distinct people took part in at
	// least one session held in the period.
	WorkshopParticipants int
	Attendance           Attendance

	Visits int // kiosk visits, as Kiosk.Visits

	// Minutes (see "Hours" in the package comment).
	IndividualMinutes  int // durations of the individual accompaniments
	SessionMinutes     int // durations of the held sessions, once per session
	ParticipantMinutes int // session duration × collective accompaniments

	// Referred is how many individual accompaniments ended with the
	// person referred to another structure.
	Referred int
}

// Minutes returns the minutes of accompaniment: IndividualMinutes +
// SessionMinutes.
func (t Totals) Minutes() int { return t.IndividualMinutes + t.SessionMinutes }

// Hours returns minutes as hours (90 is 1.5).
func Hours(minutes int) float64 { return float64(minutes) / 60 }

// Month is one row of the month-by-month table: the figures of the days
// of the period in one calendar month (see "Months" in the package
// comment).
type Month struct {
	// From and To are the days of the period in this month, [From, To):
	// the whole month except at the period's ends. From.Year and
	// From.Month name the month.
	From, To journal.Date

	Accompaniments int // Individual + Collective
	Individual     int
	Collective     int
	Sessions       int // workshop sessions held
	// People is how many distinct people had an accompaniment in the
	// month; WorkshopParticipants how many took part in a session held
	// in it.
	People               int
	WorkshopParticipants int

	IndividualMinutes  int
	SessionMinutes     int
	ParticipantMinutes int
}

// Minutes returns the minutes of accompaniment of the month:
// IndividualMinutes + SessionMinutes.
func (m Month) Minutes() int { return m.IndividualMinutes + m.SessionMinutes }

// Attendance counts the marks of the sessions held in the period.
type Attendance struct {
	Present, Absent, Excused int
	// Unmarked is how many participant × session had no mark; they count
	// as present in Totals.Collective but not in Rate.
	Unmarked int
}

// Kiosk holds the figures of the kiosk visits of the period.
type Kiosk struct {
	Visits     int
	HelpVisits int // visits with at least one press on "J'ai besoin d'aide"
	// Guides counts visits per guide, the most visited first, then
	// KeyNoGuide (visits that chose no guide).
	Guides Breakdown
	// Outcomes counts visits per outcome in visit.Outcomes order, then
	// "ongoing" for visits not ended.
	Outcomes Breakdown
	// Stops gives, for each guide of Guides (KeyNoGuide excepted) in the
	// same order, where its visitors stop.
	Stops []GuideStops
	// ByKiosk breaks the visits down by the PC they were made on, when
	// at least one came from a kiosk of the room (Data.VisitKiosks): the
	// kiosks by name, then this PC (the station's own visits, if any).
	// Empty otherwise: one PC needs no breakdown.
	ByKiosk []KioskFigures
}

// GuideStops tells where the visitors of one guide stop. A visit stops
// when it ended before "Did you manage?": abandoned, timed out, ended by
// staff, or "not yet" before the last step (from the checklist). It stops
// at its furthest step, 0 meaning before the first step (introduction or
// checklist).
type GuideStops struct {
	GuideID string
	Label   string // the guide's title (Options.GuideTitle), else its id
	Visits  int    // visits of the guide
	Stopped int    // of which stopped
	// Step is where most stopped (the earliest on a tie) and AtStep how
	// many stopped there; both 0 when none stopped (see Stopped).
	Step   int
	AtStep int
	// ByStep[i] is how many stopped at step i, for i from 0 to the
	// guide's step count.
	ByStep []int
}

// Stats are the statistics of a period.
type Stats struct {
	Period Period
	Totals Totals

	// Over activities.
	Themes Breakdown // the 19 digital-mediation themes; Total: the activities
	// AdminThemes are the 11 administrative themes; Total: the activities
	// with "Aide aux démarches administratives".
	AdminThemes Breakdown
	Durations   Breakdown // journal.DurationBuckets
	PlaceTypes  Breakdown // journal.PlaceTypes
	// Procedures counts the individual accompaniments with "Aide aux
	// démarches administratives" by procedure name (case, accents and
	// spaces ignored): the Options.TopProcedures most frequent, then
	// KeyOther, then KeyUnknown for those with no procedure named.
	Procedures Breakdown

	// Over people.
	AgeBands Breakdown // journal.AgeBands
	Genders  Breakdown // journal.Genders
	Statuses Breakdown // journal.SocialStatuses
	// Communes counts people by commune of residence, the largest first,
	// KeyUnknown last.
	Communes Breakdown

	// Over activities: Equipment in journal.Equipments order then
	// KeyUnknown (none given); Tags the Options.TopTags most frequent,
	// then KeyOther, then KeyUnknown (activities without a tag). Total:
	// the activities.
	Equipment Breakdown
	Tags      Breakdown
	// Over individual accompaniments: Autonomy in journal.Autonomies
	// order then KeyUnknown (not given); Referrals in journal.Referrals
	// order then KeyNotReferred. Total: the individual accompaniments.
	Autonomy  Breakdown
	Referrals Breakdown

	// Months is the month-by-month table, from the period's first month.
	Months []Month

	Kiosk Kiosk
}

// Empty reports whether nothing happened in the period: no individual
// accompaniment, no workshop session held and no kiosk visit. A screen
// then says what to do (choose another period, log an accompaniment)
// instead of showing rows of zeros.
func (s Stats) Empty() bool { return s.Totals.Activities == 0 && s.Totals.Visits == 0 }

// Options tune Compute and StatsOf.
type Options struct {
	// Today is the last day whose workshop sessions are held; the zero
	// Date holds every session of the period.
	Today journal.Date
	// Location is the centre's time zone for the days of kiosk visits;
	// nil is time.Local.
	Location *time.Location
	// GuideTitle returns the title of a guide id; nil, or "", labels the
	// guide with its id.
	GuideTitle func(id string) string
	// TopProcedures is how many procedures are listed before KeyOther;
	// 0 is DefaultTopProcedures.
	TopProcedures int
	// TopTags is how many tags are listed before KeyOther; 0 is
	// DefaultTopTags.
	TopTags int
}

// DefaultTopProcedures and DefaultTopTags are the defaults of
// Options.TopProcedures and Options.TopTags.
const (
	DefaultTopProcedures = 10
	DefaultTopTags       = 10
)

// Compute reads the period from src and returns its statistics. Errors
// are src's, or failure.Invalid for a period that ends before it starts.
func Compute(ctx context.Context, src Source, p Period, opts Options) (Stats, error) {
	d, err := Load(ctx, src, p, opts.Location)
	if err != nil {
		return Stats{}, err
	}
	return StatsOf(d, opts), nil
}

// Load reads the records of period p from src, the visits' days taken in
// loc (nil is time.Local). Errors are src's, or failure.Invalid for a
// period that ends before it starts.
func Load(ctx context.Context, src Source, p Period, loc *time.Location) (Data, error) {
	if p.From.IsZero() || p.To.Before(p.From) {
		return Data{}, failure.New(failure.Invalid, "load report", ErrPeriodOrder)
	}
	d, err := src.ReportData(ctx, p.Query(loc))
	if err != nil {
		return Data{}, err
	}
	d.Period = p
	return d, nil
}
