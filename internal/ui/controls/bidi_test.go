package controls

import (
	"strings"
	"testing"
)

// drawn writes tokens as they are drawn from left to right: a space
// where a token has one on its left, "|" where two tokens touch.
func drawn(tokens []Token) string {
	var b strings.Builder
	for i, t := range tokens {
		switch {
		case i == 0:
		case t.Space:
			b.WriteString(" ")
		default:
			b.WriteString("|")
		}
		b.WriteString(t.Text)
	}
	return b.String()
}

func TestTokens(t *testing.T) {
	tests := []struct {
		name  string
		spans []Span
		want  string // in logical order
	}{
		{"words", []Span{{Text: "افتح موقع ANTS"}}, "افتح موقع ANTS"},
		{"punctuation peeled", []Span{{Text: "اضغط (إنشاء حساب)."}}, "اضغط (|إنشاء حساب|)|."},
		{"inside a word kept", []Span{{Text: "www.ameli.fr d'identité 01/12/2026."}}, "www.ameli.fr d'identité 01/12/2026|."},
		{"signs of numbers kept", []Span{{Text: "+33 50% 8–30 €"}}, "+33 50% 8–30 €"},
		{"spans glued", []Span{{Text: "و"}, {Text: "كلمة السر", Bold: true}, {Text: "."}}, "و|كلمة السر|."},
		{"space at span edges", []Span{{Text: "اكتب "}, {Text: "الرمز", Bold: true}, {Text: " الآن"}}, "اكتب الرمز الآن"},
		{"extra spaces", []Span{{Text: "  أ   ب  "}}, "أ ب"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := drawn(Tokens(tt.spans)); got != tt.want {
				t.Errorf("Tokens(%+v) = %q, want %q", tt.spans, got, tt.want)
			}
		})
	}
	toks := Tokens([]Span{{Text: "و"}, {Text: "كلمة", Bold: true, Color: "hyperlink"}})
	if toks[0].Bold || !toks[1].Bold || toks[1].Color != "hyperlink" {
		t.Errorf("Tokens kept the looks %+v, want the second bold in the link colour", toks)
	}
}

