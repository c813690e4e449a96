package guide

import (
	"strings"
	"unicode"
)

// PlainRules are the plain-language checks beyond sentence length: words
// that readers do not know unless they are explained (jargon), and
// abbreviations. A word inside a glossary mark is explained, so it passes.
type PlainRules struct {
	// Jargon lists, by language, words or phrases that must carry a
	// glossary mark when used. They match whole words, ignoring case and
	// accents; a word ending in "*" matches every word that starts with
	// it, for languages that add endings to words (Turkish "şifre*"
	// matches "şifrenizi", Ukrainian "парол*" matches "пароль").
	Jargon map[string][]string
	// Allowed lists upper-case words that are names everyone says as words
	// (e.g. "CAF" is said "caf"), which are not flagged as abbreviations.
	Allowed []string
}

func (r *PlainRules) check(lang string, line int, spans []Span, ps *problems) {
	var plain strings.Builder
	for _, sp := range spans {
		if sp.Term == "" {
			plain.WriteString(sp.Text)
			plain.WriteString(" ")
		}
	}
	words := foldedWords(plain.String())
	for _, j := range r.Jargon[lang] {
		if found, ok := matchJargon(words, j); ok {
			ps.warnf(line, CodeJargon, kv("Word", found), "%q is a hard word: mark it for the glossary as {%s}", found, found)
		}
	}
	for _, w := range strings.FieldsFunc(plain.String(), func(r rune) bool { return !unicode.IsLetter(r) && r != '.' }) {
		w = strings.Trim(w, ".")
		if w == "TODO" { // a text of the template not written yet: its own warning
			continue
		}
		if isAbbreviation(w) && !r.allowed(w) {
			ps.warnf(line, CodeAbbreviation, kv("Word", w), "%q is an abbreviation: explain it with a glossary mark {%s}", w, w)
		}
	}
}

func (r *PlainRules) allowed(w string) bool {
	for _, a := range r.Allowed {
		if a == w {
			return true
		}
	}
	return false
}

// isAbbreviation reports whether w looks like an abbreviation: two or more
// letters, all upper case ("RIB", "CPAM"), possibly with dots ("N.I.R").
func isAbbreviation(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case r == '.':
		case unicode.IsUpper(r):
			letters++
		default:
			return false
		}
	}
	return letters >= 2
}

// foldedWords returns the words of s, folded (see Fold), cut at every
// character that is not a letter or a digit ("d'accès" gives "d" and
// "acces"; an apostrophe inside a Ukrainian word is dropped, see
// normalize).
func foldedWords(s string) []string { return strings.Fields(normalize(s)) }

// matchJargon reports whether the folded words of a text hold the words of
// the jargon pattern, one after the other. A pattern word ending in "*"
// matches every word starting with it. It returns what matched: the
// pattern as written when it has no "*", else the words of the text.
func matchJargon(words []string, pattern string) (string, bool) {
	pw := foldedPattern(pattern)
	if len(pw) == 0 {
		return "", false
	}
	star := strings.Contains(pattern, "*")
	for i := 0; i+len(pw) <= len(words); i++ {
		ok := true
		for k, p := range pw {
			if prefix, isPrefix := strings.CutSuffix(p, "*"); isPrefix {
				ok = strings.HasPrefix(words[i+k], prefix)
			} else {
				ok = words[i+k] == p
			}
			if !ok {
				break
			}
		}
		if ok {
			if star {
				return strings.Join(words[i:i+len(pw)], " "), true
			}
			return Fold(pattern), true
		}
	}
	return "", false
}

// foldedPattern cuts a jargon pattern into folded words as foldedWords
// does, keeping a word's final "*".
func foldedPattern(pattern string) []string {
	var out []string
	for _, f := range strings.Fields(pattern) {
		star := strings.HasSuffix(f, "*")
		ws := foldedWords(strings.TrimSuffix(f, "*"))
		if len(ws) == 0 {
			continue
		}
		if star {
			ws[len(ws)-1] += "*"
		}
		out = append(out, ws...)
	}
	return out
}

