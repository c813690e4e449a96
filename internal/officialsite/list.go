// Package officialsite decides which web addresses a guide may send a
// visitor to: the public services' own sites, on a built-in list of
// official hosts that a centre's coordinator can extend with a few hosts of
// its own (the town hall's site, say).
//
// An address is accepted only when it starts with https://, names no user
// before an @, no port, and a host written in plain lower-case ASCII (no
// look-alike letters from other scripts, no punycode xn-- labels) that is on
// the list. See Check.
package officialsite

import (
	"slices"
	"strings"
)

// Entry is one official host.
type Entry struct {
	// Domain is a host in lower-case ASCII, e.g. "ameli.fr".
	Domain string
	// Subdomains makes every host under Domain official too
	// (www.ameli.fr, assure.ameli.fr…); it is written "*.ameli.fr".
	Subdomains bool
	// Runner says who runs the site: the source of the entry.
	Runner string
}

// String returns the entry as a coordinator writes it: "mairie-exemple.fr"
// or "*.ameli.fr".
func (e Entry) String() string {
	if e.Subdomains {
		return "*." + e.Domain
	}
	return e.Domain
}

// Matches reports whether host (lower-case ASCII, as Check leaves it) is
// this entry's domain or, for a "*." entry, a host under it.
func (e Entry) Matches(host string) bool {
	if host == e.Domain {
		return true
	}
	return e.Subdomains && strings.HasSuffix(host, "."+e.Domain)
}

// Builtin returns the official hosts every guide may use. Each entry names
// who runs the site; registration under gouv.fr is reserved to the State's
// administrations, so every State site is on the list through it.
func Builtin() []Entry {
	return []Entry{
		// The State: the gouv.fr extension is reserved to the State's
		// administrations since 1995 and attributed by the DINUM (direction
		// interministérielle du numérique); the circular of 7 July 2023
		// moves the State's procedure sites there by 1 January 2026.
		{Domain: "gouv.fr", Subdomains: true, Runner: "Services de l'État (extension réservée, DINUM)"},
		// Named State sites, also under gouv.fr, listed for who runs them.
		{Domain: "impots.gouv.fr", Subdomains: true, Runner: "Direction générale des Finances publiques (DGFiP)"},
		{Domain: "ants.gouv.fr", Subdomains: true, Runner: "France Titres – Agence nationale des titres sécurisés (ANTS)"},
		{Domain: "demande-logement-social.gouv.fr", Subdomains: true, Runner: "Ministère chargé du Logement (système national d'enregistrement)"},
		{Domain: "service-public.gouv.fr", Subdomains: true, Runner: "Direction de l'information légale et administrative (DILA), adresse de Service Public depuis le 1er octobre 2025"},
		{Domain: "franceconnect.gouv.fr", Subdomains: true, Runner: "DINUM (FranceConnect)"},
		{Domain: "service-public.fr", Subdomains: true, Runner: "DILA (ancienne adresse de Service Public, redirigée vers service-public.gouv.fr)"},
		// Social security and public operators, outside gouv.fr.
		{Domain: "ameli.fr", Subdomains: true, Runner: "Assurance Maladie (Caisse nationale de l'Assurance Maladie, CNAM)"},
		{Domain: "monespacesante.fr", Subdomains: true, Runner: "Mon espace santé (Ministère de la Santé et Assurance Maladie)"},
		{Domain: "caf.fr", Subdomains: true, Runner: "Caisses d'allocations familiales (Caisse nationale, CNAF)"},
		{Domain: "msa.fr", Subdomains: true, Runner: "Mutualité sociale agricole (Caisse centrale de la MSA)"},
		{Domain: "francetravail.fr", Subdomains: true, Runner: "France Travail (opérateur public de l'emploi, ex-Pôle emploi)"},
		{Domain: "lassuranceretraite.fr", Subdomains: true, Runner: "Assurance retraite (Caisse nationale d'assurance vieillesse, CNAV)"},
		{Domain: "info-retraite.fr", Subdomains: true, Runner: "GIP Union Retraite (tous les régimes de retraite obligatoires)"},
		{Domain: "urssaf.fr", Subdomains: true, Runner: "Urssaf Caisse nationale"},
		// La Poste (a public company): L'Identité Numérique La Poste is a
		// FranceConnect identity provider (lidentitenumerique.laposte.fr);
		// laposte.net is its free e-mail service.
		{Domain: "laposte.fr", Subdomains: true, Runner: "La Poste (L'Identité Numérique La Poste)"},
		{Domain: "laposte.net", Subdomains: true, Runner: "La Poste (messagerie laposte.net)"},
	}
}

// List is a set of official hosts: the built-in ones and those a centre
// added. The zero List holds nothing; use New.
type List struct {
	entries []Entry
}

// New returns the built-in list extended with extra entries (from
// ParseEntry).
func New(extra ...Entry) List {
	return List{entries: append(Builtin(), extra...)}
}

// Entries returns the entries of the list, built-in first.
func (l List) Entries() []Entry { return slices.Clone(l.entries) }

// Lookup returns the most specific entry that host matches: for
// passeport.ants.gouv.fr, ants.gouv.fr rather than gouv.fr.
func (l List) Lookup(host string) (Entry, bool) {
	var best Entry
	found := false
	for _, e := range l.entries {
		if e.Matches(host) && (!found || len(e.Domain) > len(best.Domain)) {
			best, found = e, true
		}
	}
	return best, found
}
