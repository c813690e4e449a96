package officialsite

import (
	"fmt"
	"net/url"
	"strings"

	"golang.org/x/net/publicsuffix"
)

// Rule names the part of the address rule that an address or an entry
// breaks. Each is stable: the guide checker builds its message ids on it.
type Rule string

// Rules, in the order Check applies them.
const (
	// RuleScheme: the address does not start with https:// (in lower case).
	RuleScheme Rule = "scheme"
	// RuleSyntax: a space, a control character, a backslash, a letter
	// outside ASCII after the host, or an address too long or that does not
	// read back as written.
	RuleSyntax Rule = "syntax"
	// RuleUserInfo: a name before an @ ("https://www.ameli.fr@evil.net"
	// shows ameli and goes to evil.net).
	RuleUserInfo Rule = "user-info"
	// RulePort: a port after the host ("https://ameli.fr:8443").
	RulePort Rule = "port"
	// RuleLookalike: the host has letters outside ASCII (a Cyrillic "а" in
	// "аmeli.fr") or punycode labels (xn--…), which show as such letters.
	RuleLookalike Rule = "lookalike"
	// RuleHost: the host is not lower-case letters, digits and dashes in
	// dot-separated labels (upper case, a trailing dot, %2e, an IP address…).
	RuleHost Rule = "host"
	// RuleNotListed: the host is on no entry of the list.
	RuleNotListed Rule = "not-listed"
	// RulePublicSuffix: an entry is a suffix under which anyone can
	// register a site (asso.fr, github.io…), so it names no one's site.
	RulePublicSuffix Rule = "public-suffix"
)

// MaxURLLength bounds an address: real ones are well under it.
const MaxURLLength = 512

// Error says which rule an address or an entry breaks.
type Error struct {
	Value string // the address or entry, as given
	Rule  Rule
	Host  string // the host when the rule concerns it, else ""
}

func (e *Error) Error() string {
	v := e.Value
	if len(v) > 80 {
		v = v[:80] + "…"
	}
	switch e.Rule {
	case RuleScheme:
		return fmt.Sprintf("%q must start with https://", v)
	case RuleUserInfo:
		return fmt.Sprintf("%q has a name before @: it goes to %q", v, e.Host)
	case RulePort:
		return fmt.Sprintf("%q has a port after the host", v)
	case RuleLookalike:
		return fmt.Sprintf("%q has letters outside plain ASCII in its host (look-alike letters or xn--)", v)
	case RuleHost:
		return fmt.Sprintf("%q: the host must be lower-case letters, digits and dashes between dots", v)
	case RuleNotListed:
		return fmt.Sprintf("%q: %s is not on the list of official sites", v, e.Host)
	case RulePublicSuffix:
		return fmt.Sprintf("%q: anyone can have a site under it; name the site itself", v)
	default:
		return fmt.Sprintf("%q is not a complete address of plain characters", v)
	}
}

// Check returns the host of raw when it is an official address: https, no
// user-info, no port, a lower-case ASCII host on the list. Otherwise it
// returns an *Error naming the first rule raw breaks.
//
// The address is read with the rules of no one parser: anything two parsers
// could read differently (a backslash, "%" in the host, a space) is refused.
func (l List) Check(raw string) (host string, err error) {
	fail := func(r Rule, host string) (string, error) { return "", &Error{Value: raw, Rule: r, Host: host} }
	rest, ok := strings.CutPrefix(raw, "https://")
	if !ok {
		return fail(RuleScheme, "")
	}
	authority := rest
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		authority = rest[:i]
	}
	if len(raw) > MaxURLLength {
		return fail(RuleSyntax, "")
	}
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c >= 0x80 && i < len("https://")+len(authority):
			return fail(RuleLookalike, "")
		case c <= ' ' || c >= 0x7f || c == '\\':
			return fail(RuleSyntax, "")
		}
	}
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		return fail(RuleUserInfo, authority[at+1:])
	}
	if strings.ContainsAny(authority, "[]") {
		return fail(RuleHost, "")
	}
	if strings.IndexByte(authority, ':') >= 0 {
		return fail(RulePort, "")
	}
	if r := hostRule(authority); r != "" {
		return fail(r, "")
	}
	// Defence in depth: Go's parser must read the same host.
	u, perr := url.Parse(raw)
	if perr != nil || u.Scheme != "https" || u.User != nil || u.Host != authority || u.Opaque != "" {
		return fail(RuleSyntax, "")
	}
	if _, ok := l.Lookup(authority); !ok {
		return fail(RuleNotListed, authority)
	}
	return authority, nil
}

// hostRule returns the rule host breaks as a DNS name of lower-case ASCII
// labels, or "".
func hostRule(host string) Rule {
	if host == "" || len(host) > 253 {
		return RuleHost
	}
	labels := strings.Split(host, ".")
	if len(labels) < 2 {
		return RuleHost
	}
	for _, label := range labels {
		if strings.HasPrefix(label, "xn--") {
			return RuleLookalike
		}
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return RuleHost
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				if c >= 0x80 {
					return RuleLookalike
				}
				return RuleHost
			}
		}
	}
	if last := labels[len(labels)-1]; strings.Trim(last, "0123456789") == "" {
		return RuleHost // an IP address
	}
	return ""
}

// ParseEntry reads an official host as a coordinator writes it in the
// settings: "mairie-exemple.fr" (that host only) or "*.mairie-exemple.fr"
// (it and every host under it). Spaces around it are ignored and ASCII
// capitals lowered. It returns an *Error when the entry is not a plain
// lower-case ASCII host (RuleHost, RuleLookalike, RuleSyntax for an address
// instead of a host) or names a suffix anyone can register under, such as
// asso.fr or github.io (RulePublicSuffix).
func ParseEntry(s string) (Entry, error) {
	raw := s
	fail := func(r Rule) (Entry, error) { return Entry{}, &Error{Value: raw, Rule: r} }
	s = strings.TrimSpace(s)
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return fail(RuleLookalike)
		}
	}
	s = strings.ToLower(s) // ASCII only: no Kelvin sign turning into a k
	if strings.ContainsAny(s, "/:@\\ ") {
		return fail(RuleSyntax)
	}
	e := Entry{Domain: s, Runner: "centre"}
	if d, ok := strings.CutPrefix(s, "*."); ok {
		e = Entry{Domain: d, Subdomains: true, Runner: "centre"}
	}
	if r := hostRule(e.Domain); r != "" {
		return fail(r)
	}
	if suffix, _ := publicsuffix.PublicSuffix(e.Domain); suffix == e.Domain {
		return fail(RulePublicSuffix)
	}
	return e, nil
}

// NewFromSettings returns the built-in list extended with the entries a
// coordinator wrote, and the error of each entry that ParseEntry refused
// (that entry is left out).
func NewFromSettings(entries []string) (List, []error) {
	var extra []Entry
	var errs []error
	for _, s := range entries {
		e, err := ParseEntry(s)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		extra = append(extra, e)
	}
	return New(extra...), errs
}
