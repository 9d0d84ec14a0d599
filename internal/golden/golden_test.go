package golden

import (
	"os"
	"path/filepath"
	"testing"
)

// recorder captures failures instead of failing the real test.
type recorder struct {
	testing.TB
	errors, fatals int
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.errors++ }
func (r *recorder) Fatalf(string, ...any) { r.fatals++ }
func (r *recorder) Fatal(...any)          { r.fatals++ }

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.golden")
	if err := os.WriteFile(path, []byte("same\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name           string
		path, got      string
		errors, fatals int
	}{
		{"equal", path, "same\n", 0, 0},
		{"different", path, "other\n", 1, 0},
		{"missing file", filepath.Join(dir, "none.golden"), "x", 0, 1},
	}
	for _, tt := range tests {
		r := &recorder{TB: t}
		Check(r, tt.path, []byte(tt.got))
		if r.errors != tt.errors || r.fatals != tt.fatals {
			t.Errorf("%s: %d errors, %d fatals; want %d, %d", tt.name, r.errors, r.fatals, tt.errors, tt.fatals)
		}
	}
}
