// Command bare is the baseline of make bench: a bare Fyne window with about
// twenty widgets in large text (28 px, the kiosk's smallest size), in the
// toolkit's default look, whose first label changes its text on each key
// press. Its stripped binary is Fyne's floor; its key → label change on
// screen is the floor of a kiosk step change.
//
//	go run ./internal/bench/bare [-size 1366x768]
package main

import (
	"flag"
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// big enlarges text on top of the default theme, as the kiosk's smallest size.
type big struct{ fyne.Theme }

func (b big) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText, theme.SizeNameInlineIcon:
		return 28
	case theme.SizeNameHeadingText:
		return 36
	}
	return b.Theme.Size(n)
}

func main() {
	size := flag.String("size", "1366x768", "window size")
	flag.Parse()
	var w, h float32 = 1366, 768
	fmt.Sscanf(*size, "%fx%f", &w, &h)

	a := app.NewWithID("org.pasapas.bench.bare")
	a.Settings().SetTheme(big{theme.DefaultTheme()})
	win := a.NewWindow("bare")
	step := widget.NewLabelWithStyle("Étape 1 sur 8", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	n := 1
	win.Canvas().SetOnTypedKey(func(*fyne.KeyEvent) {
		n = n%8 + 1
		step.SetText("Étape " + strconv.Itoa(n) + " sur 8")
	})
	objs := []fyne.CanvasObject{step, widget.NewLabel("Touchez « Mon compte », en haut de la page.")}
	for i := 1; i <= 6; i++ {
		objs = append(objs, widget.NewButtonWithIcon("Action "+strconv.Itoa(i), theme.NavigateNextIcon(), func() {}))
	}
	e := widget.NewEntry()
	e.SetPlaceHolder("Rechercher…")
	objs = append(objs, e, widget.NewCheck("Se souvenir", nil), widget.NewSelect([]string{"un", "deux"}, nil),
		widget.NewSlider(0, 100), widget.NewProgressBar())
	for i := 0; i < 5; i++ {
		objs = append(objs, widget.NewLabel("Ligne "+strconv.Itoa(i)))
	}
	objs = append(objs, widget.NewHyperlink("fyne.io", nil))
	win.SetContent(container.NewBorder(nil, nil, nil, nil, container.NewVScroll(container.NewGridWithColumns(3, objs...))))
	win.Resize(fyne.NewSize(w, h))
	win.ShowAndRun()
}
