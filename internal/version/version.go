// Package version tells which build is running, from the build information the Go
// toolchain embeds in every binary (module version, VCS revision and whether the working
// tree had changes).
package version

import (
	"runtime/debug"
	"strings"
)

// stamped is set only by the linker (-ldflags "-X wohnbruecke/internal/version.stamped=…"),
// for builds without the git history, such as the Dockerfile's; nothing changes it at run
// time.
var stamped string

// Get returns the version of the running binary: the stamped version when the build set
// one, else the module version for a release built with "go install …@vX.Y.Z", else "dev"
// followed by the first twelve digits of the commit and "-dirty" when the tree had
// uncommitted changes; "dev" when nothing is known (tests).
func Get() string {
	if stamped != "" {
		return stamped
	}
	return fromBuildInfo(debug.ReadBuildInfo())
}

func fromBuildInfo(bi *debug.BuildInfo, ok bool) string {
	if !ok {
		return "dev"
	}
	v := bi.Main.Version
	if v != "" && v != "(devel)" && !strings.Contains(v, "+dirty") {
		return v
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	v = "dev"
	if rev != "" {
		v += "-" + rev[:min(12, len(rev))]
	}
	if modified == "true" {
		v += "-dirty"
	}
	return v
}
