package guide_test

import (
	"os"
	"reflect"
	"slices"
	"testing"

	"pasapas/internal/guide"
)

// loadGood loads testdata/good: courriel (French and English) and photo
// (French only).
func loadGood(t *testing.T) *guide.Library {
	t.Helper()
	lib, ps := guide.Load(testOptions(), guide.Source{FS: os.DirFS("testdata/good"), Dir: ".", Name: "good"})
	if len(ps) != 0 {
		t.Fatalf("Load(testdata/good) problems = %v, want none", ps)
	}
	return lib
}

func TestGuide_In(t *testing.T) {
	g := loadGood(t).ByID("courriel")

	t.Run("en is the whole guide in English", func(t *testing.T) {
		want := guide.Localized{
			ID:      "courriel",
			Lang:    "en",
			URL:     "https://www.laposte.net",
			Title:   "Read your messages",
			Summary: "To read the messages you received.",
			Checklist: []guide.LocalItem{{
				ID: "adresse", Pictogram: "email",
				Text:    "Your {e-mail address|adresse-e-mail} and its {password|mot-de-passe}.",
				Missing: "First create an address with a mediator.",
			}},
			Steps: []guide.LocalStep{
				{ID: "ouvrir", Pictogram: "navigateur", OpenSite: true, Title: "Open the site",
					Sentences: []string{"Touch the « Open the site » button."}},
				{ID: "lire", Title: "Read the message",
					Sentences: []string{"Touch the message to open it.", "Touch the {link|lien} if the message has one."},
					Attention: []string{"A {link|lien} can be a trap. Ask a mediator if you are not sure."}},
			},
			Attention: []string{"Do not open a message from someone you do not know."},
			Keep:      []string{"Your {password|mot-de-passe}, written down in a safe place."},
		}
		if got := g.In("en"); !reflect.DeepEqual(got, want) {
			t.Errorf("In(%q) = %+v, want %+v", "en", got, want)
		}
	})

	tests := []struct {
		guide    string
		lang     string
		wantLang string
		fallback bool
		title    string
	}{
		{guide: "courriel", lang: "fr", wantLang: "fr", title: "Lire vos messages"},
		{guide: "courriel", lang: "en", wantLang: "en", title: "Read your messages"},
		{guide: "courriel", lang: "ar", wantLang: "fr", fallback: true, title: "Lire vos messages"},
		{guide: "courriel", lang: "", wantLang: "fr", fallback: true, title: "Lire vos messages"},
		{guide: "photo", lang: "en", wantLang: "fr", fallback: true, title: "Faire une photo d'identité"},
	}
	lib := loadGood(t)
	for _, tt := range tests {
		t.Run(tt.guide+"/"+tt.lang, func(t *testing.T) {
			l := lib.ByID(tt.guide).In(tt.lang)
			if l.Lang != tt.wantLang || l.Fallback != tt.fallback || l.Title != tt.title {
				t.Errorf("In(%q) Lang, Fallback, Title = %q, %v, %q, want %q, %v, %q",
					tt.lang, l.Lang, l.Fallback, l.Title, tt.wantLang, tt.fallback, tt.title)
			}
		})
	}

	t.Run("ar notes in French, on their step", func(t *testing.T) {
		l := g.In("ar")
		var notes [][]string
		for _, s := range l.Steps {
			notes = append(notes, s.Attention)
		}
		want := [][]string{nil, {"Un {lien} peut être piégé. Demandez à un médiateur en cas de doute."}}
		if !reflect.DeepEqual(notes, want) {
			t.Errorf("In(%q) step notes = %q, want %q", "ar", notes, want)
		}
		if want := []string{"N'ouvrez pas un message d'une personne inconnue."}; !slices.Equal(l.Attention, want) {
			t.Errorf("In(%q).Attention = %q, want %q", "ar", l.Attention, want)
		}
	})
}

func TestGuide_Languages(t *testing.T) {
	lib := loadGood(t)
	tests := []struct {
		guide string
		want  []string
	}{
		{"courriel", []string{"fr", "en"}},
		{"photo", []string{"fr"}},
	}
	for _, tt := range tests {
		t.Run(tt.guide, func(t *testing.T) {
			if got := lib.ByID(tt.guide).Languages(); !slices.Equal(got, tt.want) {
				t.Errorf("Languages(%q) = %v, want %v", tt.guide, got, tt.want)
			}
		})
	}
}

func TestGuide_Keywords(t *testing.T) {
	g := loadGood(t).ByID("courriel")
	tests := []struct {
		lang string
		want []string
	}{
		{"fr", []string{"Lire vos messages", "courriel", "e-mail"}},
		{"en", []string{"Read your messages", "e-mail", "mail", "Lire vos messages", "courriel", "e-mail"}},
		{"ar", []string{"Lire vos messages", "courriel", "e-mail"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			if got := g.Keywords(tt.lang); !slices.Equal(got, tt.want) {
				t.Errorf("Keywords(%q) = %q, want %q", tt.lang, got, tt.want)
			}
		})
	}
}
