package browser

import (
	"os"
	"os/exec"
	"runtime"

	"golang.org/x/sys/windows/registry"
)

// here returns what discovery reads on this computer: the environment, the
// file system, the registry and PATH.
func here() places {
	return places{
		goos:   runtime.GOOS,
		getenv: os.Getenv,
		isFile: func(path string) bool {
			fi, err := os.Stat(path)
			return err == nil && fi.Mode().IsRegular()
		},
		appPath:  appPath,
		lookPath: exec.LookPath,
	}
}

// appPath returns the default value of the App Paths key of exe, for the
// whole machine and then for the user, with its variables expanded; "" if
// neither has one.
func appPath(exe string) string {
	const key = `SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\`
	for _, root := range []registry.Key{registry.LOCAL_MACHINE, registry.CURRENT_USER} {
		k, err := registry.OpenKey(root, key+exe, registry.QUERY_VALUE)
		if err != nil {
			continue
		}
		v, typ, err := k.GetStringValue("")
		if cerr := k.Close(); cerr != nil && err == nil {
			err = cerr
		}
		if err != nil || v == "" {
			continue
		}
		if typ == registry.EXPAND_SZ {
			if x, err := registry.ExpandString(v); err == nil {
				v = x
			}
		}
		return v
	}
	return ""
}
