package main

import (
	"runtime/debug"

	"github.com/prometheus/common/version"
)

// Without -ldflags (go run, go build, go install), the version package's
// Version is empty, and so were --version, the landing page and
// build_info's version label: fill it in from what the go command stamped
// in the binary. (The revision it already reads from there.)
func init() {
	if version.Version == "" {
		version.Version = versionFromBuild(debug.ReadBuildInfo())
	}
}

// versionFromBuild returns the main module's version as the go command
// stamped it: a tag, or a pseudo-version of the commit
// (v0.0.0-20261202194252-c456f3682886, +dirty when the tree had changes),
// which go build and go install stamp from the repository; else "devel",
// as go run, or a build outside a repository, stamps neither.
func versionFromBuild(bi *debug.BuildInfo, ok bool) string {
	if ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
