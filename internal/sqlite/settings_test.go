package sqlite_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"pasapas/internal/settings"
)

func TestDB_SaveSettings_RoundTrip(t *testing.T) {
	db, _ := openDB(t)
	ctx := context.Background()
	got, err := db.LoadSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, settings.Defaults()) {
		t.Fatalf("LoadSettings() on a new database = %+v, want the defaults %+v", got, settings.Defaults())
	}
	want := settings.Settings{CentreName: "Centre social des Tilleuls", Places: []string{"Salle 1", "Accueil"},
		DefaultCommune: "Lyon", PostalCode: "69003", PublicKiosk: true, EasternArabicDigits: true, MediatorContrast: true,
		OfficialHosts: []string{"www.mairie-exemple.fr"}, GuideOverrides: []string{"ameli-compte"}, KioskIdle: 5 * time.Minute, HelpHold: 45 * time.Minute,
		RetentionMonths: 12, LockAfter: 15 * time.Minute}
	if err := db.SaveSettings(ctx, want); err != nil {
		t.Fatal(err)
	}
	if got, err = db.LoadSettings(ctx); err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("LoadSettings() = %+v, %v; want %+v", got, err, want)
	}
}