func TestVisualOrder(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // left to right, as drawn
	}{
		{"pure Arabic", "اكتب لقبك وأسماءك.", ".|وأسماءك لقبك اكتب"},
		{"Arabic question", "ليس لديك حساب؟ أنشئ حسابًا.", ".|حسابًا أنشئ ؟|حساب لديك ليس"},
		{"pure Latin", "Assurance Maladie", "Assurance Maladie"},
		{"Latin word at the end", "افتح موقع ANTS", "ANTS موقع افتح"},
		{"Latin word inside", "يُفتح موقع ANTS بجانب هذا الدليل.", ".|الدليل هذا بجانب ANTS موقع يُفتح"},
		{"Latin words", "يُفتح موقع Mon espace santé هنا", "هنا Mon espace santé موقع يُفتح"},
		{"number", "عمرها أقل من 6 أشهر.", ".|أشهر 6 من أقل عمرها"},
		{"phone number", "اتصل بالرقم 36 46 لتستلم الرمز.", ".|الرمز لتستلم 36 46 بالرقم اتصل"},
		{"phone number at the end", "رقم المساعدة: 3949.", ".|3949 :|المساعدة رقم"},
		{"date", "قبل 01/12/2026 فقط", "فقط 01/12/2026 قبل"},
		// A range reads from the right, its first number first, as in
		// every browser (the hand-written order kept it left to right).
		{"range and euros", "يكلف 8–30 € تقريبًا", "تقريبًا € 30|–|8 يكلف"},
		{"spaced range", "من 8 - 30 يومًا", "يومًا 30 - 8 من"},
		{"number after a name", "الاستمارة {cerfa} 12504 من CPAM", "CPAM من cerfa 12504 الاستمارة"},
		{"quoted label", "اضغط على « Créer un compte » (إنشاء حساب)", "(|حساب إنشاء|) « Créer un compte » على اضغط"},
		{"quoted label then full stop", "ثم اضغط على « Créer un compte » (إنشاء حساب).", ".|(|حساب إنشاء|) « Créer un compte » على اضغط ثم"},
		{"question mark in quotes", "اضغط على « Code oublié ? » (نسيت الرمز)", "(|الرمز نسيت|) « Code oublié ? » على اضغط"},
		{"Arabic in quotes", "دليل « أنشئ حسابك »", "« حسابك أنشئ » دليل"},
		{"Latin in parentheses", "للتأمين الصحي (Assurance Maladie).", ".|(|Assurance Maladie|) الصحي للتأمين"},
		{"email address", "اكتب nom.prenom@gmail.com في الخانة.", ".|الخانة في nom.prenom@gmail.com اكتب"},
		{"Arabic comma after a number", "منذ يناير 2025، التسجيل", "التسجيل ،|2025 يناير منذ"},
		{"quote opened before Arabic", "ما معنى «بطاقة Vitale»؟", "؟|«|Vitale بطاقة|» معنى ما"},
		{"quoted Latin word", "ما معنى «RIB»؟", "؟|«|RIB|» معنى ما"},
		{"quote left open on the line", "اضغط على « Créer un", "Créer un » على اضغط"},
		{"nested brackets", "اضغط على « (Mon compte) » الآن", "الآن « (|Mon compte|) » على اضغط"},
		{"bullet", "• صورة هوية", "هوية صورة •"},
		{"button label", "أنشئ حسابك على ameli", "ameli على حسابك أنشئ"},
		{"glued glossary word", "أحضر {RIB} و{كلمة السر}.", ".|السر كلمة|و RIB أحضر"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.NewReplacer("{", "", "}", "").Replace(tt.text)
			spans := []Span{{Text: text}}
			if strings.Contains(tt.text, "{") { // glossary marks: separate spans, as in Sentences
				spans = nil
				for i, part := range strings.FieldsFunc(tt.text, func(r rune) bool { return r == '{' || r == '}' }) {
					spans = append(spans, Span{Text: part, Bold: strings.HasPrefix(tt.text, "{") == (i%2 == 0)})
				}
			}
			if got := drawn(VisualOrder(Tokens(spans))); got != tt.want {
				t.Errorf("VisualOrder(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestVisualOrder_Guides: sentences of the Arabic guides, with the French
// labels of the sites in « », numbers and punctuation, drawn left to right
// as the Unicode Bidirectional Algorithm orders them (golden strings).
func TestVisualOrder_Guides(t *testing.T) {
	tests := []struct{ text, want string }{
		{"اضغط على « Mon compte » (حسابي)، في أعلى الصفحة.", ".|الصفحة أعلى في ،|(|حسابي|) « Mon compte » على اضغط"},
		{"ثم اضغط على « Créer un compte » (إنشاء حساب).", ".|(|حساب إنشاء|) « Créer un compte » على اضغط ثم"},
		{"نسيت كلمة السر؟ اضغط على « Code oublié ? » (نسيت الرمز) في صفحة الدخول.", ".|الدخول صفحة في (|الرمز نسيت|) « Code oublié ? » على اضغط ؟|السر كلمة نسيت"},
		{"اكتب أول 13 رقمًا من رقم الضمان الاجتماعي.", ".|الاجتماعي الضمان رقم من رقمًا 13 أول اكتب"},
		{"يمكنك أيضًا الاتصال بالرقم 36 46 لتستلم الرمز برسالة SMS.", ".|SMS برسالة الرمز لتستلم 36 46 بالرقم الاتصال أيضًا يمكنك"},
		{"اضغط على « Connexion à l'espace Finances publiques » في أعلى اليمين.", ".|اليمين أعلى في « Connexion à l'espace Finances publiques » على اضغط"},
		{"من الصيف إلى ديسمبر، يُصحَّح الخطأ عبر « Corriger ma déclaration en ligne ».", ".|« Corriger ma déclaration en ligne » عبر الخطأ يُصحَّح ،|ديسمبر إلى الصيف من"},
		{"افتح www.ameli.fr ثم اكتب 01/12/2026.", ".|01/12/2026 اكتب ثم www.ameli.fr افتح"},
		{"رقم 1: « Mon compte ».", ".|« Mon compte » :|1 رقم"},
		{"A−", "A−"}, // the text size buttons: a Latin word stays whole
		{"A+ كبّر", "كبّر A+"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := drawn(VisualOrder(Tokens([]Span{{Text: tt.text}}))); got != tt.want {
				t.Errorf("VisualOrder(%q) =\n%q, want\n%q", tt.text, got, tt.want)
			}
		})
	}
}

func TestVisualOrder_Empty(t *testing.T) {
	if got := VisualOrder(nil); len(got) != 0 {
		t.Errorf("VisualOrder(nil) = %v, want nothing", got)
	}
}
