package mediator

// The tabs and pages of the mediator space, each a type of its own over the
// shared session (Space: the user, the translator, the log, notices and
// the background runner). Space holds one of each.

// nowView: nowTab, refreshNow, readNow, drawNow….
type nowView struct{ *Space }

// journalView: openForm, readPlaces, places, journalTab….
type journalView struct{ *Space }

// workshopsView: openWorkshop, showWorkshop, sheet, toggleSession….
type workshopsView struct{ *Space }

// statsView: statsTab, chosenPeriod, computeStats, statsContent….
type statsView struct{ *Space }

// beneficiariesView: newBeneficiaryPicker, beneficiariesTab, openBeneficiary, openBeneficiaryForm.
type beneficiariesView struct{ *Space }

// adminView: settingsTab, settingsError, accountsTab, backupsTab….
type adminView struct{ *Space }

// doorView: showLogin, showFirstAccount, login, showCentre.
type doorView struct{ *Space }
