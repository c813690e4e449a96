// Command gen writes communes.tsv.gz, the commune table that package commune
// embeds, from an unpacked npm tarball of @etalab/decoupage-administratif
// (INSEE's Code officiel géographique with La Poste's postal codes, data under
// Licence Ouverte 2.0):
//
//	cd /tmp && npm pack @etalab/decoupage-administratif@6.0.0 && tar xzf etalab-decoupage-administratif-6.0.0.tgz
//	cd internal/commune && DECOUPAGE=/tmp/package go generate
//
// It keeps the current communes ("commune-actuelle") that have at least one
// postal code and the municipal arrondissements of Paris, Lyon and Marseille;
// delegated and associated communes are left out. The output is sorted by
// INSEE code and byte-for-byte reproducible.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

type pkg struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type entry struct {
	Code        string   `json:"code"`
	Name        string   `json:"nom"`
	Type        string   `json:"type"`
	Department  string   `json:"departement"`
	Parent      string   `json:"commune"`
	PostalCodes []string `json:"codesPostaux"`
}

func main() {
	src := flag.String("src", "", "the unpacked npm package folder of @etalab/decoupage-administratif (holds package.json and data/communes.json)")
	out := flag.String("out", "communes.tsv.gz", "the file to write")
	flag.Parse()
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(src, out string) error {
	if src == "" {
		return errors.New("no -src: unpack `npm pack @etalab/decoupage-administratif` and give its package folder (DECOUPAGE=... go generate)")
	}
	var p pkg
	if err := readJSON(filepath.Join(src, "package.json"), &p); err != nil {
		return err
	}
	if p.Name != "@etalab/decoupage-administratif" {
		return fmt.Errorf("%s: package %q, want @etalab/decoupage-administratif", src, p.Name)
	}
	var all []entry
	if err := readJSON(filepath.Join(src, "data", "communes.json"), &all); err != nil {
		return err
	}
	rows, err := keep(all)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	// The header names the source; package commune returns it from Table.Source.
	fmt.Fprintf(zw, "# %s %s: Code officiel géographique (INSEE), codes postaux (La Poste), Licence Ouverte 2.0\n", p.Name, p.Version)
	for _, e := range rows {
		fmt.Fprintf(zw, "%s\t%s\t%s\t%s\n", e.Code, e.Name, strings.Join(e.PostalCodes, ","), e.Parent)
	}
	if err := zw.Close(); err != nil {
		return err
	}
	tmp := out + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		return errors.Join(err, os.Remove(tmp))
	}
	fmt.Printf("gen: %s %s: %d communes and arrondissements, %d bytes\n", p.Name, p.Version, len(rows), buf.Len())
	return nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// keep filters and checks the entries: every field the package relies on is
// verified here, so that a new vintage with a different shape fails loudly.
func keep(all []entry) ([]entry, error) {
	var rows []entry
	seen := make(map[string]bool)
	for _, e := range all {
		switch e.Type {
		case "commune-actuelle":
			e.Parent = ""
		case "arrondissement-municipal":
			if e.Parent == "" {
				return nil, fmt.Errorf("arrondissement %s %q has no commune", e.Code, e.Name)
			}
		default:
			continue
		}
		if len(e.PostalCodes) == 0 {
			// The five districts of the French Southern Lands (984xx): no postal code, no inhabitant.
			continue
		}
		if !validINSEE(e.Code) || seen[e.Code] {
			return nil, fmt.Errorf("bad or repeated INSEE code %q (%s)", e.Code, e.Name)
		}
		seen[e.Code] = true
		if e.Department != department(e.Code) {
			return nil, fmt.Errorf("%s %q: department %q, the package derives %q", e.Code, e.Name, e.Department, department(e.Code))
		}
		if e.Name == "" || strings.ContainsAny(e.Name, "\t\n\r") {
			return nil, fmt.Errorf("%s: bad name %q", e.Code, e.Name)
		}
		for _, pc := range e.PostalCodes {
			if len(pc) != 5 || strings.Trim(pc, "0123456789") != "" {
				return nil, fmt.Errorf("%s %q: bad postal code %q", e.Code, e.Name, pc)
			}
		}
		e.PostalCodes = slices.Compact(slices.Sorted(slices.Values(e.PostalCodes)))
		rows = append(rows, e)
	}
	for _, e := range rows {
		if e.Parent != "" && !seen[e.Parent] {
			return nil, fmt.Errorf("arrondissement %s: commune %s is not kept", e.Code, e.Parent)
		}
	}
	slices.SortFunc(rows, func(a, b entry) int { return strings.Compare(a.Code, b.Code) })
	return rows, nil
}

func validINSEE(code string) bool {
	if len(code) != 5 {
		return false
	}
	for i, c := range code {
		digit := c >= '0' && c <= '9'
		if !digit && (i != 1 || code[0] != '2' || (c != 'A' && c != 'B')) {
			return false
		}
	}
	return true
}

// department mirrors commune.department: two characters, three overseas (97x, 98x).
func department(insee string) string {
	if strings.HasPrefix(insee, "97") || strings.HasPrefix(insee, "98") {
		return insee[:3]
	}
	return insee[:2]
}
