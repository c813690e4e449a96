package guide

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // decoders of the pictures a centre may add
	_ "image/png"
	"io/fs"
	"strconv"
	"strings"
)

// Pictures of what the official site shows, under a step's text (issue 13,
// item 4). They are files of the folder pictures/ beside the guide files
// (assets/guides/pictures for the built-in guides, <data>/guides/pictures
// for a centre's), named in the French file:
//
//	[[steps]]
//	id = "creer-compte"
//	picture = "ameli-mon-compte.svg"
//	alt = "Le haut du site ameli. Le bouton « Mon compte » est entouré en orange."
//
// and read when the guide loads, with the rules for files nobody vetted: a
// regular file of at most MaxPictureSize bytes, a PNG or JPEG that decodes
// and is at most MaxPictureSide pixels across, or an SVG that is only
// shapes: no script, no link to another file or site, no DOCTYPE, and no
// text element (the kiosk draws SVG shapes, not SVG text: write the words
// as paths, as the built-in pictures do).
const (
	PicturesDir    = "pictures"
	MaxPictureSize = 512 << 10 // bytes of one picture
	MaxPictureSide = 2048      // pixels across or down of a PNG or JPEG
	MinPictureSide = 16        // a picture smaller than this shows nothing
	maxSVGElements = 5000
	maxSVGDepth    = 32
)

// Picture is a picture file of a guide, read and checked.
type Picture struct {
	Name   string // its file name in the pictures folder, e.g. "ameli-mon-compte.svg"
	Format string // "svg", "png" or "jpeg"
	Data   []byte
	// Width and Height are its size in pixels, or an SVG's viewBox: the
	// kiosk keeps their ratio.
	Width, Height int
}

// pictureFormat returns the format a picture file name says, or "" when
// the name is not an id (see ValidID) followed by .svg, .png, .jpg or .jpeg.
func pictureFormat(name string) string {
	dot := strings.LastIndexByte(name, '.')
	if dot < 0 || !validID(name[:dot]) {
		return ""
	}
	switch name[dot+1:] {
	case "svg":
		return "svg"
	case "png":
		return "png"
	case "jpg", "jpeg":
		return "jpeg"
	}
	return ""
}

// pictureProblem is what is wrong with a picture's content: a problem code,
// its arguments and the English detail.
type pictureProblem struct {
	code   string
	args   []string
	detail string
}

// decodePicture checks the content of a picture file whose name gave
// format, and returns it with its size.
func decodePicture(name, format string, data []byte) (*Picture, *pictureProblem) {
	p := &Picture{Name: name, Format: format, Data: data}
	if format == "svg" {
		w, h, pb := checkSVG(data)
		if pb != nil {
			return nil, pb
		}
		p.Width, p.Height = w, h
		return p, nil
	}
	bad := func(reason string) *pictureProblem {
		return &pictureProblem{CodeBadImage, kv("Name", name, "Reason", reason),
			fmt.Sprintf("picture %q cannot be shown: %s", name, reason)}
	}
	cfg, got, err := image.DecodeConfig(bytes.NewReader(data))
	switch {
	case err != nil:
		return nil, bad("not a PNG or JPEG image")
	case got != format:
		return nil, bad("the file is a " + strings.ToUpper(got) + ", its name says " + strings.ToUpper(format))
	}
	if w, h := cfg.Width, cfg.Height; w > MaxPictureSide || h > MaxPictureSide || w < MinPictureSide || h < MinPictureSide {
		size := strconv.Itoa(w) + "×" + strconv.Itoa(h)
		return nil, &pictureProblem{CodePictureSize, kv("Name", name, "Size", size, "Min", strconv.Itoa(MinPictureSide), "Max", strconv.Itoa(MaxPictureSide)),
			fmt.Sprintf("picture %q is %s pixels: from %d to %d pixels across and down", name, size, MinPictureSide, MaxPictureSide)}
	}
	// The size is bounded: decoding it all costs at most 16 MiB, once.
	if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
		return nil, bad("the image is damaged (" + err.Error() + ")")
	}
	p.Width, p.Height = cfg.Width, cfg.Height
	return p, nil
}

// svgElements are the elements the kiosk's SVG renderer draws, and
// nothing that reaches outside the file: no script, style sheet, image,
// link, use, foreign object or animation.
var svgElements = map[string]bool{
	"svg": true, "g": true, "path": true, "rect": true, "circle": true, "ellipse": true, "line": true,
	"polyline": true, "polygon": true, "title": true, "desc": true, "defs": true,
	"linearGradient": true, "radialGradient": true, "stop": true,
}

