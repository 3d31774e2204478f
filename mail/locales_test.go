package mail_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
)

// TestEveryLanguageHasALocaleFileAndNoFileIsOrphaned: the household's language picks the
// locale file, so the files are exactly the languages of domain.Languages.
func TestEveryLanguageHasALocaleFileAndNoFileIsOrphaned(t *testing.T) {
	entries, err := os.ReadDir("locales")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".toml"); ok {
			files = append(files, name)
		}
	}
	want := slices.Sorted(slices.Values(domain.Languages.Codes()))
	if slices.Sort(files); !slices.Equal(files, want) {
		t.Fatalf("locale files %v, want one per language %v", files, want)
	}
}
