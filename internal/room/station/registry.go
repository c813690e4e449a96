package station

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"pasapas/internal/failure"
	"pasapas/internal/room/secretfile"
)

// Kiosk is a paired kiosk.
type Kiosk struct {
	ID     string    `json:"id"`   // room.NewKioskID: the subject token of its events
	Name   string    `json:"name"` // shown to the mediator; unique
	NKey   string    `json:"nkey"` // the public nkey it connects with
	Paired time.Time `json:"paired"`
}

// registry is the list of paired kiosks, kept in kiosks.json. Safe for
// concurrent use; every change is written before it is visible.
type registry struct {
	path string

	mu     sync.Mutex
	kiosks []Kiosk
}

func openRegistry(dataDir string) (*registry, error) {
	r := &registry{path: filepath.Join(Dir(dataDir), kiosksFile)}
	ks, err := readKiosks(r.path)
	if err != nil {
		return nil, err
	}
	r.kiosks = ks
	return r, nil
}

func readKiosks(path string) ([]Kiosk, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("station: kiosks: %w", err)
	}
	var ks []Kiosk
	if err := json.Unmarshal(b, &ks); err != nil {
		return nil, fmt.Errorf("station: %s: %w", kiosksFile, err)
	}
	return ks, nil
}

// ReadKiosks returns the kiosks paired with the station of dataDir, read
// from its folder (the station may or may not be running).
func ReadKiosks(dataDir string) ([]Kiosk, error) {
	if _, err := LoadConfig(dataDir); err != nil {
		return nil, err
	}
	return readKiosks(filepath.Join(Dir(dataDir), kiosksFile))
}

func (r *registry) save(ks []Kiosk) error {
	b, err := json.MarshalIndent(ks, "", "  ")
	if err != nil {
		return fmt.Errorf("station: kiosks: %w", err)
	}
	return secretfile.Write(r.path, append(b, '\n'))
}

func (r *registry) list() []Kiosk {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.kiosks)
}

func (r *registry) byNKey(pub string) (Kiosk, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, k := range r.kiosks {
		if k.NKey == pub {
			return k, true
		}
	}
	return Kiosk{}, false
}

func (r *registry) nameTaken(name string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.ContainsFunc(r.kiosks, func(k Kiosk) bool { return strings.EqualFold(k.Name, name) })
}

func (r *registry) add(k Kiosk) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	ks := append(slices.Clone(r.kiosks), k)
	if err := r.save(ks); err != nil {
		return err
	}
	r.kiosks = ks
	return nil
}

// remove drops the kiosk named nameOrID and returns it.
func (r *registry) remove(nameOrID string) (Kiosk, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	i := slices.IndexFunc(r.kiosks, func(k Kiosk) bool { return k.ID == nameOrID || strings.EqualFold(k.Name, nameOrID) })
	if i < 0 {
		return Kiosk{}, failure.Errorf(failure.NotFound, "remove kiosk", "no kiosk is named %q", nameOrID)
	}
	k := r.kiosks[i]
	ks := slices.Delete(slices.Clone(r.kiosks), i, i+1)
	if err := r.save(ks); err != nil {
		return Kiosk{}, err
	}
	r.kiosks = ks
	return k, nil
}

// RemoveOffline removes a kiosk from the folder of a station that is not
// running (pasapasctl station remove without a station to ask).
func RemoveOffline(dataDir, nameOrID string) (Kiosk, error) {
	if _, err := LoadConfig(dataDir); err != nil {
		return Kiosk{}, err
	}
	r, err := openRegistry(dataDir)
	if err != nil {
		return Kiosk{}, err
	}
	return r.remove(nameOrID)
}
