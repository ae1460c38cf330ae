package pgembed

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFallbackPicksHighestVersion(t *testing.T) {
	root := t.TempDir()
	for _, v := range []string{"9.6", "16", "10"} {
		bin := filepath.Join(root, v, "bin")
		if err := os.MkdirAll(bin, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"initdb", "postgres"} {
			if err := os.WriteFile(filepath.Join(bin, name), []byte("#!/bin/sh\n"), 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Setenv("PATH", t.TempDir())
	saved := fallbackGlob
	fallbackGlob = filepath.Join(root, "*", "bin")
	t.Cleanup(func() { fallbackGlob = saved })

	b, err := findBinaries()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(root, "16", "bin", "postgres"); b.postgres != want {
		t.Errorf("postgres = %s, want %s", b.postgres, want)
	}
}

func TestSocketDirUsable(t *testing.T) {
	for dir, want := range map[string]bool{
		"/tmp/x":                            true,
		"/tmp/a,b":                          false,
		"/tmp/" + string(make([]byte, 100)): false,
	} {
		if got := socketDirUsable(dir, 5432); got != want {
			t.Errorf("socketDirUsable(%q) = %v, want %v", dir, got, want)
		}
	}
}
