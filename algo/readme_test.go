package algo

import (
	"os"
	"strings"
	"testing"
)

// The README's method table is the registry's: this test fails when they differ, and
// LIMEN_UPDATE_README=1 go test -run TestREADME ./algo rewrites the table from the registry.
const (
	readmePath  = "../README.md"
	tableStart  = "<!-- methods: generated from the registry by algo/readme_test.go -->"
	tableFinish = "<!-- end of methods -->"
)

func methodTable() string {
	var b strings.Builder
	b.WriteString("| id | name | kind | parameters (default) | references (default first) | exact to | paper |\n|---|---|---|---|---|---|---|\n")
	for _, m := range Methods() {
		var ps []string
		for _, p := range m.Params {
			ps = append(ps, "`"+p.Name+"` ("+ftoa(p.Default)+")")
		}
		paper := m.Paper
		if paper == "" {
			paper = "—"
		}
		exact := m.Reference
		for _, v := range m.Variants {
			exact += "; `" + v.Library + "`: " + v.Reference
		}
		b.WriteString("| `" + m.ID + "` | " + m.Name + " | " + string(m.Kind) + " | " + strings.Join(ps, ", ") +
			" | " + strings.Join(m.Libraries(), ", ") + " | " + exact + " | " + strings.ReplaceAll(paper, "|", "/") + " |\n")
	}
	return b.String()
}

func TestREADMEListsTheRegistry(t *testing.T) {
	b, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i, j := strings.Index(s, tableStart), strings.Index(s, tableFinish)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the markers %q … %q", tableStart, tableFinish)
	}
	want := tableStart + "\n" + methodTable() + tableFinish
	if got := s[i : j+len(tableFinish)]; got != want {
		if os.Getenv("LIMEN_UPDATE_README") != "" {
			if err := os.WriteFile(readmePath, []byte(s[:i]+want+s[j+len(tableFinish):]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Error("README.md's method table differs from the registry: run LIMEN_UPDATE_README=1 go test -run TestREADME ./algo")
	}
}
