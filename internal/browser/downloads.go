package browser

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Document is a file the visitor downloaded.
type Document struct {
	Name string // the file's name
	Path string // where it is
	Size int64  // in bytes
}

// Downloads returns the documents the visitor downloaded during the visit,
// oldest first: finished files only, not Chromium's .crdownload, Firefox's
// .part (nor the empty file Firefox puts beside it) or hidden files. It
// returns none when no visit is open; its error is the folder's.
func (l *Launcher) Downloads() ([]Document, error) {
	l.mu.Lock()
	v := l.visit
	l.mu.Unlock()
	if v == nil {
		return nil, nil
	}
	return listDownloads(v.downloads)
}

// listDownloads returns the finished files of dir, oldest first.
func listDownloads(dir string) ([]Document, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("browser: downloads: %w", err)
	}
	names := map[string]bool{}
	for _, e := range entries {
		names[e.Name()] = true
	}
	type doc struct {
		Document
		mod time.Time
	}
	var docs []doc
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || strings.HasPrefix(name, ".") ||
			strings.HasSuffix(name, ".crdownload") || strings.HasSuffix(name, ".part") || names[name+".part"] {
			continue
		}
		fi, err := e.Info()
		if errors.Is(err, fs.ErrNotExist) {
			continue // renamed or deleted since
		}
		if err != nil {
			return nil, fmt.Errorf("browser: downloads: %w", err)
		}
		docs = append(docs, doc{Document{Name: name, Path: filepath.Join(dir, name), Size: fi.Size()}, fi.ModTime()})
	}
	sort.Slice(docs, func(i, j int) bool {
		if !docs[i].mod.Equal(docs[j].mod) {
			return docs[i].mod.Before(docs[j].mod)
		}
		return docs[i].Name < docs[j].Name
	})
	out := make([]Document, len(docs))
	for i, d := range docs {
		out[i] = d.Document
	}
	return out, nil
}