// checkSVG parses an SVG file with the rules above and returns the size of
// its viewBox (or width and height).
func checkSVG(data []byte) (w, h int, pb *pictureProblem) {
	bad := func(reason string) (int, int, *pictureProblem) {
		return 0, 0, &pictureProblem{CodeBadImage, kv("Reason", reason), "SVG picture refused: " + reason}
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	depth, count := 0, 0
	root := false
	for {
		tok, err := d.Token()
		if err != nil {
			if err.Error() == "EOF" {
				break
			}
			return bad("not valid XML (" + err.Error() + ")")
		}
		switch t := tok.(type) {
		case xml.Directive:
			return bad("a DOCTYPE or ENTITY declaration")
		case xml.ProcInst:
			if t.Target != "xml" {
				return bad("a processing instruction <?" + t.Target + "?>")
			}
		case xml.StartElement:
			depth++
			count++
			if depth > maxSVGDepth || count > maxSVGElements {
				return bad(fmt.Sprintf("more than %d elements or %d levels", maxSVGElements, maxSVGDepth))
			}
			local := t.Name.Local
			if depth == 1 {
				if local != "svg" {
					return bad("the file does not start with <svg>")
				}
				root = true
				var ok bool
				if w, h, ok = svgSize(t.Attr); !ok {
					return bad("the <svg> element has no viewBox, nor width and height")
				}
			}
			switch {
			case local == "text" || local == "tspan" || local == "textPath":
				return 0, 0, &pictureProblem{CodeSVGText, nil,
					"the SVG has text, which the kiosk does not draw: turn the text into paths (Inkscape: Path, Object to Path)"}
			case !svgElements[local]:
				return bad("element <" + local + ">")
			}
			for _, a := range t.Attr {
				if reason := svgAttr(a); reason != "" {
					return bad(reason)
				}
			}
		case xml.EndElement:
			depth--
		}
	}
	if !root {
		return bad("no <svg> element")
	}
	return w, h, nil
}

// svgAttr returns why an attribute is refused, or "".
func svgAttr(a xml.Attr) string {
	name := strings.ToLower(a.Name.Local)
	v := strings.ToLower(strings.Join(strings.Fields(a.Value), ""))
	switch {
	case strings.HasPrefix(name, "on"):
		return "a script attribute " + a.Name.Local
	case name == "href" && !strings.HasPrefix(v, "#"):
		return "a link to another file or site (" + a.Name.Local + ")"
	case strings.Contains(v, "url(") && !allLocalURLs(v):
		return "a url() to another file or site in " + a.Name.Local
	case strings.Contains(v, "javascript:") || strings.Contains(v, "@import") || strings.Contains(v, "expression("):
		return "a script or import in " + a.Name.Local
	}
	return ""
}

// allLocalURLs reports whether every url( in v points inside the file:
// url(#id).
func allLocalURLs(v string) bool {
	for {
		i := strings.Index(v, "url(")
		if i < 0 {
			return true
		}
		v = strings.TrimLeft(v[i+4:], `'"`)
		if !strings.HasPrefix(v, "#") {
			return false
		}
	}
}

// svgSize reads the size of an SVG from its viewBox, else from width and
// height in pixels. Both must be between 1 and 100,000.
func svgSize(attrs []xml.Attr) (w, h int, ok bool) {
	var width, height string
	for _, a := range attrs {
		switch a.Name.Local {
		case "viewBox":
			f := strings.FieldsFunc(a.Value, func(r rune) bool { return r == ' ' || r == ',' })
			if len(f) == 4 {
				fw, err1 := strconv.ParseFloat(f[2], 64)
				fh, err2 := strconv.ParseFloat(f[3], 64)
				if err1 == nil && err2 == nil {
					return sizeOK(fw, fh)
				}
			}
			return 0, 0, false
		case "width":
			width = strings.TrimSuffix(a.Value, "px")
		case "height":
			height = strings.TrimSuffix(a.Value, "px")
		}
	}
	fw, err1 := strconv.ParseFloat(width, 64)
	fh, err2 := strconv.ParseFloat(height, 64)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return sizeOK(fw, fh)
}

func sizeOK(fw, fh float64) (int, int, bool) {
	if !(fw >= 1 && fh >= 1 && fw <= 1e5 && fh <= 1e5) {
		return 0, 0, false
	}
	return int(fw + 0.5), int(fh + 0.5), true
}

// pictures reads and checks the pictures the French file f names, and
// gives them to g's steps; files already read (by another step or guide
// of the folder) come from seen. It returns the bytes read.
func (c checker) pictures(f *file, g *Guide, dir folder, seen map[string]*Picture, ps *problems) int {
	read := 0
	for i, s := range f.Steps {
		if s.Picture == "" {
			continue
		}
		line := f.tableKeyLine("steps", i, "picture")
		format := pictureFormat(s.Picture)
		if format == "" {
			continue // reported by the checks of the file
		}
		if p, ok := seen[s.Picture]; ok {
			if p != nil {
				g.Steps[i].Picture = p
			}
			continue
		}
		seen[s.Picture] = nil
		data, err := dir.readPicture(s.Picture)
		read += len(data)
		name := truncate(s.Picture, MaxIDLength+5)
		switch {
		case errors.Is(err, errTooLarge):
			ps.errorf(line, CodePictureTooLarge, kv("Name", name, "Max", strconv.Itoa(MaxPictureSize>>10)),
				"picture %q is larger than %d KiB", name, MaxPictureSize>>10)
			continue
		case errors.Is(err, fs.ErrNotExist):
			ps.errorf(line, CodeUnknownPicture, kv("Name", name, "Dir", PicturesDir),
				"picture %q is not in the folder %s/ beside the guide", name, PicturesDir)
			continue
		case err != nil:
			ps.errorf(line, CodeBadImage, kv("Name", name, "Reason", err.Error()), "picture %q cannot be read: %v", name, err)
			continue
		}
		p, pb := decodePicture(s.Picture, format, data)
		if pb != nil {
			if pb.code != CodeBadImage || len(pb.args) == 0 || pb.args[0] != "Name" {
				pb.args = append(kv("Name", name), pb.args...)
			}
			ps.add(Error, line, pb.code, pb.detail, pb.args...)
			continue
		}
		seen[s.Picture] = p
		g.Steps[i].Picture = p
	}
	return read
}

// pictureFields checks the picture and alt of every step of a file: in the
// French file, a safe picture name with its alt text; in a translation, an
// alt text wherever the French step has a picture (else the French one is
// read), and no picture of its own.
func (c checker) pictureFields(f *file, g *Guide, ps *problems) {
	for i, s := range f.Steps {
		line := f.tableKeyLine("steps", i, "picture")
		altLine := f.tableKeyLine("steps", i, "alt")
		hasPicture := s.Picture != ""
		if f.lang != Reference {
			if hasPicture {
				ps.warnf(line, CodeStructureInTrans, kv("Field", "steps.picture"), "%q belongs in the French file; it is ignored here", "picture")
			}
			hasPicture = false
			if g != nil {
				for _, gs := range g.Steps {
					if gs.ID == s.ID {
						hasPicture = gs.pictureName != ""
					}
				}
			}
		} else if hasPicture && pictureFormat(s.Picture) == "" {
			name := truncate(s.Picture, MaxIDLength+5)
			ps.errorf(line, CodeBadPicture, kv("Name", name),
				"picture %q must be a name like \"site-bouton.svg\": lower-case letters, digits, dashes, then .svg, .png or .jpg", name)
		}
		switch {
		case hasPicture && strings.TrimSpace(s.Alt) == "":
			if f.lang == Reference {
				ps.errorf(line, CodeMissingAlt, kv("Step", s.ID, "Lang", f.lang),
					"step %q has a picture without alt text: write alt = what the picture shows, for who cannot see it", s.ID)
			} else {
				ps.warnf(f.tableLine("steps", i), CodeMissingAlt, kv("Step", s.ID, "Lang", f.lang),
					"step %q has no %s alt text for its picture: the French one is read", s.ID, f.lang)
			}
		case !hasPicture && s.Alt != "":
			ps.warnf(altLine, CodeAltWithoutPicture, kv("Step", s.ID), "step %q has alt text but no picture (ignored)", s.ID)
		case s.Alt != "":
			if c.field(altLine, "steps.alt", s.Alt, MaxTextRunes, ps) {
				for _, l := range LongSentences(f.lang, s.Alt) {
					ps.warnf(altLine, CodeLongSentence, kv("Count", strconv.Itoa(l.Words), "Max", strconv.Itoa(l.Max), "Text", l.Text),
						"sentence of %d words (at most %d): %q", l.Words, l.Max, l.Text)
				}
			}
		}
	}
}
