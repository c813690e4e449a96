package mediator

import (
	"context"
	"image/color"
	"testing"

	"fyne.io/fyne/v2/test"

	"pasapas/internal/account"
)

// bright reports whether c is a light colour.
func bright(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r+g+b > 3*0x8000
}

// When the centre asks for it, the mediator space follows the kiosk's
// high contrast: white on black once the visitor switches it on, back to
// the light page when they switch it off — never under a form being
// filled in. Without the setting it stays light.
func TestSpace_FollowsTheKioskContrast(t *testing.T) {
	h := newSpace(t)
	h.login(account.Coordinator)
	h.s.showHome()
	if !bright(h.s.pageBg.FillColor) {
		t.Fatal("the mediator page is not light at first")
	}
	h.k.ToggleContrast() // the visitor's switch
	h.s.Tick()
	if !bright(h.s.pageBg.FillColor) || h.s.look.Contrast {
		t.Fatal("without the setting, the mediator space followed the kiosk's contrast")
	}
	h.s.SetFollowContrast(true)
	if bright(h.s.pageBg.FillColor) || !h.s.look.Contrast {
		t.Fatal("with the setting, the mediator space did not turn to high contrast")
	}
	// A form open: the switch waits until it closes, nothing is redrawn
	// under the mediator's hands.
	h.s.ws.openWorkshopForm()
	h.s.Workshop.title.SetText("Atelier")
	h.k.ToggleContrast()
	h.s.Tick()
	if !h.s.look.Contrast || h.s.Workshop.title.Text != "Atelier" {
		t.Fatal("the look changed under an open form")
	}
	h.s.showHome()
	h.s.Tick()
	if !bright(h.s.pageBg.FillColor) || h.s.look.Contrast {
		t.Fatal("the mediator space did not come back to the light page")
	}
}

// The setting is saved with the others and read back.
func TestSettings_ContrastSaved(t *testing.T) {
	h := newSpace(t)
	h.login(account.Coordinator)
	h.s.openSettings = true // showHome opens on « Réglages »
	h.s.showHome()
	if h.s.SettingsContrast == nil {
		t.Fatalf("no contrast setting on the settings tab:\n%s", h.texts())
	}
	for k, v := range map[string]string{"name": "Centre social du Lac", "places": "Salle 1", "commune": "Lyon", "postal": "69003"} {
		h.s.SettingsFields[k].SetText(v)
	}
	h.s.SettingsContrast.SetChecked(true)
	test.Tap(h.s.SettingsSave)
	st, err := h.db.LoadSettings(context.Background())
	if err != nil || !st.MediatorContrast {
		t.Fatalf("settings = %+v, %v, want the contrast setting saved", st, err)
	}
	if !h.s.followContrast {
		t.Fatal("the space does not follow the setting just saved")
	}
}