// containsWord reports whether folded text contains phrase as whole words.
func containsWord(text, phrase string) bool {
	phrase = Fold(phrase)
	for i := 0; ; {
		j := strings.Index(text[i:], phrase)
		if j < 0 {
			return false
		}
		a, b := i+j, i+j+len(phrase)
		before, after := rune(text[a-1]), rune(' ')
		if b < len(text) {
			after = rune(text[b])
		}
		if !isWordByte(before) && !isWordByte(after) {
			return true
		}
		i = a + 1
	}
}

func isWordByte(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 0x80
}

// DefaultPlainRules returns the jargon lists the built-in library is held to.
// Each word must be marked for the glossary wherever a guide uses it. The
// lists of Spanish, Portuguese, Turkish and Ukrainian come from their
// translators (issue 13); Turkish and Ukrainian add endings to words, so
// their entries end in "*".
func DefaultPlainRules() *PlainRules {
	return &PlainRules{
		Jargon: map[string][]string{
			"fr": {"identifiant", "mot de passe", "franceconnect", "numero fiscal", "numero d'acces en ligne",
				"revenu fiscal de reference", "numero allocataire", "justificatif de domicile", "piece jointe",
				"navigateur", "code de verification", "spam", "courrier indesirable", "attestation de droits",
				"accuse de reception", "simulation", "messagerie", "numero de securite sociale", "pre-demande",
				"timbre fiscal"},
			"en": {"username", "password", "franceconnect", "tax number", "online access number",
				"reference tax income", "claimant number", "proof of address", "attachment",
				"browser", "verification code", "spam", "junk mail", "certificate of entitlement",
				"acknowledgement of receipt", "simulation", "mailbox"},
			"es": {"identificador", "contrasena", "franceconnect", "numero fiscal", "numero de acceso en linea",
				"ingreso fiscal de referencia", "numero de beneficiario", "comprobante de domicilio", "archivo adjunto",
				"navegador", "codigo de verificacion", "codigo de seguridad", "spam", "correo no deseado",
				"certificado de derechos", "acuse de recibo", "simulacion", "buzon de correo", "solicitud previa",
				"timbre fiscal", "aviso de impuestos", "contrato de alquiler", "declaracion trimestral",
				"numero de la seguridad social"},
			"pt": {"identificador", "palavra-passe", "senha", "franceconnect", "numero fiscal", "numero de acesso online",
				"rendimento fiscal de referencia", "numero de beneficiario", "comprovativo de endereco", "anexo",
				"navegador", "codigo de verificacao", "codigo de seguranca", "spam", "correio indesejado",
				"certificado de direitos", "aviso de rececao", "simulacao", "caixa de correio", "pre-pedido",
				"selo fiscal", "aviso de imposto", "contrato de arrendamento", "declaracao trimestral",
				"numero da seguranca social"},
			"tr": {"kullanıcı kimli*", "şifre*", "parola*", "franceconnect*", "vergi numara*", "erişim numara*",
				"referans vergi gelir*", "caf numara*", "adres belge*", "ek dosya*", "tarayıcı*", "doğrulama kod*",
				"güvenlik kod*", "spam*", "istenmeyen e-posta*", "hak belge*", "alındı belge*", "hesaplama*"},
			"uk": {"ідентифікатор*", "парол*", "franceconnect*", "податков* номер*", "номер* онлайн* доступ*",
				"базов* податков* дох*", "номер* отримувач*", "підтвердженн* адрес*", "вкладенн*", "браузер*",
				"код* підтвердженн*", "код* безпек*", "спам*", "spam*", "довідк* про прав*",
				"підтвердженн* отриманн*", "розрахунок", "розрахунку", "розрахунком"},
			"ar": {"franceconnect", "كلمة السر", "كلمة المرور", "spam"},
		},
		Allowed: []string{"CAF"},
	}
}
