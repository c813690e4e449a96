package journal_test

import (
	"errors"
	"io/fs"
	"maps"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"pasapas/internal/journal"
	"pasapas/locales"
)

func TestLooksLikeNIR(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"185057800608436", true},                                     // NIR with key
		{"1850578006084", true},                                       // NIR without key
		{"1 85 05 78 006 084 36", true},                               // written in groups
		{"NIR : 2 84 12 75 114 023 45.", true},                        // in a sentence
		{"2 85 05 2A 006 084 36", true},                               // Corsica
		{"285052B00608436", true},                                     // Corsica, no spaces
		{"3012345678901", true},                                       // numéro fiscal, 13 digits
		{"1\u00a085\u00a005\u00a078\u00a0006\u00a0084\u00a036", true}, // no-break spaces
		{"185057800608436 et 3 enfants", true},
		{"1 85 05 78 006 084 36 12 rue Pasteur", true}, // groups that add up to 15 inside a longer run
		{"06 12 34 56 78", false},                      // phone
		{"06 12 34 56 78 et 07 98 76 54 32", false},    // two phones
		{"+33 6 12 34 56 78", false},
		{"SIRET 12345678900012", false}, // 14 digits
		{"le 12/03/2026 à 14h30", false},
		{"69003 Lyon", false},
		{"1234567890123456", false}, // 16 digits in one block
		{"Dossier CAF 1234567", false},
		{"18505780060843", false}, // 14 digits
		{"", false},
		{"1  85 05 78 006 084 36", false}, // two spaces cut the number: 1 and 14 digits
		{"Route 2A", false},
	} {
		if got := journal.LooksLikeNIR(tc.text); got != tc.want {
			t.Errorf("Got(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestValidEmail(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"zoe@example.fr", true},
		{"zoe.ebrard+caf@mail.example.org", true},
		{"", false},
		{"zoe", false},
		{"zoe@", false},
		{"@example.fr", false},
		{"zoe@example", false},
		{"zoe@example.", false},
		{"zoe @example.fr", false},
		{"Zoé <zoe@example.fr>", false},
		{"zoe@@example.fr", false},
	} {
		if got := journal.ValidEmail(tc.in); got != tc.want {
			t.Errorf("Got(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestValidPhone(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"0612345678", true},
		{"06 12 34 56 78", true},
		{"06.12.34.56.78", true},
		{"06-12-34-56-78", true},
		{"+33 6 12 34 56 78", true},
		{"+33 (0)6 12 34 56 78", true},
		{"+1 202 555 0143", true},
		{"612345678", false},
		{"061234567", false},
		{"06123456789", false},
		{"+33", false},
		{"+1234567890123456", false},
		{"06 12 34 56 7a", false},
		{"", false},
	} {
		if got := journal.ValidPhone(tc.in); got != tc.want {
			t.Errorf("Got(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// TestCodes_Messages checks that every problem code has its message
// "journal.invalid.<code>" in French and English (visitor or staff file),
// and that no message is left for a code that is gone.
func TestCodes_Messages(t *testing.T) {
	codes := map[string]bool{}
	for _, c := range journal.Codes() {
		if codes[c] {
			t.Errorf("Got(%q) = listed twice, want once", c)
		}
		codes[c] = true
	}
	for _, lang := range []string{"fr", "en"} {
		t.Run(lang, func(t *testing.T) {
			// Visitor (active) and staff message files: the codes may live
			// in either set.
			messages := map[string]any{}
			for _, set := range []string{"active", "staff"} {
				data, err := fs.ReadFile(locales.Files(), set+"."+lang+".toml")
				if errors.Is(err, fs.ErrNotExist) {
					continue
				}
				if err != nil {
					t.Fatalf("Got(%q) = %v, want nil error", "ReadFile", err)
				}
				var m map[string]any
				if err := toml.Unmarshal(data, &m); err != nil {
					t.Fatalf("Got(%q) = %v, want nil error", "toml.Unmarshal "+set, err)
				}
				maps.Copy(messages, m)
			}
			for c := range codes {
				id := journal.Problem{Code: c}.MessageID()
				if s, _ := messages[id].(string); strings.TrimSpace(s) == "" {
					t.Errorf("Got(%q) = no message, want one", id)
				}
			}
			for id := range messages {
				if c, ok := strings.CutPrefix(id, "journal.invalid."); ok && !codes[c] {
					t.Errorf("Got(%q) = a message, want none (no such code)", id)
				}
			}
		})
	}
}
