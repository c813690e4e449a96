package backup

import (
	"fmt"
	"path/filepath"
	"time"
)

// Sheet is what the printed reminder sheet of the encrypted backups says
// besides its fixed text.
type Sheet struct {
	Centre string    // the centre's name (settings)
	Made   time.Time // when the passphrase was chosen
	// File is the encrypted copy the sheet goes with (its full path, on a
	// USB stick say): the sheet names the file and its folder. "" leaves
	// them out.
	File string
	// KeepDays is how long a copy may be kept (Policy.MaxAge in days).
	KeepDays int
	// English gives the sheet in English; French otherwise.
	English bool
}

// ReminderSheet returns the lines of the sheet a coordinator prints when
// choosing the passphrase of the encrypted backups, to keep under lock
// apart from the USB stick. The passphrase itself is never printed (a
// printer keeps copies): the sheet leaves a line to write it by hand. It
// says what the passphrase opens, where to keep the sheet, that nobody can
// recover a lost passphrase, how to restore, and how long copies are kept;
// with s.File, which copy it is and where it was written. The UI prints
// each line as a paragraph; an empty line is a space.
func ReminderSheet(s Sheet) []string {
	date := s.Made.Local().Format("02/01/2006")
	keep := s.KeepDays
	if keep <= 0 {
		keep = int(DefaultMaxAge / (24 * time.Hour))
	}
	var copyLines []string
	if s.File != "" {
		name, dir := filepath.Base(s.File), filepath.Dir(s.File)
		at := s.Made.Local().Format("02/01/2006 15:04")
		if s.English {
			copyLines = []string{"Copy made on " + at + ": " + name, "Written to the folder: " + dir}
		} else {
			copyLines = []string{"Copie faite le " + at + " : " + name, "Enregistrée dans le dossier : " + dir}
		}
	}
	if s.English {
		return append(append([]string{
			"Pas à pas — passphrase of the encrypted backups",
			"Centre: " + s.Centre,
		}, copyLines...),
			"Passphrase chosen on "+date+" by: ______________________________",
			"",
			"Passphrase (write it by hand, exactly: capitals, accents, spaces):",
			"",
			"____________________________________________________________",
			"",
			"What it opens: the backups copied to a USB stick or with « pasapasctl backup -o » (files ending in .db.age). They hold the names, phone numbers and notes of the people the centre helps.",
			"Keep this sheet locked away, never with the USB stick, and tell only the coordinators where it is.",
			"Nobody can open a backup without this passphrase, not even the developers of Pas à pas: if it is lost, the backups are lost.",
			"To restore: in the mediator space, tab « Sauvegardes », choose the file and type the passphrase; or, with Pas à pas closed: pasapasctl restore FILE.",
			fmt.Sprintf("Keep copies no longer than %d days: delete older ones from the stick. People erased since a copy was made stay erased when it is restored.", keep),
			"A new passphrase? Print a new sheet, destroy this one, and make a new copy: older copies still need the old passphrase.",
		)
	}
	return append(append([]string{
		"Pas à pas — phrase secrète des sauvegardes chiffrées",
		"Centre : " + s.Centre,
	}, copyLines...),
		"Phrase choisie le "+date+" par : ______________________________",
		"",
		"Phrase secrète (à écrire à la main, exactement : majuscules, accents, espaces) :",
		"",
		"____________________________________________________________",
		"",
		"Ce qu'elle ouvre : les sauvegardes copiées sur une clé USB ou avec « pasapasctl backup -o » (fichiers terminés par .db.age). Elles contiennent les noms, téléphones et notes des personnes accompagnées.",
		"Rangez cette feuille sous clé, jamais avec la clé USB, et ne dites qu'aux coordinateurs où elle est.",
		"Personne ne peut ouvrir une sauvegarde sans cette phrase, pas même les développeurs de Pas à pas : si elle est perdue, les sauvegardes le sont aussi.",
		"Pour restaurer : dans l'espace médiateur, onglet « Sauvegardes », choisissez le fichier et tapez la phrase ; ou, Pas à pas fermé : pasapasctl restore FICHIER.",
		fmt.Sprintf("Ne gardez pas une copie plus de %d jours : effacez les plus anciennes de la clé. Les personnes effacées depuis une copie restent effacées quand on la restaure.", keep),
		"Nouvelle phrase ? Imprimez une nouvelle feuille, détruisez celle-ci et refaites une copie : les anciennes copies demandent l'ancienne phrase.",
	)
}
