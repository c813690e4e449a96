package guide_test

import (
	"testing"

	"pasapas/assets"
	"pasapas/internal/guide"
)

func TestLibrary_Search(t *testing.T) {
	lib, ps := guide.Load(guide.Options{}, guide.Source{FS: assets.Files(), Dir: "guides", Name: "assets/guides", Builtin: true})
	if guide.HasErrors(ps) {
		t.Fatalf("built-in guides: %v", ps)
	}
	tests := []struct {
		query, lang string
		first       string // the guide that must come first ("" = no result)
	}{
		{"sécu", "fr", "ameli-compte"},
		{"SECU", "fr", "ameli-compte"},
		{"carte vitale", "fr", "ameli-compte"},
		{"Carte Vitale", "en", "ameli-compte"},
		{"APL", "fr", "caf-aide-logement"},
		{"aide au logement", "fr", "caf-aide-logement"},
		{"aide au logemen", "fr", "caf-aide-logement"}, // still typing
		{"chômage", "fr", "france-travail-inscription"},
		{"chomage", "fr", "france-travail-inscription"},
		{"pôle emploi", "fr", "france-travail-inscription"},
		{"pole emploi", "fr", "france-travail-inscription"},
		{"impôts", "fr", "impots-declarer-revenus"},
		{"déclaration", "fr", "impots-declarer-revenus"},
		{"carte d'identité", "fr", "ants-carte-identite-passeport"},
		{"carte d’identite", "fr", "ants-carte-identite-passeport"},
		{"passeport", "fr", "ants-carte-identite-passeport"},
		{"mail", "fr", "creer-adresse-email"},
		{"HLM", "fr", "logement-social-demande"},
		{"zzzz", "fr", ""},
		{"", "fr", ""},
		{"a", "fr", ""},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got := lib.Search(tt.query, tt.lang)
			if tt.first == "" {
				if len(got) != 0 {
					t.Fatalf("Search(%q) = %d guides, want none", tt.query, len(got))
				}
				return
			}
			if len(got) == 0 {
				t.Fatalf("Search(%q) = no guide, want %s first", tt.query, tt.first)
			}
			if got[0].ID != tt.first {
				var ids []string
				for _, g := range got {
					ids = append(ids, g.ID)
				}
				t.Fatalf("Search(%q) = %v, want %s first", tt.query, ids, tt.first)
			}
		})
	}
}
